#!/usr/bin/env bash
# Installs cargo-deny (the licence, ban and source check of the plugin's dependency tree) once
# per machine into the cache outside the clone, and prints the binary's path.
set -euo pipefail
VERSION=0.20.2
cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
root="$cache/cargo-deny-$VERSION"
bin="$root/bin/cargo-deny"
if [ ! -x "$bin" ]; then
  mkdir -p "$cache"
  exec 9>"$cache/.install-cargo-deny.lock"
  flock 9
  if [ ! -x "$bin" ]; then
    echo "install-cargo-deny: building cargo-deny $VERSION (a few minutes, once)" >&2
    CARGO_TARGET_DIR="$cache/cargo-deny-target" cargo install --locked --quiet --root "$root" \
      --version "$VERSION" cargo-deny >&2
  fi
fi
echo "$bin"
