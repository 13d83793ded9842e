#!/usr/bin/env bash
# `make bench`: measures the release build and writes BENCHMARKS.md.
#   1. cold start vs /bin/echo, 2. resident memory, 4. per-operation overhead against the
#      strict emulator, which dates its clients as Cognito does (tests/bench/process.rs);
#   3. Check and Diff latency (criterion, tests/bench/check_diff.rs);
#   5. `pulumi up` and `pulumi destroy` of 100 clients in one YAML stack, against moto;
#   6. scale: 100 and 1,000 clients in one pool through the engine, checkpoints off (up, no-op
#      preview, refresh, destroy): wall time, provider CPU and peak memory, Cognito calls per
#      client (sdk-gen/bench-scale.py). With BENCH_BASELINE_BIN the same steps run with other
#      release builds too, for a before-and-after table from one run: a binary's path (its rows
#      are labelled "before") or several `label=path` words; BENCH_BASELINE_NOTE then says in
#      BENCHMARKS.md what each label is.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
cache=${PULUMI_COGNITO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cognito}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$cache/target}
mkdir -p "$cache/work"
work=$(mktemp -d "$cache/work/bench.XXXXXX")
trap '"$here/moto.sh" stop "$work/moto" >/dev/null 2>&1 || true; "$here/strict-cognito.sh" stop "$work/strict" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
log() { echo "bench: $*" >&2; }
cd "$root"

log "building the release binary"
bin=$("$here/release.sh" build)

"$here/install-moto.sh" >/dev/null
"$here/install-strict-cognito.sh" >/dev/null
strict=$("$here/strict-cognito.sh" start "$work/strict")

log "process measurements (cold start, memory, per-operation overhead)"
BENCH_COGNITO_URL=$strict "$here/release.sh" bench --bench process 2>/dev/null | grep '=' > "$work/process.txt"
log "Check and Diff latency (criterion)"
"$here/release.sh" bench --bench check_diff -- --output-format bencher 2>/dev/null | grep '^test ' > "$work/criterion.txt"
"$here/strict-cognito.sh" stop "$work/strict" >/dev/null

log "pulumi up and destroy of 100 clients"
moto=$("$here/moto.sh" start "$work/moto")
python="$("$here/install-moto.sh")/python"
pool=$("$python" "$here/create-user-pool.py" "$moto" bench-pool)
mkdir -p "$work/project"
{
  printf 'name: cognito-bench\nruntime: yaml\nconfig:\n  userPoolId:\n    type: string\nresources:\n'
  for i in $(seq 1 100); do
    printf '  client%s:\n    type: cognito:UserPoolClient\n    properties:\n      userPoolId: ${userPoolId}\n      generateSecret: true\n      explicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]\n' "$i"
  done
} > "$work/project/Pulumi.yaml"
PULUMI_COGNITO_WORK=$work
# shellcheck source=sdk-gen/pulumi-env.sh
. "$here/pulumi-env.sh"
version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n 1)
pulumi plugin install resource cognito "$version" --file "$bin" --reinstall >&2
(
  cd "$work/project"
  pulumi login "$PULUMI_BACKEND_URL" >&2
  pulumi stack init bench >&2
  pulumi config set cognito:endpoint "$moto" >&2
  pulumi config set cognito:region us-east-1 >&2
  pulumi config set userPoolId "$pool" >&2
  timed() { # seconds a command takes; a failure ends the benchmark
    local s e
    s=$(date +%s%N)
    "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }
    e=$(date +%s%N)
    awk -v ns=$((e - s)) 'BEGIN { printf "%.1f", ns / 1e9 }'
  }
  for pacing in 0 5; do
    pulumi config set cognito:poolChangesPerSecond "$pacing" >&2
    echo "up_${pacing}_s=$(timed pulumi up --yes --skip-preview)"
    echo "destroy_${pacing}_s=$(timed pulumi destroy --yes --skip-preview)"
  done
) > "$work/pulumi.txt"
"$here/moto.sh" stop "$work/moto" >/dev/null

# 6. Scale. Each emulator is fresh for each binary and size, so every pool starts empty.
scale() { # label binary emulator(strict|moto) n
  local url pool calls=""
  if [ "$3" = strict ]; then
    url=$("$here/strict-cognito.sh" start "$work/strict")
    calls="$url/_calls"
  else
    url=$("$here/moto.sh" start "$work/moto")
  fi
  pool=$("$python" "$here/create-user-pool.py" "$url" scale-pool)
  log "scale: $1, $4 clients"
  "$python" "$here/bench-scale.py" "$1" "$2" "$url" "$pool" "$4" "$work" "$calls" >> "$work/scale.txt"
  if [ "$3" = strict ]; then "$here/strict-cognito.sh" stop "$work/strict" >/dev/null; else "$here/moto.sh" stop "$work/moto" >/dev/null; fi
}
: > "$work/scale.txt"
baselines=()
for b in ${BENCH_BASELINE_BIN:-}; do
  case "$b" in
  *=*) baselines+=("$b") ;;
  *) baselines+=("before=$b") ;;
  esac
done
for n in 100 1000; do
  scale now "$bin" strict "$n"
  for b in ${baselines[@]+"${baselines[@]}"}; do scale "${b%%=*}" "${b#*=}" strict "$n"; done
  scale moto "$bin" moto "$n"
done

get() { sed -n "s/^$1=//p" "$work"/process.txt "$work"/pulumi.txt "$work"/scale.txt | head -n 1; }
row() { # label n step
  local k="$1_$2_$3"
  [ -n "$(get "${k}_wall_s")" ] || return 0
  echo "| $1 | $(printf "%'d" "$2") | $3 | $(get "${k}_wall_s") s | $(get "${k}_cpu_ms") ms | $(get "${k}_cpu_per_client_ms") ms | $(awk -v k="$(get "${k}_rss_kib")" 'BEGIN { if (k > 0) printf "%.1f MiB", k / 1024; else printf "not sampled" }') | $(get "${k}_calls_per_client") | $(get "${k}_calls") |"
}
scale_rows() {
  for label in now ${baselines[@]+"${baselines[@]%%=*}"} moto; do
    for n in 100 1000; do
      for step in up preview refresh destroy; do row "$label" "$n" "$step"; done
    done
  done
}
# The scale targets, read from this build's rows: what a reader checks the table for.
scale_verdict() {
  local n step k peak=0
  for n in 100 1000; do
    for step in up preview refresh destroy; do
      k=$(get "now_${n}_${step}_rss_kib")
      if [ "${k:-0}" -gt "$peak" ]; then peak=$k; fi
    done
  done
  per() { echo "$(get "now_100_$1_cpu_per_client_ms") → $(get "now_1000_$1_cpu_per_client_ms") ms"; }
  echo "This build against the targets: Cognito calls per client created $(get now_100_up_calls_per_client) with"
  echo "100 clients and $(get now_1000_up_calls_per_client) with 1,000 (target: constant); provider CPU per client from 100 to"
  echo "1,000 clients: up $(per up), refresh $(per refresh), destroy $(per destroy) (target: flat);"
  awk -v k="$peak" 'BEGIN { printf "peak RSS in any step **%.1f MiB** (%.1f MB; target: under 15 MB).\n", k / 1024, k * 1024 / 1e6 }'
}
ns() { awk -v n="$1" '$2 == n { gsub(",", "", $5); print $5 }' "$work/criterion.txt"; }
machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(uname -sr)"
size_mib=$(awk -v b="$(get binary_bytes)" 'BEGIN { printf "%.1f", b / 1048576 }')

cat > "$root/BENCHMARKS.md" <<EOF
# Benchmarks

Written by \`make bench\` ($(date -u +%Y-%m-%d)) on: $machine.
Release profile: optimized for size (\`opt-level = "s"\`; regex-automata and serde_json at 3: Cargo.toml says why),
thin LTO, 4 codegen units, stripped, \`panic = "abort"\`, not PIE
(\`sdk-gen/release.sh\` says why); binary size
**$size_mib MiB**. Cognito is moto $("$python" -c 'import moto; print(moto.__version__)') on
127.0.0.1; the Pulumi CLI is the pinned $(pulumi version).

| # | what | result | target |
| --- | --- | --- | --- |
| 1 | cold start: exec until the port is printed (median of $(get start_runs), interleaved with \`/bin/echo\`) | $(get start_provider_us) µs vs $(get start_echo_us) µs for echo: **$(get start_ratio)×** | ≤ 1.5× echo |
| 2 | resident memory after Handshake, Configure and GetSchema | **$(get rss_after_configure_kib) KiB** | ≤ 15 MB |
| 2 | resident memory after 1,000 more operations (create, read, update, delete) | **$(get rss_after_1000_ops_kib) KiB** | |
| 3 | Check, every property set (criterion, mean) | **$(ns check_every_property) ns** | < 50 µs |
| 3 | Diff, every property set (criterion, mean) | **$(ns diff_every_property) ns** | < 50 µs |
| 4 | per Create/Read/Update/Delete through the provider over gRPC vs the same calls made with the AWS SDK directly | $(get op_provider_ms) ms vs $(get op_direct_ms) ms: overhead **$(get op_overhead_ms) ms** (ratio $(get op_ratio)) | ≤ 1 ms |
| 5 | \`pulumi up\` of 100 clients in one YAML stack, pacing off / default (5 per second per pool) | **$(get up_0_s) s** / $(get up_5_s) s | |
| 5 | \`pulumi destroy\` of the same, pacing off / default | **$(get destroy_0_s) s** / $(get destroy_5_s) s | |

## Method

1. \`tests/bench/process.rs\` starts the release binary and \`/bin/echo 12345\` alternately,
   $(get start_runs) times each, timing from \`exec\` until the first line arrives on stdout (the
   port, for the provider), and reports the medians. The plugin prints its port before building
   any AWS client (that happens at Configure).
2. The same program starts the binary, sends Handshake, Configure (pointed at moto) and
   GetSchema, and reads \`VmRSS\` from \`/proc/<pid>/status\`; then again after the operations of 4.
3. criterion runs Check and Diff in process on a client with every input set (Check runs every
   table rule and every cross-property rule; Diff compares every property).
4. 125 create/read/update/delete cycles through the provider over gRPC, and the same Cognito
   calls made directly with the AWS SDK, against the same strict emulator (which dates its
   clients as Cognito does), alternating, best of two rounds each, after a warm-up; the
   difference per operation is the provider's overhead (gRPC, value encoding, validation of
   the id, building every setting, state mapping). A create is one Cognito call, as made
   directly: what existed before a create whose answer is lost is learned afterwards, from
   the clients' creation dates (README, failure behaviour).
5. A generated YAML program with 100 clients in one pool: \`pulumi up --skip-preview\` and
   \`pulumi destroy --skip-preview\` on a file backend, timed with the shell. With the default
   pacing of 5 changes per second per pool, 100 creates cannot take less than 20 s: that is
   Cognito's rate limit, which pacing respects on purpose. moto dates no client, so there each
   create still lists the pool's namesakes first (see 6).
6. \`sdk-gen/bench-scale.py\`: a YAML program of N clients (each with a generated secret) in one
   new pool, through the real engine with \`PULUMI_SKIP_CHECKPOINTS=true\` and pacing off:
   \`pulumi up --skip-preview\`, \`pulumi preview\` (no changes), \`pulumi refresh\`,
   \`pulumi destroy\`. The provider's CPU (user + system) and peak RSS (VmHWM) are sampled from
   /proc every 20 ms ("not sampled": the step ended before a sample found the provider);
   calls are the strict emulator's count per operation (\`GET /_calls\`).
   Rows: **now** is this build on the strict emulator; ${BENCH_BASELINE_NOTE:-**before** is \`BENCH_BASELINE_BIN\`
   (when given) on the same}; **moto** is this build on moto, where no client has a creation
   date and each create lists the pool first.

## Scale: 100 and 1,000 clients in one pool

| build | clients | step | wall | provider CPU | CPU per client | peak RSS | Cognito calls per client | calls |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
$(scale_rows)

$(scale_verdict)
EOF
log "wrote BENCHMARKS.md"
cat "$root/BENCHMARKS.md" >&2
