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

have_all() { # dir
  [ -x "$1/pulumi" ] || return 1
  for lang in "${want[@]}"; do
    [ -x "$1/pulumi-language-$lang" ] || return 1
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
for lang in "${want[@]}"; do
  if [ -n "${host_pkg[$lang]:-}" ] && [ ! -x "$out/pulumi-language-$lang" ]; then
    mods+=("${host_pkg[$lang]}@$PULUMI_HOSTS_PSEUDO_VERSION")
  fi
done

log "resolving ${mods[*]}"
go get "${mods[@]}" >&2
ld="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
build() { # output package
  log "building $(basename "$1") (a cold build takes many minutes on two cores)"
  go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ld" -o "$1.tmp" "$2" >&2
  mv "$1.tmp" "$1"
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
    [ -x "$out/pulumi-language-$lang" ] || build "$out/pulumi-language-$lang" "${host_pkg[$lang]}"
    if [ "$lang" = python ]; then
      # The Python host runs this script, which it expects beside its own executable.
      install -m 0755 "$(go env GOMODCACHE)/github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION/python/cmd/pulumi-language-python-exec" "$out/"
    fi
    ;;
  esac
done

"$out/pulumi" version >&2
echo "$out"
