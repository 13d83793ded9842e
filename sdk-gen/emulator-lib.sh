# shellcheck shell=bash
# What the emulator scripts (moto.sh, strict-cognito.sh) share: is a process alive, stop one
# politely, wait for one to become ready. Sourced, not run; `log` is the caller's.

# True when PID is a live (not zombie) process.
alive() { # pid
  local state
  [[ "$1" =~ ^[0-9]+$ ]] || return 1
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# SIGTERM, up to 10 s to go (so a caller that removes the run's directory next does not race
# its log writes), then SIGKILL. OURS is a command that tells whether PID is still the
# emulator (a recycled PID must not be killed).
stop_process() { # pid ours-command...
  local pid=$1
  shift
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do
    "$@" || return 0
    sleep 0.2
  done
  log "pid $pid ignored SIGTERM for 10 s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# Polls READY (a command) every 0.2 s until it succeeds (status 0), PID exits (status 1), or
# TIMEOUT seconds pass (status 2).
wait_ready() { # timeout pid ready-command...
  local deadline=$((SECONDS + $1)) pid=$2
  shift 2
  while :; do
    # alive, not a stricter check: right after the fork the child is still the caller's
    # shell, not yet the emulator, and must not be taken for one that already exited.
    alive "$pid" || return 1
    "$@" && return 0
    [ "$SECONDS" -lt "$deadline" ] || return 2
    sleep 0.2
  done
}
