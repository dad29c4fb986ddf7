#!/usr/bin/env bash
# engine.sh — the Docker engine for real `docker buildx build`s without a registry.
#
# Bookworm's docker.io (20.10) can't do multi-platform builds, cache export or OCI
# output; trixie's docker.io 26.1 + containerd 1.7 + docker-buildx 0.13 (the .debs
# fetched from trixie with a private apt config, the system's sources untouched) install
# cleanly on bookworm (they need libc >= 2.34; bookworm has 2.36; bookworm's runc stays).
# The containerd image store is switched on (multi-platform images, --cache-to
# type=local, --output type=oci).
#
# Networking (see daemon.json below): no default bridge at all (no docker0, no
# 172.17.0.0/16, no iptables rules). Every `docker buildx build` must therefore pass
# --network=host (or none) or its RUN steps fail with "network bridge not found", and
# `docker run` must use --network=none or host. dockerd gets HTTP(S)_PROXY pointing at a
# closed loopback port, so an accidental registry access (a `# syntax=` line, --pull,
# a missing base image) fails at once and locally instead of leaving the machine.
#
# Idempotent: a running dockerd with the same config (and the proxy) is kept; it is
# only restarted when daemon.json changed or the engine was (re)installed.
# Env: DOCKERD_LOG (default /var/log/dockerd-e2e.log)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=engine
require_root
DOCKERD_LOG=${DOCKERD_LOG:-/var/log/dockerd-e2e.log}
PROXY=http://127.0.0.1:9 # nothing listens there: "connection refused", never a hang

TMP=$(mktemp -d)
chmod 755 "$TMP" # apt's _apt user downloads into it
trap 'rm -rf "$TMP"' EXIT

# --- daemon.json first, so that a dockerd started by anyone never creates docker0 ---
mkdir -p /etc/docker
cat >"$TMP/daemon.json" <<'EOF'
{
  "bridge": "none",
  "iptables": false,
  "ip-forward": false,
  "ip-masq": false,
  "ip6tables": false,
  "features": { "containerd-snapshotter": true }
}
EOF
# compared as JSON, not bytes: a reformatted but equal file must not restart dockerd
# (that would kill every build running on the machine)
restart=0
if ! python3 - "$TMP/daemon.json" /etc/docker/daemon.json <<'EOF' 2>/dev/null; then
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
sys.exit(0 if a == b else 1)
EOF
  cp "$TMP/daemon.json" /etc/docker/daemon.json
  restart=1
  log "wrote /etc/docker/daemon.json"
fi

# --- packages ------------------------------------------------------------------------
ensure_pkgs tini iptables ca-certificates python3

at_least() { # PKG VERSION
  local v
  v=$(pkg_version "$1")
  [ -n "$v" ] && dpkg --compare-versions "$v" ge "$2"
}

if ! at_least docker.io 26.1 || ! at_least docker-cli 26.1 || ! at_least containerd 1.7 \
  || ! at_least docker-buildx 0.13; then
  mirror=$(debian_mirror)
  log "fetching trixie's docker.io, docker-cli, containerd, docker-buildx"
  mkdir -p "$TMP/lists/partial" "$TMP/archives/partial" "$TMP/sources"
  cat >"$TMP/sources/trixie.sources" <<EOF
Types: deb
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  # a throw-away apt state: nothing about trixie is left in the system's apt config
  apt_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$TMP/sources"
    -o "Dir::State::Lists=$TMP/lists" -o "Dir::Cache::Archives=$TMP/archives"
    -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=")
  apt_q "${apt_opts[@]}" update
  (cd "$TMP" && apt_q "${apt_opts[@]}" download docker.io docker-cli containerd docker-buildx)
  log "installing $(find "$TMP" -maxdepth 1 -name '*.deb' -printf '%f ')"
  ensure_apt_lists # their dependencies come from bookworm
  APT_QUIET_FAIL=1 with_policy_rc_d apt_q install -y --no-install-recommends "$TMP"/*.deb \
    || { apt_update && with_policy_rc_d apt_q install -y --no-install-recommends "$TMP"/*.deb; }
  restart=1
fi

# --- dockerd -------------------------------------------------------------------------
dockerd_pid() { live_pid /var/run/docker.pid dockerd; }
has_closed_proxy() { tr '\0' '\n' <"/proc/$1/environ" 2>/dev/null | grep -qx "HTTPS_PROXY=$PROXY"; }

if pid=$(dockerd_pid); then
  if ! has_closed_proxy "$pid"; then
    log "dockerd (pid $pid) runs without the closed proxy: restarting it"
    restart=1
  fi
  if [ "$restart" = 0 ] && docker info >/dev/null 2>&1; then
    log "dockerd already running (pid $pid)"
  else
    restart=1
  fi
else
  restart=1
fi

if [ "$restart" = 1 ]; then
  if pid=$(dockerd_pid); then
    log "stopping dockerd (pid $pid)"
    kill "$pid"
    for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  ip link show docker0 >/dev/null 2>&1 && ip link delete docker0
  clear_stale_engine_pidfiles /var/run/docker.pid /var/run/docker
  # 9>&-: not setup.sh's lock; a daemon holding it would make every later setup.sh wait forever
  HTTP_PROXY=$PROXY HTTPS_PROXY=$PROXY NO_PROXY=localhost,127.0.0.0/8 \
    setsid dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
  wait_for 60 docker info || {
    tail -20 "$DOCKERD_LOG" >&2
    die "dockerd did not come up (log: $DOCKERD_LOG)"
  }
  log "dockerd started (pid $(dockerd_pid)), log $DOCKERD_LOG"
fi

if ip link show docker0 >/dev/null 2>&1; then die "docker0 exists: daemon.json was not honoured"; fi
docker info --format '{{json .DriverStatus}}' | grep -q io.containerd.snapshotter \
  || die "the containerd image store is off (multi-platform builds need it)"
log "$(docker version --format 'engine {{.Server.Version}}, client {{.Client.Version}}'), $(docker buildx version | awk '{print "buildx " $2}')"
