# shellcheck shell=bash
# lib.sh — helpers shared by the scripts/e2e/*.sh scripts (source it, don't run it).
#
# Everything here is about running real Docker builds on a Debian 12 machine that can
# reach only Debian's package mirror and the npm registry: packages come from apt, the
# mirror is read from /etc/apt/sources.list.d/ at run time (never written down).

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
E2E_CACHE_DIR=${E2E_CACHE_DIR:-${HOME:-/root}/.cache/microb-e2e}
export E2E_DIR E2E_CACHE_DIR
export DEBIAN_FRONTEND=noninteractive

# progress lines go to stderr so that scripts can print machine-readable things on stdout
log() { printf '[e2e:%s] %s\n' "${E2E_STEP:-setup}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

require_root() { [ "$(id -u)" = 0 ] || die "must run as root (apt-get, dockerd, useradd)"; }

# The pid in pid file FILE when that process is alive and is program NAME (/proc/PID/comm, which
# the kernel cuts at 15 bytes), else nothing and status 1. A pid file alone proves nothing: CI
# starts from a saved disk of an earlier machine, where /var/run is not a tmpfs, so a pid file
# may outlive its daemon and name some unrelated process that got the pid since.
live_pid() { # FILE NAME
  local p comm
  p=$(cat "$1" 2>/dev/null) || return 1
  [[ $p =~ ^[0-9]+$ ]] || return 1
  comm=$(cat "/proc/$p/comm" 2>/dev/null) || return 1
  [ "$comm" = "${2:0:15}" ] || return 1
  printf '%s\n' "$p"
}

# Remove pid file FILE unless it names a live NAME: dockerd finding a containerd.pid whose pid
# is alive waits for that "still running" containerd and gives up after 15 s.
clear_stale_pidfile() { # FILE NAME
  [ -e "$1" ] || return 0
  live_pid "$1" "$2" >/dev/null && return 0
  log "removing the stale pid file $1 (no $2 runs with its pid)"
  rm -f "$1"
}

# Before a dockerd starts: the pid files a saved disk kept from one that is gone, its own and
# its managed containerd's (under its exec root).
clear_stale_engine_pidfiles() { # PIDFILE EXEC_ROOT
  clear_stale_pidfile "$1" dockerd
  clear_stale_pidfile "$2/containerd/containerd.pid" containerd
}

# seconds since the epoch with a decimal part, for timings
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

# The bookworm mirror: the URIs of the deb822 stanza whose Suites contain plain
# "bookworm" (not bookworm-security), falling back to one-line "deb URL bookworm ..."
# entries. Read at run time so that no mirror host name lives in the repository.
debian_mirror() {
  local f uri=
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk 'BEGIN { RS = ""; FS = "\n" }
      {
        uris = ""; suites = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/)   { sub(/^URIs:[ \t]*/, "", $i); split($i, u, /[ \t]+/); uris = u[1] }
          if ($i ~ /^Suites:/) { suites = " " $i " " }
        }
        if (uris != "" && suites ~ /[ \t]bookworm[ \t]/) { print uris; exit }
      }' "$f")
    [ -n "$uri" ] && break
  done
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list.d/*.list /etc/apt/sources.list 2>/dev/null \
      | awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' || true)
  fi
  [ -n "$uri" ] || die "no bookworm mirror found in /etc/apt/sources.list.d/"
  printf '%s\n' "$uri"
}

# Which world the set-up runs in: "debian" (a Debian 12 machine that reaches only Debian's
# mirror: the engine, base images and wheelhouse are built here) or "runner" (a GitHub-hosted
# runner or any other machine: the runner's Docker as it is, official python images from
# Docker Hub, wheels from PyPI). E2E_MODE=debian|runner decides; otherwise GITHUB_ACTIONS=true
# means runner, and so does an OS other than Debian 12 (E2E_OS_RELEASE: the os-release file
# read, for tests). Nothing in runner mode changes the machine's Docker configuration.
e2e_mode() {
  local os=${E2E_OS_RELEASE:-/etc/os-release} id= version=
  case ${E2E_MODE:-} in
    debian | runner) echo "$E2E_MODE"; return 0 ;;
    '') ;;
    *) die "E2E_MODE=$E2E_MODE: expected debian or runner" ;;
  esac
  if [ "${GITHUB_ACTIONS:-}" = true ]; then echo runner; return 0; fi
  if [ -r "$os" ]; then
    id=$(. "$os" && echo "${ID:-}")
    version=$(. "$os" && echo "${VERSION_ID:-}")
  fi
  if [ "$id" = debian ] && [ "$version" = 12 ]; then echo debian; else echo runner; fi
}

# The Python minors the e2e base images exist for (python:X.Y and python:X.Y-slim)
E2E_PYTHONS=(3.11 3.13)
# The platforms of the python:3.13 stand-ins (base-images.sh E2E_PYTHON=3.13): linux/amd64
# unless set. The 3.13 tests build for amd64 (trixie amd64 rootfs: 55 s). An arm64 one runs
# debootstrap and apt under QEMU: 16 min for the slim rootfs + ~5 min for git/ssh, measured on
# 2 cores at load 10-15 (bookworm's arm64 took 5-6 min on a quieter machine), added to every
# cold CI run for no test that needs it. E2E_PY313_PLATFORMS=linux/amd64,linux/arm64 adds it.
export E2E_PY313_PLATFORMS=${E2E_PY313_PLATFORMS:-linux/amd64}

pkg_installed() { dpkg-query -W -f '${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'; }
pkg_version() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || true; }

# apt-get, quietly; on failure show the tail of its output (unless APT_QUIET_FAIL=1).
# Waits for the dpkg lock instead of failing when someone else is installing something.
apt_q() {
  local out rc=0
  out=$(mktemp)
  apt-get -o DPkg::Lock::Timeout=300 "$@" >"$out" 2>&1 || rc=$?
  [ "$rc" = 0 ] || [ "${APT_QUIET_FAIL:-0}" = 1 ] || tail -20 "$out" >&2
  rm -f "$out"
  return "$rc"
}

apt_update() {
  log "apt-get update"
  apt_q update
}

# A bare machine has no package lists: fetch them. Existing lists are used as they are
# (their mtimes come from the mirror, so they say nothing about their age); an install
# that fails on them (e.g. a 404 for a superseded .deb) is retried after an update.
ensure_apt_lists() {
  compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || apt_update # may be .lz4/.gz
}

# Run a command with /usr/sbin/policy-rc.d refusing service starts, so that installing
# openssh-server, docker.io or docker-registry never starts a system daemon (and
# removing packages never runs stop scripts that unmount cgroups). Only a policy-rc.d
# created here is removed afterwards.
with_policy_rc_d() {
  local own=0 rc=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    own=1
  fi
  "$@" || rc=$?
  [ "$own" = 1 ] && rm -f /usr/sbin/policy-rc.d
  return "$rc"
}

# ensure_pkgs PKG...: install the missing ones (no recommends) in one apt transaction
ensure_pkgs() {
  local p missing=()
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  ensure_apt_lists
  APT_QUIET_FAIL=1 with_policy_rc_d apt_q install -y --no-install-recommends "${missing[@]}" && return 0
  apt_update
  with_policy_rc_d apt_q install -y --no-install-recommends "${missing[@]}"
}

# A free TCP port on 127.0.0.1, from the kernel (bind to port 0). The port is released
# before the caller binds it, so callers retry if their server then fails to bind.
free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds
wait_for() {
  local secs=$1 i
  shift
  for ((i = 0; i < secs * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# Platforms as Docker names them -> (TARGETARCH, Debian architecture)
platform_targetarch() {
  case $1 in
    linux/amd64) echo amd64 ;;
    linux/arm64 | linux/arm64/v8) echo arm64 ;;
    linux/386) echo 386 ;;
    linux/arm/v7) echo arm ;;
    *) return 1 ;;
  esac
}
targetarch_debian() {
  case $1 in
    amd64) echo amd64 ;;
    arm64) echo arm64 ;;
    386) echo i386 ;;
    arm) echo armhf ;;
    *) return 1 ;;
  esac
}

# The Debian suite whose python3 is the given minor (the base images are debootstrapped)
python_suite() {
  case $1 in
    3.11) echo bookworm ;;
    3.13) echo trixie ;;
    *) return 1 ;;
  esac
}

# The platforms setup prepares: E2E_PLATFORMS (default linux/amd64,linux/arm64), plus
# linux/386 and linux/arm/v7 when E2E_EXTRA_PLATFORMS=1. Comma separated, deduplicated.
e2e_platforms() {
  local p=${E2E_PLATFORMS:-linux/amd64,linux/arm64}
  [ "${E2E_EXTRA_PLATFORMS:-0}" = 1 ] && p="$p,linux/386,linux/arm/v7"
  printf '%s\n' "$p" | tr ',' '\n' | sed '/^$/d' | awk '!seen[$0]++' | paste -sd, -
}
