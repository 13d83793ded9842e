#!/usr/bin/env bash
# Starts and stops a moto server (the local Cognito emulator) for one test run or demo.
#
#   sdk-gen/moto.sh start DIR   # prints http://127.0.0.1:PORT once the server answers
#   sdk-gen/moto.sh stop DIR    # stops it; does nothing when none is running
#
# DIR holds the run's state: moto.log, moto.pid, moto.port. Each caller uses its own DIR, so
# several runs can have their own servers side by side (each on its own free port).
#
# moto is only ever bound to 127.0.0.1: it accepts any credentials, so it must not be reachable
# from other machines. Its state is in memory only; stopping it forgets every pool and client.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { echo "moto: $*" >&2; }
# shellcheck source=sdk-gen/emulator-lib.sh
. "$here/emulator-lib.sh"
usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}

READY_TIMEOUT=30 # seconds; moto answers about 1 s after start, far more on a loaded machine
ATTEMPTS=5       # new ports to try when the one picked was taken before moto could bind it

[ $# -eq 2 ] || usage
cmd=$1
dir=$2

# True when PID is a live (not zombie) moto_server serving PORT: guards against killing, or
# trusting, an unrelated process that was given a recycled PID.
is_ours() { # pid port
  local pid=$1 port=$2 state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ "$state" != Z ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "moto_server .*-p $port\( \|$\)"
}

# The readiness probe. --noproxy: the server is local, a proxy set in the environment must not
# get in the way.
answers() { # url
  curl -sf --noproxy '*' --max-time 2 -o /dev/null "$1/moto-api/"
}

ready_at() { # pid port url
  is_ours "$1" "$2" && grep -q "Running on $3" "$dir/moto.log" && answers "$3"
}

stop() {
  local pid port
  pid=$(cat "$dir/moto.pid" 2>/dev/null || true)
  port=$(cat "$dir/moto.port" 2>/dev/null || true)
  if [ -n "$pid" ] && is_ours "$pid" "$port"; then
    stop_process "$pid" is_ours "$pid" "$port"
    log "stopped moto (pid $pid, port $port)"
  fi
  rm -f "$dir/moto.pid" "$dir/moto.port"
}

start() {
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)

  # Already running for this DIR: reuse it (start is idempotent).
  local pid port url
  pid=$(cat "$dir/moto.pid" 2>/dev/null || true)
  port=$(cat "$dir/moto.port" 2>/dev/null || true)
  if [ -n "$pid" ] && is_ours "$pid" "$port" && answers "http://127.0.0.1:$port"; then
    log "already running (pid $pid)"
    echo "http://127.0.0.1:$port"
    return 0
  fi
  stop # clear stale pid/port files (and a server that never became ready)

  local bin
  bin=$("$here/install-moto.sh")

  local attempt
  for attempt in $(seq "$ATTEMPTS"); do
    # Let the kernel choose a free port, then release it for moto. Another process can take it
    # in between; moto then exits with "Address already in use" and we try another port.
    port=$("$bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    url="http://127.0.0.1:$port"
    # stdin/stdout/stderr all redirected: the server must not hold the caller's pipes open
    # (a caller doing url=$(moto.sh start ...) would otherwise wait for it to exit).
    "$bin/moto_server" -H 127.0.0.1 -p "$port" </dev/null >"$dir/moto.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/moto.pid"
    echo "$port" >"$dir/moto.port"

    # Ready = our own process reports it bound the port (so the answer cannot come from some
    # other server that grabbed the port first) and the HTTP API answers.
    local ready=0
    wait_ready "$READY_TIMEOUT" "$pid" ready_at "$pid" "$port" "$url" || ready=$?
    case $ready in
    0)
      log "moto ready at $url (pid $pid, log $dir/moto.log)"
      echo "$url"
      return 0
      ;;
    1)
      if grep -q 'Address already in use\|is in use by another program' "$dir/moto.log"; then
        log "port $port was taken (attempt $attempt of $ATTEMPTS); trying another"
        continue
      fi
      log "moto_server exited before it was ready; last lines of $dir/moto.log:"
      tail -n 20 "$dir/moto.log" >&2 || true
      rm -f "$dir/moto.pid" "$dir/moto.port"
      return 1
      ;;
    *)
      log "moto did not answer at $url/moto-api/ within ${READY_TIMEOUT}s; last lines of $dir/moto.log:"
      tail -n 20 "$dir/moto.log" >&2 || true
      stop
      return 1
      ;;
    esac
  done
  log "no free port after $ATTEMPTS attempts; last lines of $dir/moto.log:"
  tail -n 20 "$dir/moto.log" >&2 || true
  rm -f "$dir/moto.pid" "$dir/moto.port"
  return 1
}

case "$cmd" in
start) start ;;
stop) stop ;;
*) usage ;;
esac
