#!/usr/bin/env bash
# The provider end to end with the real Pulumi CLI, offline: examples/yaml against a local
# Cognito emulator (moto), from `pulumi up` to `pulumi destroy`.
#
#   PROVIDER_BIN=target/release/pulumi-resource-cognito sdk-gen/demo.sh [--check]
#
# Everything happens in a scratch directory (under $PULUMI_COGNITO_CACHE/work) with its own
# Pulumi home, file backend and moto server; it is all removed, and moto stopped, on exit, also
# after a failure or Ctrl-C. Set PULUMI_COGNITO_KEEP_WORK=1 to keep the directory for a look.
#
# --check (the test suite's mode) adds assertions between up and destroy: a second up changes
# nothing, refresh finds no drift, the client secrets are secrets, the web client in moto is
# what the program asked for; and after destroy, no client is left in the pool. Any failed
# assertion ends the run with "demo: FAIL: ..." and a non-zero status. The acceptance tests go
# further (updates, replacement, drift, import) with the program in every language.
#
# Pulumi's own output, like all progress messages, goes to stderr; stdout gets the stack outputs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

check=false
case "${1:-}" in
"") ;;
--check) check=true ;;
*)
  echo "usage: PROVIDER_BIN=path/to/pulumi-resource-cognito $0 [--check]" >&2
  exit 2
  ;;
esac
[ $# -le 1 ] || {
  echo "usage: PROVIDER_BIN=path/to/pulumi-resource-cognito $0 [--check]" >&2
  exit 2
}

step() { echo "demo: == $*" >&2; }
fail() {
  echo "demo: FAIL: $*" >&2
  exit 1
}

[ -n "${PROVIDER_BIN:-}" ] || fail "set PROVIDER_BIN to the provider binary (e.g. target/release/pulumi-resource-cognito)"
[ -f "$PROVIDER_BIN" ] && [ -x "$PROVIDER_BIN" ] || fail "PROVIDER_BIN=$PROVIDER_BIN is not an executable file"
provider_bin=$(readlink -f "$PROVIDER_BIN")

# The plugin version is the crate version: the engine matches the installed plugin by it.
version=$(awk '/^\[package\]/ { p = 1; next } /^\[/ { p = 0 } p && /^version *=/ { gsub(/^[^"]*"|".*$/, ""); print; exit }' "$root/Cargo.toml")
[ -n "$version" ] || fail "could not read the package version from $root/Cargo.toml"

cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
mkdir -p "$cache/work"
work=$(mktemp -d "$cache/work/demo.XXXXXX")

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  # Stop moto first and unconditionally: a server left behind would outlive every test run.
  "$here/moto.sh" stop "$work/moto" || true
  if [ "$rc" -ne 0 ] && [ -s "$work/moto/moto.log" ]; then
    echo "demo: last lines of the moto log:" >&2
    tail -n 15 "$work/moto/moto.log" >&2 || true
  fi
  if [ "${PULUMI_COGNITO_KEEP_WORK:-}" = 1 ]; then
    echo "demo: kept the work directory $work" >&2
  else
    rm -rf "$work"
  fi
  [ "$rc" -eq 0 ] && echo "demo: OK" >&2 || echo "demo: failed (exit $rc)" >&2
  exit "$rc"
}
trap cleanup EXIT
# Make signals go through the EXIT trap with the conventional status.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

step "moto (the local Cognito emulator)"
moto_bin=$("$here/install-moto.sh")
endpoint=$("$here/moto.sh" start "$work/moto")
python="$moto_bin/python" # has boto3, for the helpers that talk to moto directly

# The user pool is not this provider's resource; the client needs one, so make it directly.
pool=$("$python" "$here/create-user-pool.py" "$endpoint" demo-pool)
echo "demo: user pool $pool" >&2

# A copy of the example, so the stack file (Pulumi.dev.yaml) lands in the scratch dir, not the
# clone.
cp -R "$root/examples/yaml" "$work/project"
PULUMI_COGNITO_WORK=$work
# shellcheck source=sdk-gen/pulumi-env.sh
. "$here/pulumi-env.sh"
pulumi_version=$(pulumi version)
echo "demo: using $(command -v pulumi) $pulumi_version" >&2

# The provider goes into the scratch plugin cache under its crate version. This keeps
# examples/yaml/Pulumi.yaml free of a machine-specific `plugins:` path: the engine finds the
# plugin in the cache exactly as it would an installed release.
step "pulumi plugin install resource cognito $version --file $provider_bin"
pulumi plugin install resource cognito "$version" --file "$provider_bin" --reinstall >&2

cd "$work/project"
pulumi login "$PULUMI_BACKEND_URL" >&2
pulumi stack init dev >&2
pulumi config set cognito:endpoint "$endpoint" >&2
pulumi config set cognito:region us-east-1 >&2
pulumi config set userPoolId "$pool" >&2

step "pulumi up"
pulumi up --yes >&2
step "pulumi stack output"
pulumi stack output

if $check; then
  step "check: a second preview and up change nothing"
  pulumi preview --expect-no-changes --diff >&2 || fail "pulumi preview after up reports changes (see the diff above)"
  pulumi up --yes --expect-no-changes >&2 || fail "a second pulumi up made changes"

  # Read must turn what Cognito returns (defaults, reordered lists) back into the same state,
  # or every refresh would show drift.
  step "check: refresh finds no drift"
  pulumi refresh --yes --expect-no-changes >&2 || fail "pulumi refresh found changes right after up"

  step "check: the client secrets are secrets"
  for output in webClientSecret m2mClientSecret; do
    masked=$(pulumi stack output "$output")
    [ "$masked" = "[secret]" ] || fail "pulumi stack output $output printed '$masked', expected [secret]"
  done
  secret=$(pulumi stack output webClientSecret --show-secrets)
  [ -n "$secret" ] && [ "$secret" != "[secret]" ] || fail "pulumi stack output webClientSecret --show-secrets printed '$secret', expected the secret"

  step "check: the web client in moto is what the program asked for"
  client_id=$(pulumi stack output webClientId)
  client_name=$(pulumi stack output webClientName)
  [ -n "$client_id" ] || fail "stack output webClientId is empty"
  described=$("$python" "$here/describe-client.py" "$endpoint" "$pool" "$client_id") ||
    fail "client $client_id (from stack output webClientId) is not in moto's pool $pool"
  # Compare as sets where order carries no meaning; moto echoes what it was sent.
  CLIENT="$described" NAME="$client_name" SECRET="$secret" "$python" - <<'EOF' || fail "the client in moto does not match the program (see above)"
import json, os, sys

c = json.loads(os.environ["CLIENT"])
want = {
    "CallbackURLs": ["https://app.example.com/callback"],
    "LogoutURLs": ["https://app.example.com/logout"],
    "AllowedOAuthFlowsUserPoolClient": True,
    "AllowedOAuthFlows": {"code"},
    "AllowedOAuthScopes": {"openid", "email", "profile"},
    "ExplicitAuthFlows": {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
    "PreventUserExistenceErrors": "ENABLED",
    "SupportedIdentityProviders": {"COGNITO"},
    "AccessTokenValidity": 60,
    "IdTokenValidity": 60,
    "RefreshTokenValidity": 30,
    "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
    "ClientName": os.environ["NAME"],
    "ClientSecret": os.environ["SECRET"],
}
bad = []
for key, expected in want.items():
    got = c.get(key)
    if isinstance(expected, set):
        got = set(got or [])
    if got != expected:
        bad.append(f"  {key}: moto has {got!r}, expected {expected!r}")
# No clientName in the program: the provider must have named it after the resource.
if not c.get("ClientName", "").startswith("webClient"):
    bad.append(f"  ClientName: {c.get('ClientName')!r} is not autonamed from 'webClient'")
if bad:
    print("demo: client in moto differs:\n" + "\n".join(bad), file=sys.stderr)
    sys.exit(1)
print(f"demo: client {c['ClientId']} ({c['ClientName']}) matches", file=sys.stderr)
EOF
fi

step "pulumi destroy"
pulumi destroy --yes >&2

if $check; then
  step "check: no client is left in the pool"
  left=$("$python" "$here/describe-client.py" --list-clients "$endpoint" "$pool")
  [ "$(LEFT="$left" "$python" -c 'import json, os; print(len(json.loads(os.environ["LEFT"])))')" = 0 ] ||
    fail "clients left in pool $pool after destroy: $left"
fi

pulumi stack rm --yes >&2
