#!/usr/bin/env bash
# The shipped build: the release profile (thin LTO, stripped, panic=abort) and, on Linux x86_64,
# a non-PIE executable. The engine starts the plugin for every pulumi command; as a
# position-independent executable it spent about a millisecond at each start applying some
# 40,000 relocations, as much as starting /bin/echo takes. Like the Go-built Pulumi CLI and
# providers, which are not PIE either, we give up ASLR of the executable image (libraries,
# stack and heap stay randomized) for that start-up time.
#
#   sdk-gen/release.sh build          builds, prints the binary's path
#   sdk-gen/release.sh bench ARGS...  cargo bench with the same settings
# --target keeps the flags off build scripts and proc macros, which must stay position
# independent.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$cache/target}
host=$(rustc -vV | sed -n 's/^host: //p')
case "$host" in
x86_64-unknown-linux-gnu) export RUSTFLAGS="${RUSTFLAGS:-} -C relocation-model=static" ;;
esac
case "${1:-build}" in
build)
  cargo build --release --target "$host" >&2
  echo "$CARGO_TARGET_DIR/$host/release/pulumi-resource-cognito"
  ;;
bench)
  shift
  cargo bench --target "$host" "$@"
  ;;
*)
  echo "usage: $0 build | bench ARGS..." >&2
  exit 2
  ;;
esac
