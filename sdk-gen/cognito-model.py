#!/usr/bin/env python3
"""Extracts the value constraints of the app-client operations from botocore's cognito-idp
service model (the API Reference's own data) into a small JSON file the provider reads.

    cognito-model.py BOTOCORE_WHEEL OUT.json

Only facts are kept: for each operation used, its input shape; for each shape reachable from
those, its type, members, required members, length or value bounds, pattern and enum values.
The model's documentation text is left out. Run by sdk-gen/update-cognito-model.sh (make gen).
"""

import gzip
import json
import re
import sys
import zipfile

OPERATIONS = [
    "CreateUserPoolClient",
    "UpdateUserPoolClient",
    "DescribeUserPoolClient",
    "DeleteUserPoolClient",
    "ListUserPoolClients",
    "AddUserPoolClientSecret",
    "ListUserPoolClientSecrets",
    "DeleteUserPoolClientSecret",
]
FACTS = ("type", "min", "max", "pattern", "enum", "required", "sensitive")


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    wheel, out = argv[1], argv[2]
    version = re.search(r"botocore-([^-]+)-", wheel.rsplit("/", 1)[-1])
    with zipfile.ZipFile(wheel) as z:
        path = "botocore/data/cognito-idp/2016-04-18/service-2.json.gz"
        model = json.loads(gzip.decompress(z.read(path)))
    shapes = model["shapes"]
    kept, todo = {}, []
    operations = {}
    for op in OPERATIONS:
        if op not in model["operations"]:
            continue  # an older model: the provider's test says what is missing
        shape = model["operations"][op]["input"]["shape"]
        operations[op] = shape
        todo.append(shape)
    while todo:
        name = todo.pop()
        if name in kept:
            continue
        shape = shapes[name]
        fact = {k: shape[k] for k in FACTS if k in shape}
        if shape["type"] == "structure":
            fact["members"] = {m: spec["shape"] for m, spec in shape["members"].items()}
            todo.extend(fact["members"].values())
        elif shape["type"] == "list":
            fact["member"] = shape["member"]["shape"]
            todo.append(fact["member"])
        kept[name] = fact
    doc = {
        "source": {
            "package": "botocore",
            "version": version.group(1) if version else "unknown",
            "service": model["metadata"]["serviceId"],
            "apiVersion": model["metadata"]["apiVersion"],
            "licence": "Apache-2.0",
        },
        "operations": operations,
        "shapes": dict(sorted(kept.items())),
    }
    text = json.dumps(doc, indent=2, sort_keys=False) + "\n"
    # Written only when it changes: the plugin compiles the file in, and a new modification time
    # alone would make cargo build the release crate again after `make gen`.
    try:
        with open(out) as f:
            if f.read() == text:
                return 0
    except FileNotFoundError:
        pass
    with open(out, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
