#!/usr/bin/env bash
# The acceptance tests (tests/acceptance, Go, github.com/pulumi/providertest): every example in
# YAML, TypeScript, Python and Go through the real Pulumi engine with the provider binary
# attached, against moto and the strict emulator, upgrade previews from the last release, and
# what the user sees under the CLI, and the install path of a release (sdk-gen/dist.sh host).
#
#   PROVIDER_BIN=path/to/pulumi-resource-cognito sdk-gen/acceptance.sh [go test flags...]
#
# e.g. `sdk-gen/acceptance.sh -run 'TestExamples/yaml'` for one. The SDKs must be built
# (`make sdks`: the TypeScript example uses sdk/nodejs/bin). Everything runs in temporary
# directories with their own Pulumi home and file backends; Go's caches are outside the clone.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
[ -n "${PROVIDER_BIN:-}" ] && [ -x "$PROVIDER_BIN" ] || {
  echo "acceptance: set PROVIDER_BIN to the provider binary" >&2
  exit 2
}
[ -f "$root/sdk/nodejs/bin/index.js" ] || {
  echo "acceptance: sdk/nodejs/bin is not built: run \`make sdks\` first" >&2
  exit 2
}
# The pinned CLI with its language hosts beside it, first on PATH.
bin=$("$here/install-pulumi.sh" yaml nodejs python go)
"$here/install-moto.sh" >/dev/null
"$here/install-strict-cognito.sh" >/dev/null
export PATH="$bin:$PATH"
export COGNITO_PROVIDER_BIN
COGNITO_PROVIDER_BIN=$(readlink -f "$PROVIDER_BIN")
# The release archive of this machine and the packed SDKs, for TestPluginDownload (a user's
# install path: the engine downloads the plugin on first use).
export COGNITO_DIST_DIR COGNITO_DIST_VERSION
COGNITO_DIST_DIR=$(mktemp -d)
trap 'rm -rf "$COGNITO_DIST_DIR"' EXIT
COGNITO_DIST_VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
DIST_DIR=$COGNITO_DIST_DIR "$here/dist.sh" host
cd "$root/tests/acceptance"
go test -count=1 -timeout 60m "$@" .
