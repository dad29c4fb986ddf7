#!/usr/bin/env bash
# packages.sh — the host's Debian packages that the e2e infrastructure needs, in one
# apt transaction (cheaper than one per script on a bare CI machine). Each other
# script still ensures its own packages, so they can also be run on their own.
#
#   debootstrap                 rootfs of the local python:3.11(-slim) base images
#   qemu-user-static binfmt-support   foreign platforms (arm64, arm/v7) via binfmt
#   openssh-server openssh-client git   ssh-git.sh (git+ssh dependency server)
#   docker-registry             registry.sh (distribution 2.8, local push target)
#   tini iptables ca-certificates   what docker.io expects around it
#   python3                     private-index.py, repack-debian-wheels.py
#   python3-poetry python3-pdm  real poetry.lock / pdm.lock files in the lock e2e tests
#
# The Docker engine itself comes from engine.sh (trixie .debs, not bookworm's 20.10).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=packages
require_root

ensure_pkgs debootstrap qemu-user-static binfmt-support openssh-server openssh-client git \
  docker-registry tini iptables ca-certificates python3 python3-poetry python3-pdm
log "host packages present"
