#!/usr/bin/env python3
"""Prints the third-party notices of the plugin binary built for a target: every crate compiled
into it (the normal dependencies, for that platform), its licence expression, and the licence
and notice files it ships, each distinct text once with the crates that carry it.

    notices.py TARGET > THIRD_PARTY_NOTICES.txt

Run by sdk-gen/dist.sh for each archive. Needs cargo (metadata of the locked dependency tree).
"""

import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FILES = re.compile(r"^(licen[cs]e|copying|notice|copyright)([-._].*)?$", re.IGNORECASE)


MIT = """Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    target = argv[1]
    meta = json.loads(
        subprocess.check_output(
            ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", target,
             "--manifest-path", os.path.join(ROOT, "Cargo.toml")]
        )
    )
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    # Normal dependencies only: build scripts, proc macros and dev-dependencies are not shipped.
    seen, todo = set(), [root]
    while todo:
        node = nodes[todo.pop()]
        for dep in node["deps"]:
            if any(k["kind"] is None for k in dep["dep_kinds"]) and dep["pkg"] not in seen:
                if packages[dep["pkg"]]["targets"][0]["kind"] == ["proc-macro"]:
                    continue
                seen.add(dep["pkg"])
                todo.append(dep["pkg"])
    texts = collections.OrderedDict()
    crates = []
    for pid in sorted(seen, key=lambda i: (packages[i]["name"], packages[i]["version"])):
        p = packages[pid]
        crates.append(f"{p['name']} {p['version']}: {p.get('license') or 'see its licence file'}")
        folder = os.path.dirname(p["manifest_path"])
        names = sorted(f for f in os.listdir(folder) if FILES.match(f) and os.path.isfile(os.path.join(folder, f)))
        if p.get("license_file"):
            names.append(p["license_file"])
        for name in dict.fromkeys(names):
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                text = f.read().strip()
            texts.setdefault(text, []).append(f"{p['name']} {p['version']} ({name})")
    # A few crates publish no licence file. For them, the standard text of their licence, with
    # their authors as the copyright holders (MIT, the case today; Apache-2.0 is LICENSE's text).
    for pid in sorted(seen, key=lambda i: (packages[i]["name"], packages[i]["version"])):
        p = packages[pid]
        who = f"{p['name']} {p['version']}"
        if any(owner.startswith(who + " (") for owners in texts.values() for owner in owners):
            continue
        expr = p.get("license") or ""
        holders = ", ".join(p.get("authors") or []) or f"the {p['name']} authors"
        if re.search(r"\bMIT\b", expr):
            text = f"Copyright (c) {holders}\n\n{MIT}"
        elif re.search(r"\bApache-2\.0\b", expr):
            with open(os.path.join(ROOT, "LICENSE"), encoding="utf-8") as f:
                text = f.read().strip()
        else:
            sys.exit(f"notices: {who} ({expr or 'no licence'}) ships no licence text and has no standard one here")
        texts.setdefault(text, []).append(f"{who} (standard {expr} text; the crate ships none)")
    out = sys.stdout
    out.write("Third-party software in pulumi-resource-cognito\n")
    out.write(f"(target {target}; generated from the locked dependency tree by sdk-gen/notices.py)\n\n")
    out.write("Crates compiled into this binary, with their licences:\n\n")
    for line in crates:
        out.write(f"  {line}\n")
    out.write("\nTheir licence and notice texts follow, each once, after the crates that ship it.\n")
    for text, owners in texts.items():
        out.write("\n" + "=" * 78 + "\n")
        for owner in owners:
            out.write(f"{owner}\n")
        out.write("-" * 78 + "\n")
        out.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
