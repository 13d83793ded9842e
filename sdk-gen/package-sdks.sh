#!/usr/bin/env bash
# The SDK packages of a release, from the schema the release's binary serves:
#
#   sdk-gen/package-sdks.sh VERSION DIST_DIR [PROVIDER_BIN]
#
# writes DIST_DIR/pulumi-cognito-cognito-VERSION.tgz (npm pack), pulumi_cognito-VERSION-*.whl
# and pulumi_cognito-VERSION.tar.gz (wheel and sdist). The Go SDK is a module of the repository
# (github.com/pulumi-cognito/pulumi-cognito/sdk, sdk/go.mod): Go resolves a version of it from
# the tag sdk/vVERSION, which the release workflow pushes; nothing is packed for it.
# PROVIDER_BIN defaults to the release build (sdk-gen/release.sh) with VERSION compiled in.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source=sdk-gen/versions.env
. "$here/versions.env"
[ $# -ge 2 ] || {
  echo "usage: $0 VERSION DIST_DIR [PROVIDER_BIN]" >&2
  exit 2
}
version=$1
dist=$(mkdir -p "$2" && cd "$2" && pwd)
bin=${3:-$(PULUMI_COGNITO_VERSION="$version" "$here/release.sh" build)}
cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
log() { echo "package-sdks: $*" >&2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" --schema >"$work/schema.json"
grep -q "\"version\": \"$version\"" "$work/schema.json" || {
  log "the binary's schema is not version $version"
  exit 1
}

pulumi_bin=$("$here/install-pulumi.sh" nodejs python)
export PATH="$pulumi_bin:$PATH" PULUMI_SKIP_UPDATE_CHECK=true PULUMI_IGNORE_AMBIENT_PLUGINS=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_HOME="$work/home"
for lang in nodejs python; do
  pulumi package gen-sdk "$work/schema.json" --language "$lang" --out "$work/sdk" --version "$version" >&2
done

log "npm package"
(
  cd "$work/sdk/nodejs"
  npm install --no-audit --no-fund --no-save "@pulumi/pulumi@$PULUMI_VERSION" >&2
  npx --no-install tsc >&2
  cp package.json README.md bin/
  cp "$root/LICENSE" bin/
  cd bin
  npm pack --pack-destination "$dist" >&2
)

log "Python wheel and sdist"
venv="$cache/venv-build"
[ -x "$venv/bin/pyproject-build" ] || {
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q build >&2
}
cp "$work/sdk/python/pulumi_cognito/README.md" "$work/sdk/python/README.md"
cp "$root/LICENSE" "$work/sdk/python/LICENSE"
"$venv/bin/pyproject-build" --sdist --wheel --outdir "$dist" "$work/sdk/python" >&2

# Each package must install in a fresh project and load, as a user's would.
log "installing the packages in fresh projects"
(
  cd "$work" && mkdir npm-user && cd npm-user
  npm init -y >/dev/null
  npm install --no-audit --no-fund "$dist/pulumi-cognito-cognito-$version.tgz" >&2
  node -e 'const c = require("@pulumi-cognito/cognito"); if (typeof c.UserPoolClient !== "function" || typeof c.UserPoolClientSecret !== "function") process.exit(1)'
) || { log "the npm package does not load in a fresh project"; exit 1; }
(
  python3 -m venv "$work/py-user"
  "$work/py-user/bin/pip" install -q "$dist/pulumi_cognito-$version-py3-none-any.whl" >&2
  "$work/py-user/bin/python" -c 'import pulumi_cognito as c; c.UserPoolClient; c.UserPoolClientSecret'
) || { log "the Python wheel does not load in a fresh environment"; exit 1; }

log "Go: tag sdk/v$version (the release workflow does) to publish github.com/pulumi-cognito/pulumi-cognito/sdk"
ls "$dist" >&2
