#!/usr/bin/env bash
# Regenerates sdk/nodejs, sdk/python and sdk/go from schema/schema.json with the pinned Pulumi
# CLI (`pulumi package gen-sdk`, one language at a time: each language's generator is its
# language host). The result is committed; `make check-gen` fails when it is stale.
#
#   sdk-gen/gen-sdk.sh [nodejs] [python] [go]      (default: all three)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
langs=("$@")
[ ${#langs[@]} -gt 0 ] || langs=(nodejs python go)

bin=$("$here/install-pulumi.sh" "${langs[@]}")
export PATH="$bin:$PATH" PULUMI_SKIP_UPDATE_CHECK=true PULUMI_IGNORE_AMBIENT_PLUGINS=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_HOME=${PULUMI_HOME:-$(mktemp -d)}
version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)

cd "$root"
for lang in "${langs[@]}"; do
  echo "gen-sdk: $lang $version" >&2
  pulumi package gen-sdk schema/schema.json --language "$lang" --out sdk --version "$version" >&2
done

# pyproject.toml names a README beside it, which the generator writes inside the package.
if [[ " ${langs[*]} " == *" python "* ]]; then
  cp sdk/python/pulumi_cognito/README.md sdk/python/README.md
fi

# The Go SDK is a package of the module rooted at sdk/ (sdk/go.mod, kept by hand), so that
# its import path matches the schema's importBasePath; gen-sdk writes no go.mod of its own.
if [[ " ${langs[*]} " == *" go "* ]]; then
  (cd sdk && GOFLAGS=-mod=mod go mod tidy >&2)
fi
