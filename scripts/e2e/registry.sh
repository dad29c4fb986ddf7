#!/usr/bin/env bash
# registry.sh — a local image registry (Debian's docker-registry, i.e. distribution 2.8)
# on 127.0.0.1, at a free port chosen at random, for testing `--push` and the pushed
# digests. dockerd treats 127.0.0.0/8 registries as insecure (plain http) by default,
# and the closed proxy it runs with exempts 127.0.0.0/8, so pushes stay on loopback.
#
# Usage (as root):  registry.sh [STATE_DIR]          (default: a new mktemp -d)
# Writes STATE_DIR/env (shell) and STATE_DIR/env.json with REGISTRY=127.0.0.1:PORT,
# REGISTRY_PORT, REGISTRY_PID, REGISTRY_STATE. Storage is STATE_DIR/data.
# Stop:  kill "$(cat STATE_DIR/registry.pid)"
# Re-running on the same STATE_DIR keeps a running registry.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=registry

STATE=${1:-$(mktemp -d "${TMPDIR:-/tmp}/microb-registry.XXXXXX")}
command -v docker-registry >/dev/null || {
  require_root
  ensure_pkgs docker-registry
}
mkdir -p "$STATE/data"
STATE=$(cd "$STATE" && pwd)

alive() { live_pid "$STATE/registry.pid" docker-registry >/dev/null; }
# "Docker-Distribution-Api-Version" tells it's a registry answering, not something else
answers() {
  python3 - "$1" <<'EOF'
import sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never a proxy
r = opener.open(f"http://127.0.0.1:{sys.argv[1]}/v2/", timeout=1)
sys.exit(0 if r.headers.get("Docker-Distribution-Api-Version") else 1)
EOF
}

PORT=
if alive && [ -s "$STATE/port" ] && answers "$(cat "$STATE/port")" 2>/dev/null; then
  PORT=$(cat "$STATE/port")
  log "registry already running (pid $(cat "$STATE/registry.pid"), port $PORT)"
else
  alive && kill "$(cat "$STATE/registry.pid")"
  # a free port from the kernel; if someone grabs it first, the registry exits: retry
  for _ in 1 2 3 4 5; do
    candidate=$(free_port)
    cat >"$STATE/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$candidate
EOF
    setsid docker-registry serve "$STATE/config.yml" >"$STATE/registry.log" 2>&1 </dev/null &
    echo $! >"$STATE/registry.pid"
    if wait_for 10 answers "$candidate"; then
      PORT=$candidate
      break
    fi
    kill "$(cat "$STATE/registry.pid")" 2>/dev/null || true
  done
  [ -n "$PORT" ] || { tail -5 "$STATE/registry.log" >&2; die "docker-registry could not be started"; }
  echo "$PORT" >"$STATE/port"
fi

PID=$(cat "$STATE/registry.pid")
printf 'REGISTRY=127.0.0.1:%s\nREGISTRY_PORT=%s\nREGISTRY_PID=%s\nREGISTRY_STATE=%s\n' \
  "$PORT" "$PORT" "$PID" "$STATE" >"$STATE/env"
printf '{"host": "127.0.0.1:%s", "port": %s, "pid": %s, "stateDir": "%s"}\n' \
  "$PORT" "$PORT" "$PID" "$STATE" >"$STATE/env.json"
log "registry on 127.0.0.1:$PORT (pid $PID); source $STATE/env"
