#!/usr/bin/env bash
# Proves the README's two commands on a fresh machine: a fresh clone of this repository's HEAD,
# run with every cache empty, as a newcomer (or CI on a new machine) would.
#
#   sdk-gen/fresh-machine.sh [--test-only] [--keep] [--dir DIR]
#
#   (default)    `make demo`, then `make test`: a machine where only the README has run
#   --test-only  `make test` alone: a machine where nothing at all has run before
#   --keep       keep the work directory (the clone, the caches and the logs) afterwards
#   --dir DIR    where the work directory goes (default: $TMPDIR or /tmp); it needs about 25 GB
#
# Empty, in a new directory: HOME, CARGO_HOME, GOPATH, GOMODCACHE, GOCACHE, npm's and pip's
# caches, XDG_CACHE_HOME and PULUMI_COGNITO_CACHE; CARGO_TARGET_DIR is unset. What stays is
# what a new machine of this kind comes with: the Rust toolchains (RUSTUP_HOME; of ~/.cargo/bin
# only rustup's own commands are put on PATH, so a tool somebody `cargo install`ed is not
# found), Go, Node and Python (pyenv), the system's packages, and the machine's configuration
# files (~/.gitconfig, ~/.npmrc, Go's env file), which are copied. Only committed work is
# tested: the clone is of HEAD.
#
# Prints each command's wall time and exits non-zero when either failed; the last lines of a
# failed command's log are printed, the whole logs are kept in the work directory with --keep.
# It takes the better part of an hour on two cores: it is not part of `make test`; run it before
# a change to any install script, and put its timings in the README's table.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
log() { echo "fresh-machine: $*" >&2; }

commands=(demo test)
keep=false
parent=${TMPDIR:-/tmp}
while [ $# -gt 0 ]; do
  case "$1" in
  --test-only) commands=(test) ;;
  --keep) keep=true ;;
  --dir)
    parent=${2:?--dir needs a directory}
    shift
    ;;
  *)
    echo "usage: $0 [--test-only] [--keep] [--dir DIR]" >&2
    exit 2
    ;;
  esac
  shift
done

if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  log "note: uncommitted changes in $root are not tested (the clone is of HEAD $(git -C "$root" rev-parse --short HEAD))"
fi

mkdir -p "$parent"
work=$(mktemp -d "$parent/fresh-machine.XXXXXX")
cleanup() {
  local rc=$?
  if $keep; then
    log "kept $work"
  else
    # Go's module cache is read-only by design.
    chmod -R u+w "$work" 2>/dev/null || true
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The toolchains stay where the machine has them.
rustup_home=${RUSTUP_HOME:-$HOME/.rustup}
cargo_bin=${CARGO_HOME:-$HOME/.cargo}/bin
[ -d "$rustup_home/toolchains" ] || {
  log "no Rust toolchain under $rustup_home"
  exit 1
}

home="$work/home"
mkdir -p "$home/.config/go" "$work/logs" "$work/rustup-bin"
# Configuration that comes with the machine, not with an earlier run.
for f in .gitconfig .npmrc; do
  [ ! -f "$HOME/$f" ] || cp "$HOME/$f" "$home/$f"
done
[ ! -f "$HOME/.config/go/env" ] || cp "$HOME/.config/go/env" "$home/.config/go/env"
# rustup's proxies only: whatever else ~/.cargo/bin holds was installed by somebody.
for tool in cargo cargo-clippy cargo-fmt clippy-driver rustc rustdoc rustfmt rustup; do
  [ ! -x "$cargo_bin/$tool" ] || ln -s "$cargo_bin/$tool" "$work/rustup-bin/$tool"
done
gopath_bin="$(go env GOPATH)/bin"
path="$work/rustup-bin"
IFS=: read -r -a entries <<<"$PATH"
for entry in "${entries[@]}"; do
  case "$entry" in
  "$cargo_bin" | "$gopath_bin" | "") ;;
  *) path+=":$entry" ;;
  esac
done

log "cloning $(git -C "$root" rev-parse --short HEAD) into $work/clone"
git clone --quiet --no-local "$root" "$work/clone"

fresh_env=(
  env -u CARGO_TARGET_DIR -u GOFLAGS -u GOENV -u PULUMI_HOME -u PULUMI_COGNITO_CACHE
  HOME="$home"
  PATH="$path"
  RUSTUP_HOME="$rustup_home"
  CARGO_HOME="$work/cargo-home"
  GOPATH="$work/gopath"
  GOMODCACHE="$work/gopath/pkg/mod"
  GOCACHE="$work/go-build"
  npm_config_cache="$work/npm-cache"
  PIP_CACHE_DIR="$work/pip-cache"
  XDG_CACHE_HOME="$home/.cache"
  PULUMI_COGNITO_CACHE="$work/pulumi-cognito-cache"
)

seconds() { date +%s; }
# Each log line with the time it was written, so a slow step can be found in the log.
stamp() { while IFS= read -r line; do printf '%(%T)T %s\n' -1 "$line"; done; }
minutes() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
results=()
failed=0
for cmd in "${commands[@]}"; do
  log "make $cmd (log: $work/logs/$cmd.log)"
  start=$(seconds)
  if (cd "$work/clone" && "${fresh_env[@]}" make "$cmd") 2>&1 | stamp >"$work/logs/$cmd.log"; then
    status=passed
  else
    status=FAILED
    failed=1
    log "make $cmd failed; its last lines:"
    tail -n 40 "$work/logs/$cmd.log" >&2
  fi
  took=$(($(seconds) - start))
  results+=("make $cmd: $status in $(minutes "$took")")
  log "${results[-1]}"
done

log "on $(nproc) cores, every cache empty at the start:"
for r in "${results[@]}"; do
  log "  $r"
done
exit "$failed"
