#!/usr/bin/env bash
# remote-buildkit.sh — a BuildKit daemon as a remote builder, the way a fleet serves one:
# buildkitd (compiled by buildkit.sh) run rootful on the host with Debian's runc, listening
# only on tcp://127.0.0.1:PORT with mutual TLS from a throwaway CA made here with openssl
# (server cert for IP 127.0.0.1, client cert for buildx). Connect with
#   docker buildx create --name N --driver remote \
#     --driver-opt cacert=$REMOTE_BUILDKIT_CACERT,cert=$REMOTE_BUILDKIT_CERT,key=$REMOTE_BUILDKIT_KEY \
#     $REMOTE_BUILDKIT_ADDR
#
# Usage (as root):  remote-buildkit.sh [STATE_DIR]            (default: a new mktemp -d)
#                   remote-buildkit.sh --restart STATE_DIR    kill -9 (and its build containers) and
#                                                             start again on the same port and state:
#                                                             a crashed daemon restarted
#                   remote-buildkit.sh --stop STATE_DIR       SIGTERM (kill -9 after 20 s), then the
#                                                             runc containers and mounts it left
# Writes STATE_DIR/env (shell) and STATE_DIR/env.json: REMOTE_BUILDKIT_ADDR, _PORT, _PID, _CACERT,
# _CERT, _KEY, _STATE. The pid is in STATE_DIR/buildkitd.pid.
# Env: REMOTE_BUILDKIT_MIRROR=127.0.0.1:PORT — a registry (e.g. registry.sh's) that stands in for
#      Docker Hub: docker.io images (python:3.11-slim) are pulled from it over plain http.
# RUN steps get the host network (no CNI); builds must ask for it (--network=host), which the
# daemon allows (network.host entitlement). A re-run on the same STATE_DIR keeps a running daemon.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=remote-buildkit
require_root

restart=0 stop=0
case "${1:-}" in
  --restart) restart=1 ;;
  --stop) stop=1 ;;
esac
if [ "$restart" = 1 ] || [ "$stop" = 1 ]; then
  shift
  [ -n "${1:-}" ] || die "$0 --restart|--stop needs a STATE_DIR"
fi
STATE=${1:-$(mktemp -d "${TMPDIR:-/tmp}/microb-remote-buildkit.XXXXXX")}
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
BIN=$("$E2E_DIR/buildkit.sh" --print-bin)
[ -x "$BIN/buildkitd" ] && [ -x "$BIN/buildctl" ] || die "no buildkitd in $BIN: run scripts/e2e/buildkit.sh first"
command -v runc >/dev/null || die "runc is not installed (engine.sh installs it with docker.io)"
command -v openssl >/dev/null || ensure_pkgs openssl
C=$STATE/certs

alive() { live_pid "$STATE/buildkitd.pid" buildkitd >/dev/null; }
answers() { # PORT
  timeout 10 "$BIN/buildctl" --addr "tcp://127.0.0.1:$1" --tlscacert "$C/ca.pem" \
    --tlscert "$C/client.pem" --tlskey "$C/client-key.pem" debug workers >/dev/null 2>&1
}

# what a killed buildkitd leaves: its runc containers (they outlive it, in runc's default state
# root /run/runc, named by the bundle directories of its executor) and their mounts
reap() {
  local bundle id m
  for bundle in "$STATE"/root/runc-overlayfs/executor/*/; do
    [ -f "$bundle/config.json" ] || continue
    id=$(basename "$bundle")
    runc kill "$id" KILL 2>/dev/null || true
    for _ in $(seq 50); do runc state "$id" 2>/dev/null | grep -q '"status": "running"' || break; sleep 0.1; done
    runc delete -f "$id" 2>/dev/null || true
  done
  # deepest first
  for m in $(awk -v p="$STATE/root/" 'index($5, p) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
}
kill_daemon() { # SIGNAL
  alive || return 0
  local pid
  pid=$(cat "$STATE/buildkitd.pid")
  kill "-$1" "$pid"
  for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  reap
  log "stopped buildkitd (pid $pid, SIG$1)"
}
if [ "$stop" = 1 ]; then
  kill_daemon TERM
  exit 0
fi

# --- a throwaway CA, a server and a client certificate -----------------------------------
if ! [ -s "$C/client.pem" ]; then
  mkdir -p "$C"
  (
    cd "$C"
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=microb e2e throwaway CA" \
      -keyout ca-key.pem -out ca.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server-key.pem -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 \
      -extfile server.ext -out server.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=microb e2e client" -keyout client-key.pem -out client.csr 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 \
      -extfile client.ext -out client.pem 2>/dev/null
    rm -f ./*.csr ./*.ext ca.srl
  )
  log "made a throwaway CA and TLS certificates in $C"
fi

# --- buildkitd -----------------------------------------------------------------------------
start() { # PORT
  {
    printf 'insecure-entitlements = ["network.host"]\n\n[worker.oci]\n  enabled = true\n  gc = true\n'
    printf '\n[worker.containerd]\n  enabled = false\n'
    if [ -n "${REMOTE_BUILDKIT_MIRROR:-}" ]; then
      printf '\n[registry."docker.io"]\n  mirrors = ["%s"]\n' "$REMOTE_BUILDKIT_MIRROR"
      printf '\n[registry."%s"]\n  http = true\n' "$REMOTE_BUILDKIT_MIRROR"
    fi
  } >"$STATE/buildkitd.toml"
  # 7>&- 8>&- 9>&-: not the locks of setup scripts that may have started us
  setsid "$BIN/buildkitd" --config "$STATE/buildkitd.toml" --root "$STATE/root" \
    --addr "tcp://127.0.0.1:$1" --tlscacert "$C/ca.pem" --tlscert "$C/server.pem" --tlskey "$C/server-key.pem" \
    >>"$STATE/buildkitd.log" 2>&1 </dev/null 7>&- 8>&- 9>&- &
  echo $! >"$STATE/buildkitd.pid"
  wait_for 30 answers "$1"
}

PORT=
if [ "$restart" = 1 ]; then
  [ -s "$STATE/port" ] || die "$STATE has no port file: not a remote-buildkit.sh state"
  PORT=$(cat "$STATE/port")
  kill_daemon KILL
  start "$PORT" || { tail -5 "$STATE/buildkitd.log" >&2; die "buildkitd did not come back on port $PORT"; }
  log "buildkitd restarted (pid $(cat "$STATE/buildkitd.pid")) on 127.0.0.1:$PORT"
elif alive && [ -s "$STATE/port" ] && answers "$(cat "$STATE/port")"; then
  PORT=$(cat "$STATE/port")
  log "buildkitd already running (pid $(cat "$STATE/buildkitd.pid"), port $PORT)"
else
  kill_daemon TERM
  # a free port from the kernel; if someone grabs it first, buildkitd exits: retry
  for _ in 1 2 3 4 5; do
    candidate=$(free_port)
    if start "$candidate"; then
      PORT=$candidate
      break
    fi
    kill "$(cat "$STATE/buildkitd.pid")" 2>/dev/null || true
  done
  [ -n "$PORT" ] || { tail -5 "$STATE/buildkitd.log" >&2; die "buildkitd could not be started"; }
  echo "$PORT" >"$STATE/port"
  log "buildkitd $("$BIN/buildkitd" --version | awk '{print $3}') on tcp://127.0.0.1:$PORT with TLS (pid $(cat "$STATE/buildkitd.pid"))"
fi

PID=$(cat "$STATE/buildkitd.pid")
printf 'REMOTE_BUILDKIT_ADDR=tcp://127.0.0.1:%s\nREMOTE_BUILDKIT_PORT=%s\nREMOTE_BUILDKIT_PID=%s\n' \
  "$PORT" "$PORT" "$PID" >"$STATE/env"
printf 'REMOTE_BUILDKIT_CACERT=%s\nREMOTE_BUILDKIT_CERT=%s\nREMOTE_BUILDKIT_KEY=%s\nREMOTE_BUILDKIT_STATE=%s\n' \
  "$C/ca.pem" "$C/client.pem" "$C/client-key.pem" "$STATE" >>"$STATE/env"
printf '{"addr": "tcp://127.0.0.1:%s", "port": %s, "pid": %s, "cacert": "%s", "cert": "%s", "key": "%s", "stateDir": "%s"}\n' \
  "$PORT" "$PORT" "$PID" "$C/ca.pem" "$C/client.pem" "$C/client-key.pem" "$STATE" >"$STATE/env.json"
