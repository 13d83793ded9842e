# shellcheck shell=bash
# Sets up an offline, self-contained Pulumi environment in a scratch directory. Source it:
#
#   PULUMI_COGNITO_WORK=/some/scratch/dir
#   . sdk-gen/pulumi-env.sh
#
# Afterwards `pulumi` is the pinned CLI (with the YAML language host beside it), its home and
# state live under $PULUMI_COGNITO_WORK, nothing reaches the Pulumi Cloud or a plugin download
# site, and AWS settings point at dummies so the provider can only talk to the endpoint it is
# configured with (the local emulator). Nothing from the user's ~/.pulumi or ~/.aws is read.
#
# No `set -euo pipefail` here: a sourced file must not change the caller's shell options. Errors
# are reported with a non-zero status (return), which a caller under `set -e` stops on.

_pulumi_env_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ -z "${PULUMI_COGNITO_WORK:-}" ]; then
  echo "pulumi-env: set PULUMI_COGNITO_WORK to a scratch directory before sourcing this file" >&2
  return 1
fi
mkdir -p "$PULUMI_COGNITO_WORK" || return 1
PULUMI_COGNITO_WORK=$(cd "$PULUMI_COGNITO_WORK" && pwd) || return 1
export PULUMI_COGNITO_WORK

# The pinned CLI. install-pulumi.sh returns at once when it is cached (and builds it otherwise;
# if another build is running it waits for that one).
_pulumi_env_bin=$("$_pulumi_env_here/install-pulumi.sh") || {
  echo "pulumi-env: sdk-gen/install-pulumi.sh failed" >&2
  return 1
}
# First on PATH, so no other pulumi (or language host) on the machine is picked up.
export PATH="$_pulumi_env_bin:$PATH"

# Plugin cache, credentials file and workspace settings: per run, never the user's ~/.pulumi.
export PULUMI_HOME="$PULUMI_COGNITO_WORK/pulumi-home"
# Local file backend: no Pulumi Cloud account, and state disappears with the work dir.
mkdir -p "$PULUMI_COGNITO_WORK/state" "$PULUMI_HOME" || return 1
export PULUMI_BACKEND_URL="file://$PULUMI_COGNITO_WORK/state"
# Empty passphrase for the file backend's secrets provider (read with LookupEnv: empty is
# valid). Secrets stay encrypted in state, so the demo still shows them masked.
export PULUMI_CONFIG_PASSPHRASE=""
unset PULUMI_CONFIG_PASSPHRASE_FILE PULUMI_ACCESS_TOKEN
# Offline: no "new version available" query, no plugin downloads (a missing plugin fails at
# once instead of after a network timeout), no Pulumi Registry look-ups.
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_DISABLE_REGISTRY_RESOLVE=true
# Non-interactive: scripts and tests answer no prompts.
export PULUMI_SKIP_CONFIRMATIONS=true
# Ignore plugins found on PATH: the language hosts beside our pinned pulumi, and the provider
# installed into $PULUMI_HOME, are the ones that must be used, not stray copies elsewhere.
export PULUMI_IGNORE_AMBIENT_PLUGINS=true

# AWS: dummy credentials (the emulator accepts any), a fixed region, no instance metadata
# probing (it would wait for a timeout off EC2), and none of the user's profiles or endpoints.
export AWS_ACCESS_KEY_ID=testing
export AWS_SECRET_ACCESS_KEY=testing
export AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_DEFAULT_REGION AWS_ENDPOINT_URL AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER
export AWS_CONFIG_FILE="$PULUMI_COGNITO_WORK/aws-config"           # absent on purpose
export AWS_SHARED_CREDENTIALS_FILE="$PULUMI_COGNITO_WORK/aws-credentials" # absent on purpose
# The emulator is on loopback: never send its traffic through a proxy from the environment.
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
export no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"

unset _pulumi_env_here _pulumi_env_bin
