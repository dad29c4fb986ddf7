#!/usr/bin/env bash
# setup.sh — everything the e2e tests need for real Docker builds on a Debian 12 machine
# that reaches only Debian's mirror and the npm registry. Run as root; idempotent: on a
# machine that has it all it only checks (a second or two), on a bare one it installs.
#
#   packages.sh     host packages in one apt transaction (debootstrap, qemu, sshd, git,
#                   docker-registry, ...)
#   engine.sh       trixie's Docker engine 26 + buildx, containerd image store, no
#                   bridge network, dockerd behind a closed proxy
#   binfmt.sh       QEMU binfmt handlers for the foreign platforms
#   base-images.sh  local python:3.11 / python:3.11-slim for E2E_PLATFORMS   } in
#   wheels.sh       the wheelhouse the private index serves                    } parallel
#
# Servers are not started here: tests start their own (private-index.py, ssh-git.sh,
# registry.sh; __tests__/e2e/support/servers.ts) on random loopback ports.
#
# Env: E2E_PLATFORMS (default linux/amd64,linux/arm64), E2E_EXTRA_PLATFORMS=1 (adds
#      linux/386 and linux/arm/v7), E2E_CACHE_DIR (default ~/.cache/microb-e2e),
#      E2E_FORCE=1 (rebuild base images and wheels), DOCKERD_LOG.
# Cold on 2 cores (engine already installed, machine busy with other builds): 7.7 min,
# the arm64 rootfs under QEMU dominating; ~5.5 min on an idle machine. Warm: ~1 s.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=setup
# On a GitHub runner (or anything but Debian 12, or E2E_MODE=runner) none of the Debian
# set-up applies: use the machine's Docker and the official images (runner-setup.sh).
if [ "$(e2e_mode)" = runner ]; then exec "$E2E_DIR/runner-setup.sh"; fi
require_root
t0=$(now)
mkdir -p "$E2E_CACHE_DIR"

# one setup at a time (test files and people may call it concurrently)
exec 9>"$E2E_CACHE_DIR/setup.lock"
if ! flock -n 9; then
  log "another setup.sh is running: waiting for it"
  flock 9
fi

log "platforms $(e2e_platforms), cache $E2E_CACHE_DIR"
"$E2E_DIR/packages.sh"
"$E2E_DIR/engine.sh"
"$E2E_DIR/binfmt.sh"
export E2E_BINFMT_READY=1

# the base images (minutes when cold) and the wheelhouse (seconds) don't depend on
# each other: build them side by side
"$E2E_DIR/wheels.sh" &
wheels_pid=$!
base_rc=0
# then python:3.13(-slim) from trixie, for E2E_PY313_PLATFORMS only (lib.sh says why)
"$E2E_DIR/base-images.sh" \
  && E2E_PYTHON=3.13 E2E_PLATFORMS=$E2E_PY313_PLATFORMS E2E_EXTRA_PLATFORMS=0 "$E2E_DIR/base-images.sh" \
  || base_rc=$?
wheels_rc=0
wait "$wheels_pid" || wheels_rc=$?
[ "$base_rc" = 0 ] || die "base-images.sh failed ($base_rc)"
[ "$wheels_rc" = 0 ] || die "wheels.sh failed ($wheels_rc)"

log "ready in $(since "$t0")"
