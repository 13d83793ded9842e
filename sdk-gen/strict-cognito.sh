#!/usr/bin/env bash
# Starts and stops the strict Cognito emulator (sdk-gen/strict-cognito) for one test run.
#
#   sdk-gen/strict-cognito.sh start DIR   # prints http://127.0.0.1:PORT once the server answers
#   sdk-gen/strict-cognito.sh stop DIR    # stops it; does nothing when none is running
#
# DIR holds the run's state: strict-cognito.log, .pid, .url. Each caller uses its own DIR. The
# server binds 127.0.0.1 port 0 itself and prints the address it got, so there is no window in
# which another process can take the port. State is in memory only.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { echo "strict-cognito: $*" >&2; }
# shellcheck source=sdk-gen/emulator-lib.sh
. "$here/emulator-lib.sh"
usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}

READY_TIMEOUT=30 # seconds; it answers within milliseconds, far more on a loaded machine

[ $# -eq 2 ] || usage
cmd=$1
dir=$2

# True when PID is a live (not zombie) strict-cognito process: guards against killing, or
# trusting, an unrelated process that was given a recycled PID.
is_ours() { # pid
  local pid=$1 state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ "$state" != Z ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "strict-cognito"
}

answers() { # url
  curl -sf --noproxy '*' --max-time 2 -o /dev/null "$1/_health"
}

printed_and_answers() {
  local url
  url=$(head -n 1 "$dir/strict-cognito.out" 2>/dev/null || true)
  [[ "$url" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] && answers "$url"
}

stop() {
  local pid
  pid=$(cat "$dir/strict-cognito.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && is_ours "$pid"; then
    stop_process "$pid" is_ours "$pid"
    log "stopped (pid $pid)"
  fi
  rm -f "$dir/strict-cognito.pid" "$dir/strict-cognito.url"
}

start() {
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local pid url
  pid=$(cat "$dir/strict-cognito.pid" 2>/dev/null || true)
  url=$(cat "$dir/strict-cognito.url" 2>/dev/null || true)
  if [ -n "$pid" ] && [ -n "$url" ] && is_ours "$pid" && answers "$url"; then
    log "already running (pid $pid)"
    echo "$url"
    return 0
  fi
  stop

  local bin attempt rc
  bin=$("$here/install-strict-cognito.sh")
  for attempt in 1 2 3; do
    # stdin/stdout/stderr redirected: the server must not hold the caller's pipes open.
    "$bin" --port 0 </dev/null >"$dir/strict-cognito.out" 2>"$dir/strict-cognito.log" &
    pid=$!
    echo "$pid" >"$dir/strict-cognito.pid"
    # Ready = the URL it printed once bound answers.
    local ready=0
    wait_ready "$READY_TIMEOUT" "$pid" printed_and_answers || ready=$?
    case $ready in
    0)
      url=$(head -n 1 "$dir/strict-cognito.out")
      echo "$url" >"$dir/strict-cognito.url"
      log "ready at $url (pid $pid, log $dir/strict-cognito.log)"
      echo "$url"
      return 0
      ;;
    1)
      rc=0
      wait "$pid" || rc=$?
      log "the emulator exited (status $rc) before it was ready (attempt $attempt of 3); its log:"
      tail -n 20 "$dir/strict-cognito.log" >&2 || true
      rm -f "$dir/strict-cognito.pid"
      ;;
    *)
      log "no answer within ${READY_TIMEOUT}s; last lines of its log:"
      tail -n 20 "$dir/strict-cognito.log" >&2 || true
      stop
      return 1
      ;;
    esac
  done
  return 1
}

case "$cmd" in
start) start ;;
stop) stop ;;
*) usage ;;
esac
