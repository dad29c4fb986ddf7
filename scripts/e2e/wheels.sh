#!/usr/bin/env bash
# wheels.sh — the wheelhouse the e2e private index serves: real wheels made from Debian
# packages by repack-debian-wheels.py (requests and its dependency graph, click, six,
# attrs, typing-extensions; the build backends hatchling (+ packaging, pathspec,
# pluggy, trove-classifiers), flit_core, poetry-core, setuptools-scm and hatch-vcs
# (versions from git tags) plus Debian's upstream-built
# setuptools, wheel and pip wheels.
#
#   E2E_CACHE_DIR/wheelhouse/*.whl     the wheels
#   E2E_CACHE_DIR/debs/                the downloaded .debs (nothing is installed)
#   E2E_CACHE_DIR/wheels-verify.json   what the verification found (see below)
#
# Verification (first build only): with Debian's own /usr/bin/python3 (the interpreter
# the base images have) requests installs from the wheelhouse alone and imports, and a
# tiny project per build backend builds (setuptools, hatchling, flit_core, poetry-core).
# Debian's setuptools wheel carries a Debian patch (install_layout) that only works on
# Debian's Python; with a python.org/pyenv Python its builds fail, inside the images
# they work.
#
# Idempotent: rebuilt only when repack-debian-wheels.py changes (stamp), E2E_FORCE=1.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=wheels

OUT=$E2E_CACHE_DIR/wheelhouse
STAMP=$E2E_CACHE_DIR/wheelhouse.stamp
want=$(sha256sum "$E2E_DIR/repack-debian-wheels.py" | cut -d' ' -f1)
if [ "${E2E_FORCE:-0}" != 1 ] && [ -d "$OUT" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$want" ]; then
  log "wheelhouse up to date ($(find "$OUT" -name '*.whl' | wc -l) wheels in $OUT)"
  exit 0
fi

require_root # apt-get download into root's cache, dpkg-deb
ensure_apt_lists # apt-get download needs package lists
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
verify=()
if "$py" -m pip --version >/dev/null 2>&1; then
  verify=(--verify "$E2E_CACHE_DIR/wheels-verify.json")
else
  log "no pip for $py: skipping the wheelhouse self-check (the e2e infra test covers it)"
fi
t0=$(now)
rm -rf "$OUT.new"
"$py" "$E2E_DIR/repack-debian-wheels.py" --out "$OUT.new" --debs "$E2E_CACHE_DIR/debs" "${verify[@]}" >/dev/null
# Swap file by file (rename within one filesystem is atomic), never the directory:
# private indexes of running tests serve it.
mkdir -p "$OUT"
for f in "$OUT"/*; do
  [ -e "$f" ] || continue
  [ -e "$OUT.new/$(basename "$f")" ] || rm -f "$f"
done
for f in "$OUT.new"/*; do mv -f "$f" "$OUT/"; done
rmdir "$OUT.new"
echo "$want" >"$STAMP"
log "$(find "$OUT" -name '*.whl' | wc -l) wheels in $OUT ($(since "$t0"))"
