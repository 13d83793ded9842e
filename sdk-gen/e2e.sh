#!/usr/bin/env bash
# One example program (examples/LANG) through a whole lifecycle with the real Pulumi CLI and the
# generated SDK of that language, offline, against a local Cognito emulator:
#
#   PROVIDER_BIN=path/to/pulumi-resource-cognito [E2E_EMULATOR=moto|strict] sdk-gen/e2e.sh LANG
#
# E2E_EMULATOR picks the emulator: moto (the default), or the strict one (sdk-gen/strict-cognito:
# resets what an update leaves out, like Cognito, and issues real OAuth tokens). Steps, each
# asserted by reading Cognito's state straight from the emulator with boto3 (never through the
# provider):
#   1. `pulumi up` creates the web and machine-to-machine clients with exactly the requested
#      settings; the client secrets are shown as [secret];
#   2. a second `up` (and preview, and refresh) changes nothing;
#   3. a new access token lifetime (config accessTokenMinutes) updates the web client in place;
#   4. webGenerateSecret=false replaces the web client: new id, the old one gone;
#   5. drift made directly in the emulator (an extra callback URL, a longer auth session) is
#      found by `pulumi refresh` and undone by the next `up`; a client deleted directly is
#      dropped by `refresh` and made again by `up`;
#   6. `pulumi import` adopts a client made outside Pulumi, and the program declaring it
#      (config importedClientName) then previews with no changes;
#   7. `pulumi destroy` leaves no client in the pool.
#
# Everything happens in a scratch directory (under $PULUMI_COGNITO_CACHE/work) that mirrors the
# repository's layout (examples/LANG beside sdk/), so the examples' relative references to the
# SDKs work unchanged, and nothing is built inside the clone. It has its own Pulumi home, file
# backend and emulator, and is removed (the emulator stopped) on exit, also after a failure or
# Ctrl-C. PULUMI_COGNITO_KEEP_WORK=1 keeps it. Every pulumi command is bounded by
# E2E_TIMEOUT seconds (default 600).
#
# Progress and Pulumi's output go to stderr; a failed assertion ends the run with
# "e2e[LANG]: FAIL: ..." and a non-zero status, success with "e2e[LANG]: OK".
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source=sdk-gen/versions.env
. "$here/versions.env"

usage() {
  echo "usage: PROVIDER_BIN=path/to/pulumi-resource-cognito $0 yaml|typescript|python|go" >&2
  exit 2
}
[ $# -eq 1 ] || usage
lang=$1
case "$lang" in
yaml) host=yaml ;;
typescript) host=nodejs ;;
python) host=python ;;
go) host=go ;;
*) usage ;;
esac

started=$SECONDS
step_started=$SECONDS
step_name=""
timings=()
end_step() {
  if [ -n "$step_name" ]; then
    timings+=("$(printf '%4ds  %s' $((SECONDS - step_started)) "$step_name")")
  fi
}
step() {
  end_step
  step_name=$*
  step_started=$SECONDS
  echo "e2e[$lang${E2E_EMULATOR:+/$E2E_EMULATOR}]: == $*" >&2
}
note() { echo "e2e[$lang${E2E_EMULATOR:+/$E2E_EMULATOR}]: $*" >&2; }
fail() {
  echo "e2e[$lang${E2E_EMULATOR:+/$E2E_EMULATOR}]: FAIL: $*" >&2
  exit 1
}

[ -n "${PROVIDER_BIN:-}" ] || fail "set PROVIDER_BIN to the provider binary (e.g. target/debug/pulumi-resource-cognito)"
[ -f "$PROVIDER_BIN" ] && [ -x "$PROVIDER_BIN" ] || fail "PROVIDER_BIN=$PROVIDER_BIN is not an executable file"
provider_bin=$(readlink -f "$PROVIDER_BIN")
[ -d "$root/examples/$lang" ] || fail "no example $root/examples/$lang"

# The plugin version is the crate version: the SDKs ask the engine for exactly that version.
version=$(awk '/^\[package\]/ { p = 1; next } /^\[/ { p = 0 } p && /^version *=/ { gsub(/^[^"]*"|".*$/, ""); print; exit }' "$root/Cargo.toml")
[ -n "$version" ] || fail "could not read the package version from $root/Cargo.toml"

timeout_s=${E2E_TIMEOUT:-600}
case "${E2E_EMULATOR:=moto}" in
moto) emulator=moto ;;
strict) emulator=strict-cognito ;;
*) fail "E2E_EMULATOR=$E2E_EMULATOR: expected moto or strict" ;;
esac
cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
mkdir -p "$cache/work"
work=$(mktemp -d "$cache/work/e2e-$lang-$E2E_EMULATOR.XXXXXX")

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  end_step
  step_name="cleanup"
  step_started=$SECONDS
  if [ -n "${running:-}" ]; then
    # Interrupted during a bounded command: stop its process group, politely first.
    # timeout passes the signal on to its group and exits when the command has (or kills it
    # after --kill-after); then nothing of the group may stay behind.
    kill -TERM -- "-$running" 2>/dev/null || true
    wait "$running" 2>/dev/null || true
    kill -KILL -- "-$running" 2>/dev/null || true
  fi
  "$here/$emulator.sh" stop "$work/emulator" || true
  if [ "$rc" -ne 0 ] && [ -s "$work/emulator/$emulator.log" ]; then
    note "last lines of the $emulator log:"
    tail -n 15 "$work/emulator/$emulator.log" >&2 || true
  fi
  if [ "${PULUMI_COGNITO_KEEP_WORK:-}" = 1 ]; then
    note "kept the work directory $work"
  else
    rm -rf "$work"
  fi
  end_step
  if [ ${#timings[@]} -gt 0 ]; then
    note "timings:"
    printf '  %s\n' "${timings[@]}" >&2
    printf '  %4ds  total\n' $((SECONDS - started)) >&2
  fi
  [ "$rc" -eq 0 ] && note "OK" || note "failed (exit $rc)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Long commands (every pulumi command, npm, go) with a time limit. timeout puts itself and the
# command in a process group of their own and signals the whole group when time is up, so the
# language host, the program and the provider go too. It runs in the background with `wait`, so
# a signal to this script is handled at once (a foreground child would be waited for first, and
# the terminal's Ctrl-C does not reach timeout's group): cleanup then stops that group.
running=""
bounded() {
  timeout --kill-after=30 "$timeout_s" "$@" &
  running=$!
  local rc=0
  wait "$running" || rc=$?
  running=""
  return "$rc"
}
p() { bounded pulumi "$@"; }

step "$E2E_EMULATOR emulator and a user pool"
moto_bin=$("$here/install-moto.sh")
endpoint=$("$here/$emulator.sh" start "$work/emulator")
python="$moto_bin/python" # has boto3
pool=$("$python" "$here/create-user-pool.py" "$endpoint" "e2e-$lang-pool")
note "user pool $pool"

# The assertions' helper: reads and changes clients straight in the emulator with boto3. It
# knows what the example programs ask for, so each check is one call.
cat >"$work/cognito.py" <<'EOF'
import json, os, sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
for var in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
    os.environ.pop(var, None)
idp = boto3.client(
    "cognito-idp", endpoint_url=sys.argv[1], region_name="us-east-1",
    aws_access_key_id="testing", aws_secret_access_key="testing",
    config=Config(retries={"max_attempts": 1}),
)
pool, cmd, args = sys.argv[2], sys.argv[3], sys.argv[4:]

# What the examples ask for. Sets where Cognito gives the order no meaning; "absent" means the
# field is missing or empty (Cognito's default of no value).
ABSENT = object()
STRICT = os.environ.get("E2E_EMULATOR") == "strict"
def web(access_minutes):
    return {
        "ExplicitAuthFlows": {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
        "PreventUserExistenceErrors": "ENABLED",
        "AllowedOAuthFlowsUserPoolClient": True,
        "AllowedOAuthFlows": {"code"},
        "AllowedOAuthScopes": {"openid", "email", "profile"},
        "CallbackURLs": ["https://app.example.com/callback"],
        "LogoutURLs": ["https://app.example.com/logout"],
        "SupportedIdentityProviders": {"COGNITO"},
        "AccessTokenValidity": access_minutes,
        "IdTokenValidity": 60,
        "RefreshTokenValidity": 30,
        "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
        # Not in the program: Cognito's defaults.
        "AuthSessionValidity": 3,
        "EnableTokenRevocation": True,
        **({} if STRICT else {"DefaultRedirectURI": ABSENT}),  # strict: its gap, never stored
        "ReadAttributes": ABSENT,
        "WriteAttributes": ABSENT,
    }
M2M = {
    "ClientName": "orders-worker",
    "ExplicitAuthFlows": {"ALLOW_REFRESH_TOKEN_AUTH"},
    "AllowedOAuthFlowsUserPoolClient": True,
    "AllowedOAuthFlows": {"client_credentials"},
    "AllowedOAuthScopes": {"orders/read"},
    "AccessTokenValidity": 1,
    "TokenValidityUnits.AccessToken": "hours",
    "AuthSessionValidity": 3,
    "EnableTokenRevocation": True,
    "CallbackURLs": ABSENT,
    "LogoutURLs": ABSENT,
    "SupportedIdentityProviders": ABSENT,
}
def imported(name):
    return {
        "ClientName": name,
        "ExplicitAuthFlows": {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
        "PreventUserExistenceErrors": "ENABLED",
        "RefreshTokenValidity": 7,
    }
UPDATABLE = (
    "ClientName", "RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity",
    "TokenValidityUnits", "ReadAttributes", "WriteAttributes", "ExplicitAuthFlows",
    "SupportedIdentityProviders", "CallbackURLs", "LogoutURLs", "DefaultRedirectURI",
    "AllowedOAuthFlows", "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient",
    "AnalyticsConfiguration", "PreventUserExistenceErrors", "EnableTokenRevocation",
    "EnablePropagateAdditionalUserContextData", "AuthSessionValidity", "RefreshTokenRotation",
)
DRIFT_URL = "https://drift.example.com/callback"

def describe(client_id):
    try:
        return idp.describe_user_pool_client(UserPoolId=pool, ClientId=client_id)["UserPoolClient"]
    except ClientError as e:
        if e.response["Error"]["Code"] == "ResourceNotFoundException":
            return None
        raise

def lookup(c, key):
    for part in key.split("."):
        c = (c or {}).get(part)
    return c

def mismatches(c, want):
    bad = []
    for key, expected in want.items():
        got = lookup(c, key)
        if expected is ABSENT:
            if got not in (None, [], ""):
                bad.append(f"{key}: the emulator has {got!r}, expected it unset")
            continue
        if isinstance(expected, set):
            got = set(got or [])
        if got != expected:
            bad.append(f"{key}: the emulator has {got!r}, expected {expected!r}")
    return bad

def check(client_id, want, secret):
    c = describe(client_id)
    if c is None:
        sys.exit(f"no client {client_id} in pool {pool}")
    bad = mismatches(c, want)
    # secret: "none" (no secret), "any" (has one) or the exact value the stack outputs.
    has = c.get("ClientSecret")
    if secret == "none" and has:
        bad.append("ClientSecret: the emulator has one, expected none")
    elif secret != "none" and not has:
        bad.append("ClientSecret: the emulator has none, expected one")
    elif secret not in ("none", "any") and has != secret:
        bad.append("ClientSecret: differs from the stack output")
    if bad:
        sys.exit(f"client {client_id} ({c.get('ClientName')}) differs:\n  " + "\n  ".join(bad))
    print(c.get("ClientName") or "")

if cmd == "check-web":  # CLIENT ACCESS_MINUTES SECRET
    check(args[0], web(int(args[1])), args[2])
elif cmd == "check-m2m":  # CLIENT SECRET
    check(args[0], M2M, args[1])
elif cmd == "check-imported":  # CLIENT NAME
    check(args[0], imported(args[1]), "none")
elif cmd == "exists":  # CLIENT: exit 0 if it is there, 3 if not
    sys.exit(0 if describe(args[0]) is not None else 3)
elif cmd == "count":
    n = 0
    for page in idp.get_paginator("list_user_pool_clients").paginate(UserPoolId=pool):
        n += len(page["UserPoolClients"])
    print(n)
elif cmd == "drift":  # CLIENT: what someone editing the client in the console would do
    c = describe(args[0])
    # An update sends the whole configuration (Cognito resets what it leaves out).
    req = {k: c[k] for k in UPDATABLE if k in c}
    req["CallbackURLs"] = list(c.get("CallbackURLs", [])) + [DRIFT_URL]
    req["AuthSessionValidity"] = 10
    idp.update_user_pool_client(UserPoolId=pool, ClientId=args[0], **req)
elif cmd == "drift-oauth":  # CLIENT: the console switches the client to the code grant
    # (Turning OAuth off altogether would be the obvious edit, but the strict emulator does not
    # enforce AllowedOAuthFlowsUserPoolClient=false at its token endpoint: its gap.)
    c = describe(args[0])
    req = {k: c[k] for k in UPDATABLE if k in c}
    req["AllowedOAuthFlows"] = ["code"]
    req["CallbackURLs"] = ["https://console.example.com/callback"]
    idp.update_user_pool_client(UserPoolId=pool, ClientId=args[0], **req)
elif cmd == "create-user":  # NAME PASSWORD: a confirmed user who can sign in
    idp.admin_create_user(UserPoolId=pool, Username=args[0], MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool, Username=args[0], Password=args[1], Permanent=True)
elif cmd == "create-imported":  # NAME: prints the new client's id
    c = idp.create_user_pool_client(
        UserPoolId=pool, ClientName=args[0], GenerateSecret=False,
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED", RefreshTokenValidity=7,
    )["UserPoolClient"]
    print(c["ClientId"])
elif cmd == "delete":  # CLIENT
    idp.delete_user_pool_client(UserPoolId=pool, ClientId=args[0])
elif cmd == "state":  # STACK_EXPORT_FILE URN_NAME KEY: prints outputs[KEY] of that resource as JSON
    deployment = json.load(open(args[0]))["deployment"]
    for r in deployment.get("resources", []):
        if r["type"] == "cognito:index:UserPoolClient" and r["urn"].endswith("::" + args[1]):
            print(json.dumps(r.get("outputs", {}).get(args[2])))
            break
    else:
        sys.exit(f"no resource {args[1]} in the stack export")
elif cmd == "output":  # OUTPUTS_JSON KEY: prints the output, empty if it is missing or null
    v = json.load(open(args[0])).get(args[1])
    print("" if v is None else v)
else:
    sys.exit(f"unknown command {cmd}")
EOF
cog() { E2E_EMULATOR=$E2E_EMULATOR "$python" "$work/cognito.py" "$endpoint" "$pool" "$@"; }

# Tokens, as the applications would get them (strict emulator only: moto issues no OAuth tokens
# at /oauth2/token). The user signs in to the web client; the m2m client asks for orders/read.
user=e2e-user
user_password='Correct-Horse-9-battery'
if [ "$E2E_EMULATOR" = strict ]; then
  cog create-user "$user" "$user_password"
fi
oauth() { "$python" "$here/oauth.py" "$@"; }
json_field() { "$python" -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
# web_token CLIENT SECRET|-: the access token's claims (JSON) after a sign-in, or the refusal.
web_token() {
  oauth sign-in "$endpoint" "$1" "$2" https://app.example.com/callback "openid email" "$user" "$user_password"
}
m2m_token() {
  oauth client-credentials "$endpoint" "$1" "$2" orders/read
}
# Both clients issue tokens as the program says: client ids, the m2m scope, the lifetimes.
check_tokens() { # WEB_ACCESS_MINUTES WEB_SECRET(or -)
  [ "$E2E_EMULATOR" = strict ] || return 0
  local minutes=$1 web_secret=$2 claims
  claims=$(web_token "$(out webClientId)" "$web_secret") || fail "the web client's sign-in was refused: $claims"
  [ "$(json_field client_id <<<"$claims")" = "$(out webClientId)" ] || fail "the web access token names client $(json_field client_id <<<"$claims"), not $(out webClientId)"
  [ "$(json_field lifetime <<<"$claims")" = $((minutes * 60)) ] || fail "the web access token lives $(json_field lifetime <<<"$claims") s, the program says $minutes minutes"
  claims=$(m2m_token "$(out m2mClientId)" "$(out m2mClientSecret)") || fail "the m2m client got no token: $claims"
  [ "$(json_field client_id <<<"$claims")" = "$(out m2mClientId)" ] || fail "the m2m access token names client $(json_field client_id <<<"$claims")"
  [ "$(json_field scope <<<"$claims")" = orders/read ] || fail "the m2m access token has scope $(json_field scope <<<"$claims"), expected orders/read"
  [ "$(json_field lifetime <<<"$claims")" = 3600 ] || fail "the m2m access token lives $(json_field lifetime <<<"$claims") s, the program says 1 hour"
  note "tokens: the web client signs users in ($minutes-minute access tokens); the m2m client gets orders/read"
}

step "pulumi CLI and the $host language host"
"$here/install-pulumi.sh" "$host" >/dev/null
PULUMI_COGNITO_WORK=$work
# shellcheck source=sdk-gen/pulumi-env.sh
. "$here/pulumi-env.sh"
note "using $(command -v pulumi) $(pulumi version)"
pulumi plugin install resource cognito "$version" --file "$provider_bin" --reinstall >&2

# The example, and the SDK it uses, in the repository's layout.
step "copy examples/$lang and its SDK; install dependencies"
repo="$work/repo"
mkdir -p "$repo/examples"
copy() { # paths relative to the clone, copied without build output or installed dependencies
  tar -C "$root" --exclude=node_modules --exclude=venv --exclude=bin --exclude=build \
    --exclude='*.egg-info' --exclude=__pycache__ --exclude='Pulumi.*.yaml' -cf - "$@" |
    tar -C "$repo" -xf -
}
copy "examples/$lang"
project="$repo/examples/$lang"
case "$lang" in
typescript)
  copy sdk/nodejs
  # The SDK is published from bin/ (tsc output plus package.json), which the example depends on
  # as file:../../sdk/nodejs/bin. Dependencies as in test-sdks.sh: @pulumi/pulumi at exactly
  # the pinned version.
  cd "$repo/sdk/nodejs"
  bounded npm install --no-audit --no-fund --no-save "@pulumi/pulumi@$PULUMI_VERSION" >&2 ||
    fail "npm install in sdk/nodejs failed"
  npx --no-install tsc >&2 || fail "tsc in sdk/nodejs failed"
  cp package.json README.md bin/
  ;;
python) copy sdk/python ;;
go) copy sdk/go.mod sdk/go.sum sdk/go ;;
esac

cd "$project"
pulumi login "$PULUMI_BACKEND_URL" >&2
pulumi stack init e2e >&2
pulumi config set cognito:endpoint "$endpoint" >&2
pulumi config set cognito:region us-east-1 >&2
pulumi config set userPoolId "$pool" >&2
# What the README tells users to run: npm install, a venv with requirements.txt, go mod download.
if [ "$lang" != yaml ]; then
  p install >&2 || fail "pulumi install failed"
fi
if [ "$lang" = go ]; then
  # Every pulumi command builds the program; a cold build of the Pulumi Go SDK takes minutes on
  # two cores, so do it once here (into Go's build cache) rather than inside the first `up`.
  bounded go build -o /dev/null . >&2 || fail "go build of examples/go failed"
fi

# Stack outputs, secrets revealed, into a file for the helper.
outputs() { p stack output --json --show-secrets >"$work/outputs.json" || fail "pulumi stack output failed"; }
out() { cog output "$work/outputs.json" "$1" || fail "could not read stack output $1"; }

# Checks both clients against the program; $1 is the expected web access token lifetime and
# $2 whether the web client has a secret (true/false).
check_clients() {
  local minutes=$1 web_secret=$2 web_id web_secret_out m2m_id m2m_secret web_name
  outputs
  web_id=$(out webClientId)
  m2m_id=$(out m2mClientId)
  [ -n "$web_id" ] && [ -n "$m2m_id" ] || fail "stack outputs lack webClientId or m2mClientId: $(cat "$work/outputs.json")"
  web_secret_out=$(out webClientSecret)
  m2m_secret=$(out m2mClientSecret)
  if [ "$web_secret" = true ]; then
    [ -n "$web_secret_out" ] || fail "stack output webClientSecret is empty, expected the web client's secret"
    [ "$(p stack output webClientSecret)" = "[secret]" ] || fail "pulumi stack output webClientSecret does not print [secret]"
  else
    [ -z "$web_secret_out" ] || fail "stack output webClientSecret is set, but the web client has no secret"
    web_secret_out=none
  fi
  [ -n "$m2m_secret" ] || fail "stack output m2mClientSecret is empty"
  [ "$(p stack output m2mClientSecret)" = "[secret]" ] || fail "pulumi stack output m2mClientSecret does not print [secret]"
  web_name=$(cog check-web "$web_id" "$minutes" "$web_secret_out") || fail "the web client in the emulator does not match the program (above)"
  case "$web_name" in webClient-*) ;; *) fail "web client name '$web_name' is not autonamed from webClient" ;; esac
  [ "$(out webClientName)" = "$web_name" ] || fail "stack output webClientName '$(out webClientName)' is not the emulator's '$web_name'"
  cog check-m2m "$m2m_id" "$m2m_secret" >/dev/null || fail "the m2m client in the emulator does not match the program (above)"
  note "web client $web_id ($web_name) and m2m client $m2m_id match the program"
}

# Runs a pulumi command that must fail because it finds changes.
expect_changes() { # what, then the pulumi arguments
  local what=$1
  shift
  if p "$@" >"$work/expect.log" 2>&1; then
    cat "$work/expect.log" >&2
    fail "$what: 'pulumi $*' succeeded, expected it to report changes"
  fi
  cat "$work/expect.log" >&2
  grep -q "no changes were expected.* but changes" "$work/expect.log" ||
    fail "$what: 'pulumi $*' failed, but not because of changes (output above)"
}

step "1. pulumi up creates both clients as asked"
p up --yes >&2 || fail "pulumi up failed"
check_clients 60 true
check_tokens 60 "$(out webClientSecret)"
[ "$(cog count)" = 2 ] || fail "the pool has $(cog count) clients after the first up, expected 2"
p stack output >&2

step "2. a second up, a preview and a refresh change nothing"
p up --yes --expect-no-changes >&2 || fail "a second pulumi up made changes"
p preview --expect-no-changes --diff >&2 || fail "pulumi preview after up reports changes (diff above)"
p refresh --yes --expect-no-changes >&2 || fail "pulumi refresh right after up found drift"

step "3. accessTokenMinutes=30 updates the web client in place"
outputs
web_before=$(out webClientId)
web_secret_before=$(out webClientSecret)
pulumi config set accessTokenMinutes 30 >&2
p up --yes >&2 || fail "pulumi up with accessTokenMinutes=30 failed"
check_clients 30 true
[ "$(out webClientId)" = "$web_before" ] || fail "the web client was replaced ($web_before -> $(out webClientId)); expected an update in place"
[ "$(out webClientSecret)" = "$web_secret_before" ] || fail "the web client's secret changed in an update in place"
check_tokens 30 "$web_secret_before"
p up --yes --expect-no-changes >&2 || fail "pulumi up after the update still makes changes"

step "4. webGenerateSecret=false replaces the web client"
pulumi config set webGenerateSecret false >&2
p up --yes >&2 || fail "pulumi up with webGenerateSecret=false failed"
check_clients 30 false
web_after=$(out webClientId)
[ "$web_after" != "$web_before" ] || fail "the web client kept its id $web_before; expected a replacement"
if cog exists "$web_before"; then fail "the replaced web client $web_before is still in the emulator"; fi
if [ "$E2E_EMULATOR" = strict ]; then
  if refusal=$(web_token "$web_before" "$web_secret_before"); then
    fail "the replaced web client $web_before still signs users in"
  fi
  [ "$(json_field error <<<"$refusal")" = invalid_client ] || fail "the replaced client's sign-in failed with $refusal, expected invalid_client"
fi
check_tokens 30 -
[ "$(cog count)" = 2 ] || fail "the pool has $(cog count) clients after the replacement, expected 2"
p up --yes --expect-no-changes >&2 || fail "pulumi up after the replacement still makes changes"

step "5a. drift made in the emulator is found by refresh and undone by up"
cog drift "$web_after"
# With --expect-no-changes, refresh still writes what it read before it fails (Pulumi 3.259), so
# the plain refresh after it finds nothing new; it is there so the check does not depend on that.
expect_changes "refresh after drift" refresh --yes --expect-no-changes
p refresh --yes >&2 || fail "pulumi refresh failed"
p stack export --file "$work/export.json" >&2
refreshed=$(cog state "$work/export.json" webClient callbackUrls)
[[ "$refreshed" == *drift.example.com* ]] || fail "after refresh the state's callbackUrls are $refreshed; the URL added in the emulator is missing"
[ "$(cog state "$work/export.json" webClient authSessionValidity)" = 10 ] ||
  fail "after refresh the state's authSessionValidity is $(cog state "$work/export.json" webClient authSessionValidity), expected the emulator's 10"
expect_changes "preview after refresh" preview --expect-no-changes --diff
p up --yes >&2 || fail "pulumi up after the drift failed"
check_clients 30 false
p up --yes --expect-no-changes >&2 || fail "pulumi up after correcting the drift still makes changes"
p refresh --yes --expect-no-changes >&2 || fail "pulumi refresh after correcting the drift still finds changes"

step "5b. a client deleted in the emulator is dropped by refresh and made again by up"
m2m_before=$(out m2mClientId)
cog delete "$m2m_before"
p refresh --yes >&2 || fail "pulumi refresh after deleting the m2m client in the emulator failed"
p stack export --file "$work/export.json" >&2
if cog state "$work/export.json" m2mClient clientId >/dev/null 2>&1; then
  fail "after refresh the state still has m2mClient, deleted from the emulator"
fi
p up --yes >&2 || fail "pulumi up after the deletion failed"
check_clients 30 false
m2m_after=$(out m2mClientId)
[ "$m2m_after" != "$m2m_before" ] || fail "m2mClient still has the deleted client's id $m2m_before"
cog exists "$m2m_after" || fail "the new m2m client $m2m_after is not in the emulator"
check_tokens 30 -

if [ "$E2E_EMULATOR" = strict ]; then
  step "5c. an OAuth change made in the console stops the m2m tokens until refresh and up"
  cog drift-oauth "$m2m_after"
  if refusal=$(m2m_token "$m2m_after" "$(out m2mClientSecret)"); then
    fail "the m2m client still gets client_credentials tokens after the console switched it to the code grant"
  fi
  [ "$(json_field error <<<"$refusal")" = unauthorized_client ] || fail "after the console change the m2m token request failed with $refusal, expected unauthorized_client"
  note "after the console change the m2m token request is refused: $refusal"
  p refresh --yes >&2 || fail "pulumi refresh after the console change failed"
  expect_changes "preview after the console change" preview --expect-no-changes --diff
  p up --yes >&2 || fail "pulumi up after the console change failed"
  check_clients 30 false
  check_tokens 30 -
fi

step "6. pulumi import adopts a client made outside Pulumi"
imported_name="legacy-spa-$lang"
imported_id=$(cog create-imported "$imported_name")
note "made $imported_id ($imported_name) directly in the emulator"
# --protect=false: imports are protected by default, and step 7 destroys everything. The
# generated code (for the project's language) goes to a file; the example declares the same.
p import cognito:index:UserPoolClient imported "$pool/$imported_id" --yes --protect=false \
  --out "$work/imported-code.txt" >&2 || fail "pulumi import failed"
note "code pulumi import generated for the adopted client:"
sed 's/^/    /' "$work/imported-code.txt" >&2 || true
cog check-imported "$imported_id" "$imported_name" >/dev/null || fail "the import changed the client in the emulator"
pulumi config set importedClientName "$imported_name" >&2
if [ "$lang" = yaml ]; then
  # Pulumi YAML has no conditional resources: add the block README.md shows, before outputs.
  awk '
    /^outputs:/ && !done {
      print "  imported:"
      print "    type: cognito:UserPoolClient"
      print "    properties:"
      print "      userPoolId: ${userPoolId}"
      print "      clientName: ${importedClientName}"
      print "      explicitAuthFlows:"
      print "        - ALLOW_USER_SRP_AUTH"
      print "        - ALLOW_REFRESH_TOKEN_AUTH"
      print "      preventUserExistenceErrors: ENABLED"
      print "      refreshTokenValidity: 7"
      print ""
      done = 1
    }
    { print }' Pulumi.yaml >Pulumi.yaml.new
  mv Pulumi.yaml.new Pulumi.yaml
fi
p preview --expect-no-changes --diff >&2 || fail "the program declaring the imported client previews changes (diff above)"
p up --yes --expect-no-changes >&2 || fail "pulumi up with the imported client makes changes"
cog check-imported "$imported_id" "$imported_name" >/dev/null || fail "the imported client in the emulator changed"
[ "$(cog count)" = 3 ] || fail "the pool has $(cog count) clients, expected 3"

step "7. pulumi destroy leaves no client"
p destroy --yes >&2 || fail "pulumi destroy failed"
left=$(cog count)
[ "$left" = 0 ] || fail "$left clients left in pool $pool after destroy: $("$python" "$here/describe-client.py" --list-clients "$endpoint" "$pool")"
pulumi stack rm --yes >&2
