#!/usr/bin/env bash
# runner-setup.sh — the e2e set-up in runner mode (lib.sh e2e_mode): a GitHub-hosted runner
# (ubuntu-24.04) or any machine that is not the Debian 12 CI. It uses the machine's Docker
# as it is — the daemon's config is never touched, no engine, QEMU or debootstrap — and
# checks or fetches, for linux/amd64 only:
#
#   python:X.Y-slim, python:X.Y   for X.Y in 3.11 3.13: used when present (`docker image
#                                 inspect`), otherwise `docker pull` (Docker Hub's official
#                                 images); then each must run its Python X.Y, and the full
#                                 one must have git and ssh
#   the wheelhouse                E2E_CACHE_DIR/wheelhouse: kept when present (e.g. the
#                                 Debian-repacked one of wheels.sh); otherwise the same
#                                 distributions and versions from PyPI (wheelhouse-pypi.txt),
#                                 downloaded by the slim image's pip
#
# On the Debian machine (E2E_MODE=runner) the local stand-ins from base-images.sh are
# present under the official names, so nothing is pulled: that is how runner mode is
# exercised there (runner-e2e.sh). Needs no root: only access to the Docker socket.
# Env: E2E_MODE, E2E_CACHE_DIR, E2E_FORCE=1 (re-download the wheelhouse).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=runner-setup
t0=$(now)
PLATFORM=linux/amd64
WHEELHOUSE=$E2E_CACHE_DIR/wheelhouse
STAMP=$E2E_CACHE_DIR/wheelhouse.stamp
mkdir -p "$E2E_CACHE_DIR"

[ "$(e2e_mode)" = runner ] || die "not runner mode (E2E_MODE=runner, GITHUB_ACTIONS=true or not Debian 12)"
docker info --format '{{.ServerVersion}}' >/dev/null 2>&1 || die "no Docker engine answers (docker info)"
docker buildx version >/dev/null 2>&1 || die "no docker buildx plugin"
for tool in git python3; do command -v "$tool" >/dev/null || die "$tool is missing"; done
# the image store as `docker info` shows it: overlay2 = classic (GitHub's runners), overlayfs = containerd
log "runner mode: Docker $(docker info --format '{{.ServerVersion}}') (storage driver $(docker info --format '{{.Driver}}')), $(docker buildx version | cut -d' ' -f1-2), images for $PLATFORM"

# --- base images -----------------------------------------------------------------------
have_image() { docker image inspect --platform "$PLATFORM" --format '{{.Id}}' "$1" >/dev/null 2>&1 \
  || docker image inspect --format '{{.Id}}' "$1" >/dev/null 2>&1; }
for py in "${E2E_PYTHONS[@]}"; do
  for ref in "python:$py-slim" "python:$py"; do
    if have_image "$ref"; then
      log "$ref present"
    else
      log "docker pull $ref ($PLATFORM)"
      docker pull --quiet --platform "$PLATFORM" "$ref" >/dev/null
    fi
    got=$(docker run --rm --network=none --platform "$PLATFORM" "$ref" \
      python -c 'import sys; print("%d.%d" % sys.version_info[:2])') || die "$ref does not run python"
    [ "$got" = "$py" ] || die "$ref runs Python $got, not $py"
  done
  # git+ssh dependencies are fetched in the builder stage, which starts FROM the full image
  docker run --rm --network=none --platform "$PLATFORM" "python:$py" sh -c 'git --version && command -v ssh' \
    >/dev/null || die "python:$py lacks git or ssh"
done
log "base images run Python ${E2E_PYTHONS[*]}"

# --- wheelhouse --------------------------------------------------------------------------
if [ "${E2E_FORCE:-0}" != 1 ] && [ -s "$STAMP" ] && compgen -G "$WHEELHOUSE/*.whl" >/dev/null; then
  log "wheelhouse present ($(find "$WHEELHOUSE" -name '*.whl' | wc -l) wheels, $(cut -d: -f1 "$STAMP" | sed 's/^[0-9a-f]\{64\}$/debian/'))"
else
  want=pypi:$(sha256sum "$E2E_DIR/wheelhouse-pypi.txt" | cut -d' ' -f1)
  log "wheelhouse from PyPI ($E2E_DIR/wheelhouse-pypi.txt)"
  rm -rf "$WHEELHOUSE.new" && mkdir -p "$WHEELHOUSE.new"
  docker run --rm --network=host --user "$(id -u):$(id -g)" -e HOME=/tmp \
    -v "$WHEELHOUSE.new:/out" -v "$E2E_DIR/wheelhouse-pypi.txt:/req.txt:ro" python:3.11-slim \
    python -m pip download --quiet --no-deps --only-binary=:all: --dest /out -r /req.txt
  n=$(find "$WHEELHOUSE.new" -name '*-none-any.whl' | wc -l)
  total=$(grep -c '^[^#]' "$E2E_DIR/wheelhouse-pypi.txt")
  [ "$n" = "$total" ] || die "expected $total py3-none-any wheels, got $n"
  mkdir -p "$WHEELHOUSE"
  rm -f "$WHEELHOUSE"/*.whl
  mv "$WHEELHOUSE.new"/* "$WHEELHOUSE/" && rmdir "$WHEELHOUSE.new"
  echo "$want" >"$STAMP"
  log "$n wheels in $WHEELHOUSE"
fi
log "ready in $(since "$t0")"
