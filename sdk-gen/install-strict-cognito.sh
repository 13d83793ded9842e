#!/usr/bin/env bash
# Builds the strict Cognito emulator (sdk-gen/strict-cognito, fakecloud's Cognito service) once
# per machine and prints the path of its binary.
#
#   sdk-gen/install-strict-cognito.sh
#
# The binary is cached outside the clone ($PULUMI_COGNITO_CACHE, default ~/.cache/pulumi-cognito)
# under a key made from the crate's sources and lock file, so a fresh clone reuses it and any
# change to the crate rebuilds it. Its cargo target directory is cached too (a cold build takes
# about 4 minutes on two cores; a rebuild after a source change, seconds).
#
# Licence: the emulator is AGPL-3.0 (fakecloud). It is built and run only by tests; nothing of it
# is linked into the plugin or shipped in a release archive.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
crate="$here/strict-cognito"
cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
log() { echo "install-strict-cognito: $*" >&2; }

key=$(cd "$crate" && cat Cargo.toml Cargo.lock src/*.rs | sha256sum | cut -c1-16)
bin="$cache/strict-cognito/$key/strict-cognito"

if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$cache/strict-cognito"
exec 9>"$cache/strict-cognito/.lock"
flock 9 # parallel runs: one builds, the others wait and then find it done
if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

log "building the strict Cognito emulator (about 4 minutes the first time)"
target="$cache/target-strict-cognito"
# --locked: the lock file in the repository decides every version, as for the plugin.
CARGO_TARGET_DIR="$target" cargo build --release --locked --quiet --manifest-path "$crate/Cargo.toml" >&2
mkdir -p "$(dirname "$bin")"
# Copied under a temporary name, then renamed: a half-written binary is never found above.
cp "$target/release/strict-cognito" "$bin.tmp"
mv "$bin.tmp" "$bin"
# Builds of other sources may still be in use by another clone's test run on this machine, so
# only those untouched for two weeks go.
find "$cache/strict-cognito" -mindepth 1 -maxdepth 1 -type d ! -name "$key" -mtime +14 -exec rm -rf {} +
log "built $bin"
echo "$bin"
