#!/usr/bin/env python3
"""Starts a plugin binary as the engine would and asks it for its version over gRPC.

    <pulumi wheel venv>/bin/python probe-plugin.py VERSION COMMAND [ARGS...]

COMMAND is the binary, or a runner and the binary (`qemu-aarch64 -L /usr/aarch64-linux-gnu
pulumi-resource-cognito`). The plugin must print its port as the first line of stdout within 60
seconds (emulated, it is slow), and GetPluginInfo must answer VERSION. The process is stopped
afterwards. Uses the gRPC stubs of the `pulumi` wheel (sdk-gen/install-pulumi-wheel.sh).
"""

import subprocess
import sys
import threading

import grpc
from google.protobuf import empty_pb2
from pulumi.runtime.proto import provider_pb2_grpc


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    want, command = argv[1], argv[2:]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        line = []
        reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()))
        reader.start()
        reader.join(60)
        if not line or not line[0].strip().isdigit():
            print(f"probe: no port on stdout within 60 s: {line!r}", file=sys.stderr)
            return 1
        port = int(line[0])
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            grpc.channel_ready_future(channel).result(timeout=60)
            info = provider_pb2_grpc.ResourceProviderStub(channel).GetPluginInfo(
                empty_pb2.Empty(), timeout=60
            )
        if info.version != want:
            print(f"probe: GetPluginInfo answered {info.version!r}, expected {want!r}", file=sys.stderr)
            return 1
        print(f"probe: port {port}, GetPluginInfo {info.version}", file=sys.stderr)
        return 0
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
