#!/usr/bin/env bash
# Installs moto (the Cognito emulator the tests and the demo run against) into a cached venv and
# prints the venv's bin directory (moto_server, python with boto3).
#
#   sdk-gen/install-moto.sh
#
# Why a venv of our own: moto is pinned (its behaviour is what the tests were written against,
# see the emulator notes), and the system Python must not be changed. The venv lives in the
# cache outside the clone ($PULUMI_COGNITO_CACHE, default ~/.cache/pulumi-cognito) so a second
# run, and CI on this machine, returns at once. boto3 comes in as a dependency of moto; the
# helper scripts (create-user-pool.py, describe-client.py) use it from this venv.
set -euo pipefail

MOTO_VERSION=5.2.5

cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
venv="$cache/venv-moto"
# The marker is written last, after a successful install, so a half-finished venv (an
# interrupted pip) is never taken for a good one. It names the version, so changing
# MOTO_VERSION above reinstalls.
marker="$venv/.installed-moto-$MOTO_VERSION"
log() { echo "install-moto: $*" >&2; }

installed() { [ -x "$venv/bin/moto_server" ] && [ -f "$marker" ]; }

if installed; then
  echo "$venv/bin"
  exit 0
fi

mkdir -p "$cache"
exec 9>"$cache/.install-moto.lock"
flock 9 # parallel test runs: one installs, the others wait and then find it done
if installed; then
  echo "$venv/bin"
  exit 0
fi

python=$(command -v python3 || true)
[ -n "$python" ] || {
  log "python3 is needed to create the moto venv (none on PATH)"
  exit 1
}

# Anything here without the marker is a broken or older install: start from scratch rather than
# upgrading in place, so the result only ever depends on the pinned version.
rm -rf "$venv"
log "creating $venv with moto[server]==$MOTO_VERSION (about 35 s)"
"$python" -m venv "$venv" >&2
"$venv/bin/python" -m pip install --quiet "moto[server]==$MOTO_VERSION" >&2
# Fail here, not later in a test, if the install is not usable.
"$venv/bin/python" -c 'import boto3, moto.server' >&2
[ -x "$venv/bin/moto_server" ] || {
  log "moto_server missing from $venv/bin after the install"
  exit 1
}
touch "$marker"
log "installed moto $("$venv/bin/python" -c 'import moto; print(moto.__version__)'), boto3 $("$venv/bin/python" -c 'import boto3; print(boto3.__version__)')"
echo "$venv/bin"
