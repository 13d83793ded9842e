#!/usr/bin/env python3
"""How the provider's cost grows with the pool: one YAML stack of N clients in one pool, through
the real engine with checkpoints off, `pulumi up`, a no-op `pulumi preview`, `pulumi refresh`
and `pulumi destroy`. Run by sdk-gen/bench.sh inside the environment of sdk-gen/pulumi-env.sh.

    bench-scale.py LABEL PROVIDER_BIN ENDPOINT POOL N WORKDIR [CALLS_URL]

Prints `LABEL_N_STEP_what=value` lines: wall seconds, the provider's CPU milliseconds (user +
system, all of its processes in the step), its peak resident memory (VmHWM, KiB), and, with
CALLS_URL (the strict emulator's `/_calls`), the Cognito calls of the step by operation.

The provider's CPU and memory are sampled from /proc every 20 ms while the step runs (only
provider processes that started during the step count): the engine
kills its plugins when it is done, so nothing can be read after they exit. What the last sample
misses is the plugin's final 20 ms, in which it is idle (the engine has had its answers).
"""

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request

TICK = os.sysconf("SC_CLK_TCK")
NAME = "pulumi-resource-cognito"


class Sampler(threading.Thread):
    """The last CPU time and the high-water mark of memory of every provider process seen."""

    def __init__(self):
        super().__init__(daemon=True)
        self.seen = {}  # pid -> (cpu ticks, VmHWM KiB)
        self.done = threading.Event()
        # Providers already running (another run's, a stray one) are not this step's.
        self.before = {pid for pid in os.listdir("/proc") if pid.isdigit() and self.ours(pid)}

    @staticmethod
    def ours(pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                return f"({NAME[:15]})" in f.read()
        except OSError:
            return False

    def run(self):
        while not self.done.is_set():
            for pid in os.listdir("/proc"):
                if not pid.isdigit() or pid in self.before:
                    continue
                try:
                    with open(f"/proc/{pid}/stat") as f:
                        stat = f.read()
                    if f"({NAME[:15]})" not in stat:
                        continue
                    fields = stat.rsplit(")", 1)[1].split()
                    ticks = int(fields[11]) + int(fields[12])
                    hwm = 0
                    with open(f"/proc/{pid}/status") as f:
                        for line in f:
                            if line.startswith("VmHWM:"):
                                hwm = int(line.split()[1])
                    self.seen[pid] = (ticks, hwm)
                except (OSError, ValueError, IndexError):
                    continue
            time.sleep(0.02)

    def totals(self):
        cpu_ms = sum(t for t, _ in self.seen.values()) * 1000 / TICK
        rss = max((h for _, h in self.seen.values()), default=0)
        return cpu_ms, rss


def calls(url):
    if not url:
        return {}
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def step(args, cwd, log):
    sampler = Sampler()
    sampler.start()
    start = time.monotonic()
    with open(log, "w") as out:
        result = subprocess.run(args, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    wall = time.monotonic() - start
    sampler.done.set()
    sampler.join()
    if result.returncode != 0:
        sys.stderr.write(open(log).read()[-4000:])
        raise SystemExit(f"bench-scale: {' '.join(args)} failed")
    return wall, *sampler.totals()


def main():
    label, provider, endpoint, pool, n, work = sys.argv[1:7]
    calls_url = sys.argv[7] if len(sys.argv) > 7 else ""
    n = int(n)
    project = os.path.join(work, f"scale-{label}-{n}")
    os.makedirs(project, exist_ok=True)
    with open(os.path.join(project, "Pulumi.yaml"), "w") as f:
        f.write(f"name: scale-{label}-{n}\nruntime: yaml\nresources:\n")
        for i in range(n):
            f.write(
                f"  client{i}:\n    type: cognito:UserPoolClient\n    properties:\n"
                f"      userPoolId: {pool}\n      generateSecret: true\n"
                f"      explicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]\n"
            )
    env_run = lambda *a: subprocess.run(a, cwd=project, check=True, stdout=subprocess.DEVNULL)
    version = subprocess.run(
        ["sed", "-n", 's/^version *= *"\\(.*\\)"/\\1/p', "Cargo.toml"],
        capture_output=True, text=True, check=True,
    ).stdout.split()[0]
    env_run("pulumi", "plugin", "install", "resource", "cognito", version, "--file", provider, "--reinstall")
    env_run("pulumi", "stack", "init", "scale")
    env_run("pulumi", "config", "set", "cognito:endpoint", endpoint)
    env_run("pulumi", "config", "set", "cognito:region", "us-east-1")
    env_run("pulumi", "config", "set", "cognito:poolChangesPerSecond", "0")
    os.environ["PULUMI_SKIP_CHECKPOINTS"] = "true"
    steps = [
        ("up", ["pulumi", "up", "--yes", "--skip-preview"]),
        ("preview", ["pulumi", "preview", "--expect-no-changes"]),
        ("refresh", ["pulumi", "refresh", "--yes", "--skip-preview"]),
        ("destroy", ["pulumi", "destroy", "--yes", "--skip-preview"]),
    ]
    for name, args in steps:
        before = calls(calls_url)
        wall, cpu_ms, rss = step(args, project, os.path.join(project, f"{name}.log"))
        after = calls(calls_url)
        key = f"{label}_{n}_{name}"
        print(f"{key}_wall_s={wall:.1f}")
        print(f"{key}_cpu_ms={cpu_ms:.0f}")
        print(f"{key}_cpu_per_client_ms={cpu_ms / n:.2f}")
        print(f"{key}_rss_kib={rss}")
        if calls_url:
            delta = {op: after.get(op, 0) - before.get(op, 0) for op in after}
            delta = {op: c for op, c in delta.items() if c}
            total = sum(delta.values())
            print(f"{key}_calls_per_client={total / n:.2f}")
            print(f"{key}_calls=" + ", ".join(f"{op} {c}" for op, c in sorted(delta.items())))
        sys.stdout.flush()
    env_run("pulumi", "stack", "rm", "--yes", "--force")


if __name__ == "__main__":
    main()
