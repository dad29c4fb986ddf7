#!/usr/bin/env bash
# classic-engine.sh — a second dockerd like the one on GitHub's hosted runners: the classic
# image store (containerd snapshotter OFF, overlay2 graph driver), so the `docker` driver
# can neither build multi-platform images nor export a build cache, and the action has to
# create a docker-container builder. It runs beside the main engine (engine.sh), never
# touching it or /etc/docker/daemon.json: its own config file, socket, data root, exec root
# (with its own managed containerd), pidfile; "bridge": "none", no iptables, and the same
# closed proxy as engine.sh (a registry access fails at once instead of leaving the machine).
#
# Usage (as root):  classic-engine.sh [STATE_DIR]     (default $E2E_CACHE_DIR/classic-engine)
#                   classic-engine.sh --stop [STATE_DIR]
# Writes STATE_DIR/env (shell) and STATE_DIR/env.json: CLASSIC_DOCKER_HOST=unix://…/docker.sock,
# CLASSIC_PID, CLASSIC_STATE. Use it with `DOCKER_HOST=$CLASSIC_DOCKER_HOST docker …`.
# Idempotent: a running daemon with the same config is kept (data root in the cache, so the
# images below survive a stop); it is stopped by its pid (`--stop`, or kill "$(cat STATE/docker.pid)").
#
# Loads what the tests need (each only when missing or stale):
#   python:3.11-slim, python:3.11   linux/amd64, from base-images.sh's rootfs tarballs
#   moby/buildkit:buildx-stable-1   buildkit.sh's image (docker-container builders)
# Cold: 22 s once base-images.sh and buildkit.sh have run (measured, busy 2-core machine). Warm: ~2 s.
# Env: CLASSIC_LOG (default STATE_DIR/dockerd.log), E2E_CACHE_DIR, CLASSIC_SKIP_IMAGES=1 (daemon only).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=classic-engine
require_root

stop=0
if [ "${1:-}" = --stop ]; then
  stop=1
  shift
fi
STATE=${1:-$E2E_CACHE_DIR/classic-engine}
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
# unix socket paths are limited to 107 bytes, containerd's under the exec root too: keep
# the exec root short and derived from STATE, so two STATE dirs never share one
EXEC_ROOT=/run/microb-classic-$(printf '%s' "$STATE" | sha256sum | cut -c1-8)
SOCK=$EXEC_ROOT/docker.sock
PIDFILE=$STATE/docker.pid
LOG=${CLASSIC_LOG:-$STATE/dockerd.log}
PROXY=http://127.0.0.1:9 # nothing listens there (as in engine.sh)
export DOCKER_HOST=unix://$SOCK
# buildx's own state (current builder, instances) private to this engine: a `buildx use`
# elsewhere on the machine can't redirect the builds below
export BUILDX_CONFIG=$STATE/buildx

exec 7>"$STATE/lock"
flock 7

alive() { live_pid "$PIDFILE" dockerd >/dev/null; }

stop_daemon() {
  alive || return 0
  local pid
  pid=$(cat "$PIDFILE")
  log "stopping the classic dockerd (pid $pid)"
  kill "$pid"
  for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then die "dockerd (pid $pid) did not stop in 60 s"; fi
}

if [ "$stop" = 1 ]; then
  stop_daemon
  rm -f "$STATE/env" "$STATE/env.json"
  for m in "$EXEC_ROOT"/netns/*; do umount "$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$EXEC_ROOT"
  exit 0
fi

ensure_pkgs python3
command -v dockerd >/dev/null || "$E2E_DIR/engine.sh"

# the daemon's whole configuration: dockerd reads no /etc/docker/daemon.json with --config-file
cat >"$STATE/daemon.json.new" <<EOF
{
  "bridge": "none",
  "iptables": false,
  "ip-forward": false,
  "ip-masq": false,
  "ip6tables": false,
  "features": { "containerd-snapshotter": false },
  "storage-driver": "overlay2",
  "data-root": "$STATE/data",
  "exec-root": "$EXEC_ROOT",
  "pidfile": "$PIDFILE",
  "hosts": ["unix://$SOCK"],
  "containerd-namespace": "microb-classic",
  "containerd-plugins-namespace": "microb-classic-plugins"
}
EOF
restart=1
if cmp -s "$STATE/daemon.json.new" "$STATE/daemon.json" && alive \
  && timeout 10 docker info >/dev/null 2>&1; then
  restart=0
  log "classic dockerd already running (pid $(cat "$PIDFILE")) on $DOCKER_HOST"
fi
mv "$STATE/daemon.json.new" "$STATE/daemon.json"

if [ "$restart" = 1 ]; then
  stop_daemon
  mkdir -p "$EXEC_ROOT" "$STATE/data"
  clear_stale_engine_pidfiles "$PIDFILE" "$EXEC_ROOT"
  # 7>&- 9>&-: a daemon holding our lock (or setup.sh's) would make every later run wait forever
  HTTP_PROXY=$PROXY HTTPS_PROXY=$PROXY NO_PROXY=localhost,127.0.0.0/8 \
    setsid dockerd --config-file "$STATE/daemon.json" >>"$LOG" 2>&1 </dev/null 7>&- 9>&- &
  wait_for 60 docker info || {
    tail -20 "$LOG" >&2
    die "the classic dockerd did not come up (log: $LOG)"
  }
  log "classic dockerd started (pid $(cat "$PIDFILE")) on $DOCKER_HOST, log $LOG"
fi

if docker info --format '{{json .DriverStatus}}' | grep -q io.containerd.snapshotter; then
  die "the containerd image store is on: this engine must use the classic store"
fi

# --- images ----------------------------------------------------------------------------------
# python:3.11(-slim) for linux/amd64 (the classic store holds one platform per tag), from the
# same rootfs tarballs as the main engine's: base-images.sh does the checks and the build
if [ "${CLASSIC_SKIP_IMAGES:-0}" != 1 ]; then
  E2E_PLATFORMS=linux/amd64 E2E_EXTRA_PLATFORMS=0 BUILDX_BUILDER=default "$E2E_DIR/base-images.sh"
  # the BuildKit image a docker-container builder runs (buildx falls back to it when the pull fails)
  BUILDX_BUILDER=default "$E2E_DIR/buildkit.sh"
fi

printf 'CLASSIC_DOCKER_HOST=%s\nCLASSIC_PID=%s\nCLASSIC_STATE=%s\n' \
  "$DOCKER_HOST" "$(cat "$PIDFILE")" "$STATE" >"$STATE/env"
printf '{"dockerHost": "%s", "pid": %s, "stateDir": "%s"}\n' \
  "$DOCKER_HOST" "$(cat "$PIDFILE")" "$STATE" >"$STATE/env.json"
log "ready: $(docker version --format 'engine {{.Server.Version}}'), $(docker info --format '{{.Driver}}') store; source $STATE/env"
