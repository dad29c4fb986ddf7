#!/usr/bin/env bash
# buildkit.sh — a real BuildKit for the builder e2e tests, offline: buildkitd + buildctl
# compiled from the BuildKit sources Debian ships in sid's golang-github-docker-docker-dev
# (buildkit-compile.sh), packed into a FROM-scratch image (buildkit-image.sh) and loaded into
# the engine as moby/buildkit:buildx-stable-1 — the image `docker buildx create --driver
# docker-container` runs (buildx tries a pull first and falls back to the local image).
#
# Cached under $E2E_CACHE_DIR/buildkit:
#   bin/{buildkitd,buildctl}   the binaries (sid moves: once built they are kept)
#   image.docker.tar           the image, `docker load`-able
#   work/                      .debs, Go cache, sources (a rebuild after `rm -rf bin` is ~4 min)
# Cold: ~3-8 min on 2 cores (fetch + compile). Warm: ~1 s (checks only).
#
# Loads into the engine DOCKER_HOST points at (run it once per engine).
# Env: E2E_FORCE=1 (recompile), E2E_BUILDKIT_SUITE (default sid).
# Prints nothing on stdout; `buildkit.sh --print-bin` prints the bin directory.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=buildkit

C="$E2E_CACHE_DIR/buildkit"
TAG=moby/buildkit:buildx-stable-1
if [ "${1:-}" = --print-bin ]; then
  printf '%s\n' "$C/bin"
  exit 0
fi
require_root
t0=$(now)
mkdir -p "$C"

exec 8>"$C/lock"
flock 8

if [ "${E2E_FORCE:-0}" = 1 ]; then rm -rf "$C/bin" "$C/image.docker.tar"; fi

if ! [ -x "$C/bin/buildkitd" ] || ! [ -x "$C/bin/buildctl" ]; then
  ensure_pkgs python3 xz-utils
  log "compiling buildkitd + buildctl from Debian's sources (minutes; log $C/compile.log)"
  W="$C/work" SUITE=${E2E_BUILDKIT_SUITE:-sid} MIRROR=$(debian_mirror) \
    bash "$E2E_DIR/buildkit-compile.sh" >"$C/compile.log" 2>&1 || {
    tail -20 "$C/compile.log" >&2
    die "buildkitd compile failed (log: $C/compile.log)"
  }
  mkdir -p "$C/bin.new"
  cp "$C/work/bin/buildkitd" "$C/work/bin/buildctl" "$C/bin.new/"
  rm -rf "$C/bin" && mv "$C/bin.new" "$C/bin"
  rm -f "$C/image.docker.tar"
  log "compiled $("$C/bin/buildkitd" --version | awk '{print $3}') in $(since "$t0")"
fi

if ! [ -s "$C/image.docker.tar" ]; then
  log "assembling $TAG (log $C/image.log)"
  mkdir -p "$C/work/bin"
  cp "$C/bin/buildkitd" "$C/bin/buildctl" "$C/work/bin/"
  W="$C/work" TAG=$TAG MIRROR=$(debian_mirror) BUILD_TARBALL=1 \
    bash "$E2E_DIR/buildkit-image.sh" >"$C/image.log" 2>&1 || {
    tail -20 "$C/image.log" >&2
    die "building the BuildKit image failed (log: $C/image.log)"
  }
  mv "$C/work/image/buildkit-image.docker.tar" "$C/image.docker.tar.new"
  mv "$C/image.docker.tar.new" "$C/image.docker.tar"
fi

# the engine has our image (same buildkitd inside) or gets it
want=$("$C/bin/buildkitd" --version | awk '{print $3}')
have=$(docker image inspect --format '{{index .Config.Labels "dev.microb.e2e.buildkit"}}' "$TAG" 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  log "docker load $TAG into ${DOCKER_HOST:-the default engine}"
  docker load -q -i "$C/image.docker.tar" >/dev/null
fi
log "ready: $TAG ($want) in $(since "$t0")"
