#!/usr/bin/env bash
# Builds and tests the generated SDKs against the pinned Pulumi SDKs:
#   nodejs: npm install + tsc; python: install into a venv and run tests/sdk with Pulumi's mocks;
#   go: build and vet against github.com/pulumi/pulumi/sdk/v3 of the pinned version.
# Installs are cached outside the clone (npm's cache, the venv, Go's module cache).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source=sdk-gen/versions.env
. "$here/versions.env"
cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}

echo "test-sdks: nodejs" >&2
(
  cd "$root/sdk/nodejs"
  # Everything package.json lists, with @pulumi/pulumi at exactly the pinned version.
  npm install --no-audit --no-fund --no-save "@pulumi/pulumi@$PULUMI_VERSION" >&2
  npx --no-install tsc >&2
  test -f bin/index.js && test -f bin/userPoolClient.d.ts
)

echo "test-sdks: python" >&2
venv="$cache/venv-sdk-python-$PULUMI_VERSION"
if [ ! -x "$venv/bin/pytest" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "pulumi==$PULUMI_VERSION" pytest >&2
fi
# A fresh install of the generated package (same version number, new contents), with its own
# dependencies, and the Pulumi SDK held at the pinned version.
"$venv/bin/pip" uninstall --quiet --yes pulumi_cognito >&2 || true
"$venv/bin/pip" install --quiet "$root/sdk/python" "pulumi==$PULUMI_VERSION" >&2
(cd "$root/tests/sdk" && "$venv/bin/python" -m pytest -q -p no:cacheprovider test_python_sdk.py)

echo "test-sdks: go" >&2
(
  cd "$root/sdk"
  go build ./...
  go vet ./...
)
