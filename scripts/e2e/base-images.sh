#!/usr/bin/env bash
# base-images.sh — local stand-ins for python:3.11-slim and python:3.11 (or, with
# E2E_PYTHON=3.13, python:3.13-slim and python:3.13), built from a debootstrap'd Debian
# rootfs (no container registry is reachable): bookworm's python3 is 3.11, trixie's 3.13.
#
#   slim: minbase + python3 python3-pip python3-venv ca-certificates (Debian's 3.11.2 or
#         3.13 in /usr/bin), /usr/bin/python and /usr/bin/pip links, EXTERNALLY-MANAGED removed,
#         the host's apt sources (same mirror), apt lists emptied like the official image
#         (RUN apt-get update before apt-get install)
#   full: slim + git + openssh-client (builder stages of git+ssh dependencies); unlike
#         the official image it has no gcc
#
# Platforms: E2E_PLATFORMS (default linux/amd64,linux/arm64) and, with
# E2E_EXTRA_PLATFORMS=1, linux/386 (Debian i386, runs natively on amd64) and
# linux/arm/v7 (Debian armhf, through qemu-arm). Foreign rootfs are debootstrapped
# through binfmt (binfmt.sh): no --foreign / second stage needed. All platforms go into
# one multi-platform image per tag (needs the containerd image store, engine.sh).
# The extra two work: both images run, `buildx build --platform linux/386,linux/arm/v7`
# runs RUN steps in them (userland 32-bit; under linux/386 uname/platform.machine()
# still say x86_64, as with the official i386 images on a 64-bit kernel). Their
# security index on the mirror was out of sync with its Release file when tested; the
# chroot apt step tolerates that (see build_full).
#
# The images are made with `docker buildx build` FROM scratch + ADD rootfs.tar, not
# `docker import` (which ignores --platform on older engines and can't make a
# multi-platform image). python:3.11, docker.io/python:3.11 and
# docker.io/library/python:3.11 all resolve to them without a pull.
#
# Cache: E2E_CACHE_DIR/base/{slim,full}/<suite>-<TARGETARCH>.tar, each with a .cksum
# sidecar. Tarballs left by the e2e recipe in ~/.cache/e2e-base are adopted (hard
# links) instead of being rebuilt. Rootfs builds of several arches run in parallel.
# Measured on 2 cores shared with other builds (load 5-7): amd64 92 s, arm64 356 s
# (QEMU), i386 ~70-120 s, armhf ~8 min (QEMU); creating the two images from the tarballs
# 50-60 s each (gzip of one layer per platform), now run side by side. On an idle
# machine the recipe measured ~5.5 min for amd64 + arm64.
#
# The image label e2e.rootfs = "<suite>,<arch>:<cksum>,..." (the recipe's format, so
# images it built are accepted): an image is rebuilt only if its label lacks one of the
# requested platforms' current tarballs. Idempotent; a few seconds when up to date.
#
# Env: E2E_PYTHON (3.11 = bookworm, the default; 3.13 = trixie),
#      E2E_SLIM_TAG / E2E_FULL_TAG (default python:$E2E_PYTHON-slim / python:$E2E_PYTHON),
#      E2E_FORCE=1 (rebuild tarballs and images), E2E_RECIPE_CACHE (default ~/.cache/e2e-base)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=base-images
require_root

PYTHON=${E2E_PYTHON:-3.11}
SUITE=$(python_suite "$PYTHON") || die "E2E_PYTHON=$PYTHON: no Debian suite has it (3.11: bookworm, 3.13: trixie)"
SLIM_TAG=${E2E_SLIM_TAG:-python:$PYTHON-slim}
FULL_TAG=${E2E_FULL_TAG:-python:$PYTHON}
FORCE=${E2E_FORCE:-0}
BASE=$E2E_CACHE_DIR/base
RECIPE=${E2E_RECIPE_CACHE:-${HOME:-/root}/.cache/e2e-base}
PLATFORMS=$(e2e_platforms)
ARCHES=()
for platform in ${PLATFORMS//,/ }; do
  a=$(platform_targetarch "$platform") || die "unsupported platform $platform (supported: linux/amd64, linux/arm64, linux/386, linux/arm/v7)"
  ARCHES+=("$a")
done
mkdir -p "$BASE/slim" "$BASE/full"

tar_of() { echo "$BASE/$1/$SUITE-$2.tar"; } # FLAVOUR ARCH
have_tar() { [ -s "$1" ] && [ -s "$1.cksum" ] && [ ! "$1" -nt "$1.cksum" ]; }
write_cksum() { cksum <"$1" | cut -d' ' -f1 >"$1.cksum.tmp" && mv "$1.cksum.tmp" "$1.cksum"; }

# --- 1. rootfs tarballs ----------------------------------------------------------------
strip_rootfs() { # ROOT: what the official images don't carry either
  chroot "$1" apt-get clean >/dev/null 2>&1 || true
  rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/log/*.log \
    "$1"/var/log/apt/* "$1"/tmp/* "$1"/root/.cache
  : >"$1/etc/resolv.conf" # docker bind-mounts its own at run time
  rm -f "$1/etc/hostname"
}

build_rootfs() { # ARCH — runs in a background subshell; output goes to its log
  local arch=$1 debarch mirror root slim full
  debarch=$(targetarch_debian "$arch")
  mirror=$(debian_mirror)
  slim=$(tar_of slim "$arch")
  full=$(tar_of full "$arch")
  root=$(mktemp -d "${TMPDIR:-/tmp}/microb-rootfs-$arch.XXXXXX")
  chmod 755 "$root"
  # shellcheck disable=SC2064 # expand now: $root is local
  trap "umount '$root/proc' 2>/dev/null || true; rm -rf --one-file-system '$root'" EXIT

  set -x
  if [ "$FORCE" != 1 ] && have_tar "$slim"; then
    # only the full flavour is missing (e.g. its apt step failed last time): start
    # from the slim tarball instead of debootstrapping again
    tar --numeric-owner --xattrs -C "$root" -xf "$slim"
  else
    build_slim "$root" "$slim" "$debarch" "$mirror"
  fi
  build_full "$root" "$full"
}

build_slim() { # ROOT SLIM_TAR DEBIAN_ARCH MIRROR
  local root=$1 slim=$2 debarch=$3 mirror=$4
  debootstrap --variant=minbase --arch="$debarch" \
    --include=python3,python3-pip,python3-venv,ca-certificates "$SUITE" "$root" "$mirror"
  rm -f "$root/etc/apt/sources.list"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    # the host's (bookworm) stanzas, for the image's suite: bookworm-security -> trixie-security
    mkdir -p "$root/etc/apt/sources.list.d"
    sed -E "/^Suites:/ s/\<bookworm\>/$SUITE/g" /etc/apt/sources.list.d/debian.sources \
      >"$root/etc/apt/sources.list.d/debian.sources"
    chmod 644 "$root/etc/apt/sources.list.d/debian.sources"
  else
    mkdir -p "$root/etc/apt/sources.list.d"
    printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$mirror" "$SUITE" "$SUITE" >"$root/etc/apt/sources.list.d/debian.sources"
  fi
  ln -sf python3 "$root/usr/bin/python"
  [ -e "$root/usr/bin/pip" ] || ln -sf pip3 "$root/usr/bin/pip"
  rm -f "$root"/usr/lib/python3*/EXTERNALLY-MANAGED
  strip_rootfs "$root"
  tar --numeric-owner --xattrs -C "$root" -cf "$slim.tmp" . && mv "$slim.tmp" "$slim"
  write_cksum "$slim"
}

build_full() { # ROOT FULL_TAR: full = slim + git + openssh-client, apt inside the chroot
  local root=$1 full=$2 i
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount -t proc proc "$root/proc"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod +x "$root/usr/sbin/policy-rc.d"
  # The mirror can serve an index that disagrees with its Release file for a while
  # ("File has unexpected size ... Mirror sync in progress?"; seen for the i386 and armhf
  # security indexes): retry, then go on with the indexes that did arrive; the install
  # fails only if a package really can't be found.
  for i in 1 2 3; do
    chroot "$root" apt-get update -qq && break
    sleep $((i * 3))
  done
  chroot "$root" apt-get install -y -qq --no-install-recommends git openssh-client
  rm -f "$root/usr/sbin/policy-rc.d"
  umount "$root/proc"
  strip_rootfs "$root"
  tar --numeric-owner --xattrs -C "$root" -cf "$full.tmp" . && mv "$full.tmp" "$full"
  write_cksum "$full"
}

to_build=()
for arch in "${ARCHES[@]}"; do
  slim=$(tar_of slim "$arch") full=$(tar_of full "$arch")
  if [ "$FORCE" != 1 ] && { ! have_tar "$slim" || ! have_tar "$full"; } \
    && [ -s "$RECIPE/slim/$SUITE-$arch.tar" ] && [ -s "$RECIPE/full/$SUITE-$arch.tar" ]; then
    # same rootfs recipe: adopt its tarballs (hard links, or copies across filesystems)
    log "adopting $arch tarballs from $RECIPE"
    for flavour in slim full; do
      ln -f "$RECIPE/$flavour/$SUITE-$arch.tar" "$(tar_of "$flavour" "$arch")" 2>/dev/null \
        || cp "$RECIPE/$flavour/$SUITE-$arch.tar" "$(tar_of "$flavour" "$arch")"
      write_cksum "$(tar_of "$flavour" "$arch")"
    done
  fi
  if [ "$FORCE" = 1 ] || ! have_tar "$slim" || ! have_tar "$full"; then
    to_build+=("$arch")
  fi
done

if [ ${#to_build[@]} -gt 0 ]; then
  ensure_pkgs debootstrap
  [ "${E2E_BINFMT_READY:-0}" = 1 ] || "$E2E_DIR/binfmt.sh"
  declare -A pids=() started=()
  for arch in "${to_build[@]}"; do
    if [ "$FORCE" != 1 ] && have_tar "$(tar_of slim "$arch")"; then
      log "$SUITE/$(targetarch_debian "$arch"): full rootfs from the slim one (log: $BASE/build-$SUITE-$arch.log)"
    else
      log "debootstrap $SUITE/$(targetarch_debian "$arch") (log: $BASE/build-$SUITE-$arch.log)"
    fi
    started[$arch]=$(now)
    (build_rootfs "$arch") >"$BASE/build-$SUITE-$arch.log" 2>&1 &
    pids[$arch]=$!
  done
  failed=()
  for arch in "${to_build[@]}"; do
    if wait "${pids[$arch]}"; then
      log "$arch rootfs (slim + full) ready in $(since "${started[$arch]}")"
    else
      log "$arch rootfs FAILED; last lines of $BASE/build-$SUITE-$arch.log:"
      tail -15 "$BASE/build-$SUITE-$arch.log" >&2
      failed+=("$arch")
    fi
  done
  [ ${#failed[@]} -eq 0 ] || die "rootfs failed for: ${failed[*]}"
fi

# --- 2. images ---------------------------------------------------------------------------
DF_DIR=$(mktemp -d)
trap 'rm -rf "$DF_DIR"' EXIT
# The Dockerfile is a file, not `-f -`: buildx 0.13 leaves a /tmp/dockerfile* dir
# behind for every stdin Dockerfile. No RUN step: no emulation needed to assemble
# the foreign images.
cat >"$DF_DIR/Dockerfile" <<'EOF'
FROM scratch
ARG TARGETARCH
ARG SUITE
ADD $SUITE-$TARGETARCH.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
CMD ["python3"]
EOF

import_image() { # FLAVOUR TAG
  local flavour=$1 tag=$2 want=$SUITE have arch term stale=0 t0
  for arch in "${ARCHES[@]}"; do
    want="$want,$arch:$(cat "$(tar_of "$flavour" "$arch").cksum")"
  done
  have=$(docker image inspect -f '{{index .Config.Labels "e2e.rootfs"}}' "$tag" 2>/dev/null || true)
  for term in ${want//,/ }; do
    case ",$have," in *",$term,"*) ;; *) stale=1 ;; esac
  done
  if [ "$FORCE" != 1 ] && [ "$stale" = 0 ]; then
    log "$tag up to date ($PLATFORMS)"
    return 0
  fi
  t0=$(now)
  docker buildx build --network=host --quiet --platform "$PLATFORMS" --build-arg "SUITE=$SUITE" \
    --label "e2e.rootfs=$want" -t "$tag" --load -f "$DF_DIR/Dockerfile" "$BASE/$flavour" >/dev/null || return 1
  log "built $tag for $PLATFORMS in $(since "$t0")"
}
# side by side: most of the time goes into gzip-compressing the layers (one per
# platform), which is single-threaded per layer
import_image slim "$SLIM_TAG" &
slim_pid=$!
import_image full "$FULL_TAG" &
full_pid=$!
wait "$slim_pid" || die "building $SLIM_TAG failed"
wait "$full_pid" || die "building $FULL_TAG failed"
