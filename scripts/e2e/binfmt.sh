#!/usr/bin/env bash
# binfmt.sh — QEMU user-mode emulation for the foreign platforms of the e2e platforms
# (E2E_PLATFORMS / E2E_EXTRA_PLATFORMS, see lib.sh), from Debian's qemu-user-static.
#
# Debian's handlers carry the F (fix binary) flag: the kernel opens the interpreter
# when the handler is registered, so it also works inside chroots (debootstrap of a
# foreign rootfs) and containers (RUN steps of a `--platform linux/arm64` build),
# where /usr/bin/qemu-*-static does not exist. binfmt_misc is not always mounted
# (it wasn't on the VM this was written on): mount it, then let update-binfmts
# register the handlers.
#
# linux/386 needs no emulator on an amd64 host (the kernel runs i386 code natively
# when CONFIG_IA32_EMULATION is on; checked later by debootstrap itself).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=binfmt
require_root

host=$(dpkg --print-architecture)
handlers=()
for platform in $(e2e_platforms | tr ',' ' '); do
  arch=$(platform_targetarch "$platform") || die "unsupported platform $platform"
  case $host:$arch in
    amd64:amd64 | amd64:386 | arm64:arm64) ;;
    *:amd64) handlers+=(qemu-x86_64) ;;
    *:arm64) handlers+=(qemu-aarch64) ;;
    *:arm) handlers+=(qemu-arm) ;;
    *:386) handlers+=(qemu-i386) ;;
  esac
done
if [ ${#handlers[@]} -eq 0 ]; then
  log "no foreign platform requested"
  exit 0
fi

ensure_pkgs qemu-user-static binfmt-support
mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
for h in "${handlers[@]}"; do
  f=/proc/sys/fs/binfmt_misc/$h
  if [ ! -e "$f" ] || ! grep -qx enabled "$f"; then
    update-binfmts --enable "$h" >/dev/null 2>&1 || update-binfmts --import "$h" >/dev/null 2>&1 || true
  fi
  [ -e "$f" ] || die "binfmt handler $h missing after update-binfmts"
  grep -q '^flags: .*F' "$f" || die "binfmt handler $h has no F flag: it won't work inside containers"
done
log "binfmt handlers ready: ${handlers[*]}"
