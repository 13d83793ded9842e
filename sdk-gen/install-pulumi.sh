#!/usr/bin/env bash
# Installs the pinned Pulumi CLI and the language hosts this project needs, and prints the
# directory that holds them (put it first on PATH).
#
#   sdk-gen/install-pulumi.sh [yaml] [nodejs] [python] [go]     (default: yaml)
#
# Why a build: no registry this project can reach ships the Pulumi CLI, and `go install` refuses
# the CLI and the pulumi/pulumi language hosts because their go.mod files carry `replace`
# directives. So a throw-away wrapper module requires them at the pinned version and builds
# their main packages. The result is cached per version outside the clone
# ($PULUMI_COGNITO_CACHE, default ~/.cache/pulumi-cognito), as are Go's module and build
# caches, so a second run returns at once and CI reuses the first run's work.
#
# The nodejs, python and go hosts are tried from the module proxy first, at the pseudo-version in
# versions.env. Where the proxy refuses them (the one this project reaches answers 403 for every
# pseudo-version of those untagged modules), the stand-in host in sdk-gen/langhost is built
# instead and installed under the same names: it serves the same LanguageRuntime protocol with the
# same pinned code generators, enough for `pulumi package gen-sdk` and for running programs (see
# its main.go). The script says on stderr which one it built.
#
# A machine that already has a `pulumi` of the pinned version on PATH, with the requested
# language hosts beside it, uses that instead and builds nothing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=sdk-gen/versions.env
. "$here/versions.env"

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(yaml)
for lang in "${want[@]}"; do
  case "$lang" in yaml | nodejs | python | go) ;; *)
    echo "install-pulumi: unknown language host '$lang' (yaml, nodejs, python or go)" >&2
    exit 2
    ;;
  esac
done

cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
out="$cache/pulumi-$PULUMI_VERSION/bin"

# A stand-in host (see below) has a file .standin-<lang> beside it with a hash of the sources it
# was built from, so a cached one goes stale, and is rebuilt, when sdk-gen/langhost changes.
standin_hash=$(cat "$here"/langhost/go.mod "$here"/langhost/go.sum "$here"/langhost/*.go | sha256sum | cut -c1-16) || true
fresh() { # dir lang: the host is there and, if it is the stand-in, built from these sources
  [ -x "$1/pulumi-language-$2" ] || return 1
  [ ! -f "$1/.standin-$2" ] || [ "$(cat "$1/.standin-$2")" = "$standin_hash" ]
}
have_all() { # dir
  [ -x "$1/pulumi" ] || return 1
  for lang in "${want[@]}"; do
    fresh "$1" "$lang" || return 1
  done
  if [[ " ${want[*]} " == *" python "* ]]; then [ -f "$1/pulumi-language-python-exec" ] || return 1; fi
}

# 1. A suitable CLI already installed on this machine.
if ambient=$(command -v pulumi 2>/dev/null); then
  dir=$(dirname "$(readlink -f "$ambient")")
  if [ "$("$ambient" version 2>/dev/null)" = "v$PULUMI_VERSION" ] && have_all "$dir"; then
    echo "$dir"
    exit 0
  fi
fi

# 2. Our cache.
if have_all "$out"; then
  echo "$out"
  exit 0
fi

command -v go >/dev/null || {
  echo "install-pulumi: Go is needed to build the Pulumi CLI (none on PATH)" >&2
  exit 1
}

mkdir -p "$cache"
exec 9>"$cache/.install-pulumi.lock"
flock 9 # one build at a time; a second caller waits and then finds the cache filled
if have_all "$out"; then
  echo "$out"
  exit 0
fi

export CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-auto}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
log() { echo "install-pulumi: $*" >&2; }

go mod init local/pulumi-build >/dev/null 2>&1
# The upstream go.mod files' non-local replaces; their local ones (../sdk) are what blocks
# `go install`, and the wrapper gets the same code from the proxy instead.
go mod edit \
  -replace=github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e \
  -replace=golang.org/x/text=golang.org/x/text@v0.39.0

mods=("github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION")
declare -A host_pkg=(
  [nodejs]=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
  [python]=github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3
  [go]=github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3
)
log "resolving ${mods[*]}"
go get "${mods[@]}" >&2

# Each real host on its own, so one the proxy refuses does not stop the others or the CLI.
declare -A standin=() # languages that get the stand-in host from sdk-gen/langhost
for lang in "${want[@]}"; do
  if [ -n "${host_pkg[$lang]:-}" ] && ! fresh "$out" "$lang"; then
    mod="${host_pkg[$lang]}@$PULUMI_HOSTS_PSEUDO_VERSION"
    log "resolving $mod"
    if ! go get "$mod" >"$work/get-$lang.log" 2>&1; then
      tail -n 2 "$work/get-$lang.log" | while IFS= read -r line; do log "  $line"; done
      log "the real pulumi-language-$lang cannot be had; using the stand-in from sdk-gen/langhost instead"
      standin[$lang]=1
    fi
  fi
done

ld="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
build() { # output package
  log "building $(basename "$1") (a cold build takes many minutes on two cores)"
  go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ld" -o "$1.tmp" "$2" >&2
  mv "$1.tmp" "$1"
}
# The stand-in is one binary that serves the language named by its file name; it is built once
# and installed under each name needed. Same flags as above, so it shares the build cache with
# the CLI; -mod=readonly because its go.mod and go.sum are committed and must not change here.
build_standin() { # language
  if [ ! -x "$work/langhost" ]; then
    grep -q "github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION\$" "$here/langhost/go.mod" || {
      log "sdk-gen/langhost/go.mod does not require pkg/v3 v$PULUMI_VERSION (versions.env); update it" \
        "(cd sdk-gen/langhost && go get github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION && go mod tidy)"
      exit 1
    }
    log "building the stand-in language host (sdk-gen/langhost)"
    (cd "$here/langhost" && GOFLAGS=-mod=readonly go build -buildvcs=false -trimpath -tags osusergo,grpcnotrace \
      -ldflags "$ld" -o "$work/langhost" .) >&2
  fi
  # In this order, so an interrupted install leaves no host, rather than a stale one that looks
  # fresh.
  rm -f "$out/pulumi-language-$1"
  echo "$standin_hash" >"$out/.standin-$1"
  install -m 0755 "$work/langhost" "$out/pulumi-language-$1.tmp"
  mv "$out/pulumi-language-$1.tmp" "$out/pulumi-language-$1"
}
[ -x "$out/pulumi" ] || build "$out/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
for lang in "${want[@]}"; do
  case "$lang" in
  yaml)
    [ -x "$out/pulumi-language-yaml" ] && continue
    # pulumi-yaml has no replace directives, but `go install mod@version` also reads the
    # module's version list, which the module proxy reachable here refuses; a wrapper module
    # of its own (the YAML host pins its own pulumi/pkg) needs only the pinned version.
    log "building pulumi-language-yaml $PULUMI_YAML_VERSION"
    mkdir -p "$work/yaml"
    (
      cd "$work/yaml"
      go mod init local/pulumi-yaml-build >/dev/null 2>&1
      go get "github.com/pulumi/pulumi-yaml@$PULUMI_YAML_VERSION" >&2
      go build -trimpath -tags osusergo,grpcnotrace \
        -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$PULUMI_YAML_VERSION" \
        -o "$out/pulumi-language-yaml.tmp" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml >&2
    )
    mv "$out/pulumi-language-yaml.tmp" "$out/pulumi-language-yaml"
    ;;
  *)
    if ! fresh "$out" "$lang"; then
      if [ -n "${standin[$lang]:-}" ]; then
        build_standin "$lang"
      else
        rm -f "$out/pulumi-language-$lang" "$out/.standin-$lang" # a stale stand-in, if any
        build "$out/pulumi-language-$lang" "${host_pkg[$lang]}"
      fi
    fi
    if [ "$lang" = python ]; then
      # The Python host (real or stand-in) runs this script, which it expects beside its own
      # executable.
      install -m 0755 "$(go env GOMODCACHE)/github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION/python/cmd/pulumi-language-python-exec" "$out/"
    fi
    ;;
  esac
done

"$out/pulumi" version >&2
echo "$out"
