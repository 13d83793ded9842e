"""Writes the protocol descriptors embedded in the installed `pulumi` wheel as one
FileDescriptorSet, so tests/wire_compat.rs can compare our own proto files with the ones the
engine of the pinned version really speaks.

    python dump_pulumi_descriptors.py OUT MODULE...    (e.g. OUT provider engine plugin)

Each MODULE names pulumi/runtime/proto/MODULE_pb2.py. Every file they import is included too
(dependencies before dependents, as protoc does), so the set is self-contained. Prints OUT as its
last line on stdout; anything else goes to stderr.
"""

import importlib
import os
import sys

from google.protobuf import descriptor_pb2


def add_with_deps(fd, out, seen):
    # Depth-first on imports so each file follows everything it refers to.
    if fd.name in seen:
        return
    seen.add(fd.name)
    for dep in fd.dependencies:
        add_with_deps(dep, out, seen)
    proto = descriptor_pb2.FileDescriptorProto()
    fd.CopyToProto(proto)
    out.file.append(proto)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    out_path, modules = argv[1], argv[2:]
    fds = descriptor_pb2.FileDescriptorSet()
    seen = set()
    for name in modules:
        module = importlib.import_module(f"pulumi.runtime.proto.{name}_pb2")
        add_with_deps(module.DESCRIPTOR, fds, seen)
    # Write beside the target and rename, so a reader never sees half a file.
    tmp = f"{out_path}.tmp.{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(fds.SerializeToString())
    os.replace(tmp, out_path)
    print(f"dump_pulumi_descriptors: {len(fds.file)} files: "
          + ", ".join(p.name for p in fds.file), file=sys.stderr)
    print(out_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
