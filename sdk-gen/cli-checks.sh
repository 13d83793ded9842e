#!/usr/bin/env bash
# What a user sees under the real Pulumi CLI, in YAML, offline, against moto:
#
#   PROVIDER_BIN=path/to/pulumi-resource-cognito sdk-gen/cli-checks.sh
#
#   1. `replaceOnChanges: ["tokenValidityUnits.accessToken"]` replaces the client when only
#      that unit changes: the preview says replace and `up` makes a new client id;
#   2. with `cognito:endpoint` on a closed port, `pulumi up` fails within seconds with one
#      readable sentence naming the endpoint and where it was set, shows each attempt, and
#      prints no Rust debug dump.
#
# Like e2e.sh: a scratch directory with its own Pulumi home, backend and moto, removed on exit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
note() { echo "cli-checks: $*" >&2; }
fail() {
  echo "cli-checks: FAIL: $*" >&2
  exit 1
}
[ -n "${PROVIDER_BIN:-}" ] && [ -x "$PROVIDER_BIN" ] || fail "set PROVIDER_BIN to the provider binary"
provider_bin=$(readlink -f "$PROVIDER_BIN")
version=$(awk '/^\[package\]/ { p = 1; next } /^\[/ { p = 0 } p && /^version *=/ { gsub(/^[^"]*"|".*$/, ""); print; exit }' "$root/Cargo.toml")

cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
mkdir -p "$cache/work"
work=$(mktemp -d "$cache/work/cli-checks.XXXXXX")
cleanup() {
  local rc=$?
  "$here/moto.sh" stop "$work/moto" || true
  [ "${PULUMI_COGNITO_KEEP_WORK:-}" = 1 ] || rm -rf "$work"
  [ "$rc" -eq 0 ] && note OK || note "failed (exit $rc)"
  exit "$rc"
}
trap cleanup EXIT

moto_bin=$("$here/install-moto.sh")
endpoint=$("$here/moto.sh" start "$work/moto")
pool=$("$moto_bin/python" "$here/create-user-pool.py" "$endpoint" cli-checks)
PULUMI_COGNITO_WORK=$work
# shellcheck source=sdk-gen/pulumi-env.sh
. "$here/pulumi-env.sh"
pulumi plugin install resource cognito "$version" --file "$provider_bin" --reinstall >&2
pulumi login "$PULUMI_BACKEND_URL" >&2
p() { timeout --kill-after=30 300 pulumi "$@"; }

note "== 1. a nested replaceOnChanges replaces the client"
mkdir -p "$work/nested" && cd "$work/nested"
cat >Pulumi.yaml <<'YAML'
name: nested-replace
runtime: yaml
config:
  userPoolId:
    type: string
  unit:
    type: string
    default: minutes
resources:
  client:
    type: cognito:UserPoolClient
    properties:
      userPoolId: ${userPoolId}
      accessTokenValidity: 10
      tokenValidityUnits:
        accessToken: ${unit}
    options:
      replaceOnChanges:
        - tokenValidityUnits.accessToken
outputs:
  clientId: ${client.clientId}
YAML
pulumi stack init dev >&2
pulumi config set cognito:endpoint "$endpoint" >&2
pulumi config set userPoolId "$pool" >&2
p up --yes >&2 || fail "the first up failed"
before=$(pulumi stack output clientId)
pulumi config set unit hours >&2
p preview --diff >"$work/preview.txt" 2>&1 || { cat "$work/preview.txt" >&2; fail "preview failed"; }
cat "$work/preview.txt" >&2
grep -q "to replace" "$work/preview.txt" || fail "the preview of a changed accessToken unit does not replace (above)"
grep -q "tokenValidityUnits" "$work/preview.txt" || fail "the preview does not show tokenValidityUnits"
p up --yes >&2 || fail "the replacing up failed"
after=$(pulumi stack output clientId)
[ "$after" != "$before" ] || fail "the client kept its id $before; replaceOnChanges was ignored"
p destroy --yes >&2

note "== 2. an unreachable endpoint fails within seconds, in one readable sentence"
mkdir -p "$work/unreachable" && cd "$work/unreachable"
cat >Pulumi.yaml <<'YAML'
name: unreachable
runtime: yaml
config:
  userPoolId:
    type: string
resources:
  client:
    type: cognito:UserPoolClient
    properties:
      userPoolId: ${userPoolId}
YAML
closed=$("$moto_bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pulumi stack init dev >&2
pulumi config set cognito:endpoint "http://127.0.0.1:$closed" >&2
pulumi config set userPoolId "$pool" >&2
started=$SECONDS
if p up --yes >"$work/up.txt" 2>&1; then
  cat "$work/up.txt" >&2
  fail "pulumi up against a closed port succeeded"
fi
took=$((SECONDS - started))
cat "$work/up.txt" >&2
[ "$took" -lt 40 ] || fail "pulumi up took ${took}s to give up on a closed port"
grep -q "cannot reach Cognito at http://127.0.0.1:$closed (set by \`cognito:endpoint\`)" "$work/up.txt" ||
  fail "the failure does not name the endpoint and where it was set (above)"
grep -q "attempt 1 of 3" "$work/up.txt" || fail "the attempts are not shown as they happen (above)"
if grep -q "DispatchFailure\|ConnectorError" "$work/up.txt"; then
  fail "the output has a Rust debug dump (above)"
fi
note "gave up after ${took}s with a readable message"
