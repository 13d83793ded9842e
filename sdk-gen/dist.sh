#!/usr/bin/env bash
# Release archives and SDK packages, as a first-party provider ships them, into dist/:
#
#   [VERSION=0.2.0] sdk-gen/dist.sh [all|host]
#
#   pulumi-resource-cognito-v<version>-<os>-<arch>.tar.gz for linux-amd64, linux-arm64,
#   darwin-amd64, darwin-arm64 and windows-amd64 (the binary, LICENSE, README.md and
#   THIRD_PARTY_NOTICES.txt), checksums.txt (sha256), and the SDK packages: the npm tarball,
#   the Python wheel and sdist. `host` builds only this machine's archive, with the packages (what
#   the tests use).
#
# VERSION (default: Cargo.toml's) is compiled into the binary (--version, GetPluginInfo, the
# schema) and given to the SDK packages, so all say the same. The other platforms are
# cross-compiled with cargo-zigbuild and zig (PyPI's `ziglang`): tools and build trees are
# cached outside the clone ($PULUMI_COGNITO_CACHE/cross). Each binary's format and architecture
# are checked; the linux ones are run (arm64 under qemu) until they print their port and answer
# GetPluginInfo. The darwin ones link against stub frameworks (sdk-gen/darwin-frameworks.txt;
# no Apple SDK can be downloaded here) and are checked by sdk-gen/macho-check.py: architecture,
# minimum macOS, the libraries they load, and the ad-hoc signature arm64 requires. Neither the
# darwin nor the windows binaries can be run on this machine.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
cross="$cache/cross"
log() { echo "dist: $*" >&2; }
fail() {
  echo "dist: FAIL: $*" >&2
  exit 1
}

which=${1:-all}
crate_version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
version=${VERSION:-$crate_version}
version=${version#v}
# A version other than Cargo.toml's is compiled in (build.rs); Cargo.toml's is the binary's
# anyway, and leaving the variable unset then keeps the host build the very one `make demo` and
# `make provider` made, instead of building the crate again for an environment that differs.
version_env=()
[ "$version" = "$crate_version" ] || version_env=(PULUMI_COGNITO_VERSION="$version")
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || fail "VERSION=$version is not a semantic version"
# DIST_DIR: where to write (default dist/); the tests use a directory of their own.
dist=${DIST_DIR:-$root/dist}
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)
# Only this run's products, so that a test finds exactly one of each.
rm -f "$dist"/pulumi-resource-cognito-v*.tar.gz "$dist"/pulumi-cognito-cognito-*.tgz \
  "$dist"/pulumi_cognito-* "$dist"/checksums.txt

# os-arch -> Rust target
declare -A TARGETS=(
  [linux-amd64]=x86_64-unknown-linux-gnu
  [linux-arm64]=aarch64-unknown-linux-gnu
  [darwin-amd64]=x86_64-apple-darwin
  [darwin-arm64]=aarch64-apple-darwin
  [windows-amd64]=x86_64-pc-windows-gnu
)
# What `file` says of each platform's binary.
declare -A FORMATS=(
  [linux-amd64]="ELF 64-bit LSB.*x86-64"
  [linux-arm64]="ELF 64-bit LSB.*ARM aarch64"
  [darwin-amd64]="Mach-O 64-bit.*x86_64"
  [darwin-arm64]="Mach-O 64-bit.*arm64"
  [windows-amd64]="PE32\\+ executable.*x86-64"
)

case "$which" in
all) platforms=(linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64) ;;
host) platforms=(linux-amd64) ;;
*) fail "usage: $0 [all|host]" ;;
esac

# The cross toolchains: Rust's standard libraries for the targets, zig, cargo-zigbuild.
tools() {
  local targets=()
  for p in "${platforms[@]}"; do
    [ "$p" = linux-amd64 ] || targets+=("${TARGETS[$p]}")
  done
  [ ${#targets[@]} -gt 0 ] || return 0
  rustup target add "${targets[@]}" >&2
  if [ ! -x "$cross/zig-venv/bin/python-zig" ] && [ ! -x "$cross/zig-venv/bin/python" ]; then
    python3 -m venv "$cross/zig-venv" >&2
  fi
  "$cross/zig-venv/bin/python" -c 'import ziglang' 2>/dev/null ||
    "$cross/zig-venv/bin/pip" install -q ziglang >&2
  if [ ! -x "$cross/tools/bin/cargo-zigbuild" ]; then
    CARGO_TARGET_DIR="$cross/tools-target" cargo install --locked --root "$cross/tools" cargo-zigbuild >&2
  fi
  # cargo-zigbuild finds zig on PATH or through `python -m ziglang`.
  export PATH="$cross/tools/bin:$cross/zig-venv/bin:$PATH"
  darwin_frameworks
}

# Stub frameworks for the darwin link (see sdk-gen/darwin-frameworks.txt), written to a fixed
# place in the cache so that the link flags, and so the darwin build trees, are the same for
# every clone.
frameworks="$cross/darwin-frameworks"
darwin_frameworks() {
  local fw
  for fw in $(grep -v '^#' "$here/darwin-frameworks.txt" | awk 'NF {print $1}' | sort -u); do
    mkdir -p "$frameworks/$fw.framework"
    {
      echo '--- !tapi-tbd'
      echo 'tbd-version: 4'
      echo 'targets: [ x86_64-macos, arm64-macos ]'
      echo "install-name: '/System/Library/Frameworks/$fw.framework/Versions/A/$fw'"
      echo 'exports:'
      echo '  - targets: [ x86_64-macos, arm64-macos ]'
      echo "    symbols: [ $(awk -v fw="$fw" '$1 == fw {print $2}' "$here/darwin-frameworks.txt" | paste -sd, | sed 's/,/, /g') ]"
      echo '...'
    } >"$frameworks/$fw.framework/$fw.tbd.new"
    mv "$frameworks/$fw.framework/$fw.tbd.new" "$frameworks/$fw.framework/$fw.tbd"
  done
}

# The oldest macOS the darwin binaries run on: 11 (Big Sur), the first for Apple silicon.
MACOS_MIN=11.0
# A Mac's objections to a darwin binary, checked here (sdk-gen/macho-check.py): architecture,
# minimum macOS, only system libraries, and an intact code signature (required on arm64).
check_darwin() { # platform binary
  local arch=x86_64 said
  [ "$1" = darwin-arm64 ] && arch=arm64
  said=$("$here/macho-check.py" "$2" "$arch" "$MACOS_MIN") || fail "$1: the binary would not run on a Mac"
  log "$1: $said"
}

build() { # platform -> path of the built binary
  local platform=$1 target=${TARGETS[$1]} exe=pulumi-resource-cognito
  [[ "$platform" == windows-* ]] && exe+=.exe
  local out="$cross/target"
  if [ "$platform" = linux-amd64 ]; then
    # This machine's own build, the one `make provider` makes (and shares a build tree with).
    env "${version_env[@]}" "$here/release.sh" build
    return
  fi
  local flags=() buildlog
  if [[ "$platform" == darwin-* ]]; then
    # Only this target's flags: the host's build scripts keep theirs. Without a deployment
    # target zig would declare its newest macOS as the oldest the binary runs on.
    local var="CARGO_TARGET_$(echo "$target" | tr 'a-z-' 'A-Z_')_RUSTFLAGS"
    flags=("$var=-C link-arg=-F$frameworks" "MACOSX_DEPLOYMENT_TARGET=$MACOS_MIN")
  fi
  buildlog=$(mktemp)
  if ! env "${flags[@]}" "${version_env[@]}" CARGO_TARGET_DIR="$out" \
    cargo zigbuild --release --locked --target "$target" --manifest-path "$root/Cargo.toml" 2>&1 | tee "$buildlog" >&2; then
    local missing
    missing=$(grep -o 'undefined symbol: _[A-Za-z0-9_]*' "$buildlog" | sort -u | sed 's/undefined symbol: //' | paste -sd' ' || true)
    [ -z "$missing" ] || log "$platform: the link needs $missing: if each is a public macOS API, add it to sdk-gen/darwin-frameworks.txt"
    rm -f "$buildlog"
    fail "$platform: the build failed"
  fi
  rm -f "$buildlog"
  echo "$out/$target/release/$exe"
}

archive() { # platform binary
  local platform=$1 bin=$2 name="pulumi-resource-cognito-v$version-$1.tar.gz" stage
  stage=$(mktemp -d)
  cp "$bin" "$stage/"
  cp "$root/LICENSE" "$root/README.md" "$stage/"
  "$here/notices.py" "${TARGETS[$platform]}" >"$stage/THIRD_PARTY_NOTICES.txt"
  tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "$dist/$name" .
  rm -rf "$stage"
  log "wrote dist/$name"
}

check_format() { # platform binary
  local what
  what=$(file -b "$2")
  [[ "$what" =~ ${FORMATS[$1]} ]] || fail "$1: the binary is '$what', expected ${FORMATS[$1]}"
  log "$1: $what"
}

# A binary of this machine's kind, or the linux-arm64 one under qemu (Debian's qemu-user, with
# the arm64 C library of libc6-arm64-cross): it must print its port and answer GetPluginInfo
# with the release's version.
probe() { # platform binary
  local platform=$1 bin=$2 runner=()
  if [ "$platform" = linux-arm64 ]; then
    local sysroot=/usr/aarch64-linux-gnu
    command -v qemu-aarch64 >/dev/null && [ -d "$sysroot" ] ||
      fail "qemu-aarch64 or $sysroot is missing: apt-get install qemu-user libc6-arm64-cross"
    runner=(qemu-aarch64 -L "$sysroot")
  fi
  local got python
  got=$("${runner[@]}" "$bin" --version)
  [ "$got" = "$version" ] || fail "$platform: --version printed '$got', expected $version"
  "$here/install-pulumi-wheel.sh" >/dev/null
  python="$cache/venv-pulumi-$(sed -n 's/^PULUMI_VERSION=//p' "$here/versions.env")/bin/python"
  "$python" "$here/probe-plugin.py" "$version" "${runner[@]}" "$bin" ||
    fail "$platform: the binary did not answer GetPluginInfo ${runner[*]:+under ${runner[0]}}"
  log "$platform: prints its port, answers GetPluginInfo $version ${runner[*]:+(under ${runner[0]})}"
}

[ "$which" = host ] || tools
for platform in "${platforms[@]}"; do
  log "== $platform (${TARGETS[$platform]})"
  bin=$(build "$platform")
  [ "$platform" != linux-amd64 ] || host_bin=$bin
  check_format "$platform" "$bin"
  case "$platform" in
  linux-*) probe "$platform" "$bin" ;;
  darwin-*) check_darwin "$platform" "$bin" ;;
  esac
  archive "$platform" "$bin"
done

# The SDK packages come from the schema of this machine's binary (the same version).
"$here/package-sdks.sh" "$version" "$dist" "$host_bin"
(cd "$dist" && sha256sum pulumi-resource-cognito-v"$version"-*.tar.gz $(ls ./*.tgz ./*.whl ./*.tar.gz 2>/dev/null | grep -v pulumi-resource-cognito | sed 's|^\./||') >checksums.txt)
log "wrote dist/checksums.txt"
