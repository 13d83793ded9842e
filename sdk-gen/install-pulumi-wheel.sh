#!/usr/bin/env bash
# Installs the `pulumi` Python wheel of the pinned version into a cached venv and dumps the
# protocol descriptors it embeds to a FileDescriptorSet; prints that file's path (last line of
# stdout). tests/wire_compat.rs reads it via COGNITO_TEST_PULUMI_FDS to check our proto files.
#
# Why the wheel: it is the one registry artifact of a given Pulumi release that carries the real
# compiled protocol, so no upstream .proto source is needed. Cached outside the clone
# ($PULUMI_COGNITO_CACHE, default ~/.cache/pulumi-cognito); a second run does nothing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=sdk-gen/versions.env
. "$here/versions.env"

cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
venv="$cache/venv-pulumi-$PULUMI_VERSION"
out="$cache/pulumi-$PULUMI_VERSION.fds.bin"

if [ -s "$out" ] && [ -f "$venv/.installed" ]; then
  echo "$out"
  exit 0
fi

mkdir -p "$cache"
exec 9>"$cache/.install-pulumi-wheel.lock"
flock 9 # concurrent callers wait, then find the cache filled

# A marker written only after pip succeeded, so an interrupted install is redone, not trusted.
if [ ! -f "$venv/.installed" ]; then
  echo "install-pulumi-wheel: installing pulumi==$PULUMI_VERSION into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pulumi==$PULUMI_VERSION" >&2
  touch "$venv/.installed"
fi

if [ ! -s "$out" ]; then
  "$venv/bin/python" "$here/dump_pulumi_descriptors.py" "$out" provider engine plugin >/dev/null
fi
echo "$out"
