#!/usr/bin/env bash
# Refreshes schema/cognito-idp-model.json, the value constraints of the Cognito API that Check
# enforces, from the pinned botocore release (the service model behind the AWS API Reference).
#
#   sdk-gen/update-cognito-model.sh
#
# The wheel is downloaded once into the cache outside the clone. Raising BOTOCORE_VERSION in
# sdk-gen/versions.env and running `make gen` moves the provider to a newer model; the tests then
# say where the property table and the model disagree.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source=sdk-gen/versions.env
. "$here/versions.env"
cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
dir="$cache/botocore"
wheel="$dir/botocore-$BOTOCORE_VERSION-py3-none-any.whl"
if [ ! -f "$wheel" ]; then
  mkdir -p "$dir"
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$dir" "botocore==$BOTOCORE_VERSION" >&2
fi
python3 "$here/cognito-model.py" "$wheel" "$root/schema/cognito-idp-model.json"
