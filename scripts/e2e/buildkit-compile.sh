#!/bin/bash
# Called by buildkit.sh (adapted from the shared buildkit recipe).
# Build standalone buildkitd + buildctl (static, CGO_ENABLED=0) from the BuildKit
# sources that Debian ships inside golang-github-docker-docker-dev (source pkg docker.io),
# using only Debian's archive: no install, no system apt state touched.
#
#   W=/some/workdir SUITE=sid ./build-buildkitd.sh      -> $W/bin/buildkitd, $W/bin/buildctl
#
# Needs: apt-get, dpkg, python3, tar, xz (all on a stock Debian 12). Run as root (apt-get download/source).
set -euo pipefail
SUITE=${SUITE:-sid}          # sid or forky (both: docker.io 28.5.2+dfsg4-5 = buildkit v0.25.2 when tested); trixie: see INDEX_TSV
GOVER=${GOVER:-1.26}         # golang-1.26 is what Debian currently builds docker/buildx with
W=${W:-/tmp/buildkit-build}
# reuse the mirror that the system's own sources use (do not hardcode a host)
MIRROR=${MIRROR:-$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
T0=$(date +%s)
log() { echo "[$(( $(date +%s) - T0 ))s] $*"; }

mkdir -p "$W"/{lists/partial,cache/archives/partial,empty,debs,src,go,gp,gocache,tmp,bin}
cd "$W"
cat > sources.list <<EOF
deb [signed-by=$KEYRING] $MIRROR $SUITE main
deb-src [signed-by=$KEYRING] $MIRROR $SUITE main
EOF
cat > contents.conf <<'EOF'
Acquire::IndexTargets::deb::Contents-deb {
  MetaKey "$(COMPONENT)/Contents-$(ARCHITECTURE)";
  ShortDescription "Contents-$(ARCHITECTURE)";
  Description "$(RELEASE)/$(COMPONENT) $(ARCHITECTURE) Contents (deb)";
  flatMetaKey "Contents-$(ARCHITECTURE)";
  flatDescription "$(RELEASE) Contents (deb)";
  PDiffs "false";
  KeepCompressed "true";
};
EOF
APTOPTS=(-o Dir::Etc::sourcelist="$W/sources.list" -o Dir::Etc::sourceparts="$W/empty"
         -o Dir::Etc::preferencesparts="$W/empty" -o Dir::State::Lists="$W/lists" -o Dir::Cache="$W/cache"
         -o APT::Sandbox::User=root)
[ -n "${INDEX_TSV:-}" ] || APTOPTS=(-c "$W/contents.conf" "${APTOPTS[@]}")   # Contents only needed to build the index
apt_() { local c=$1; shift; "$c" "${APTOPTS[@]}" "$@"; }

log "apt-get update ($SUITE, private state in $W)"
apt_ apt-get -q update >/dev/null

if [ -n "${INDEX_TSV:-}" ]; then cp "$INDEX_TSV" godir2pkg.tsv   # e.g. when $SUITE's Contents files are broken on the mirror
else
log "index: Go import dir -> Debian package (from Contents)"
for f in lists/*Contents-all* lists/*Contents-amd64*; do /usr/lib/apt/apt-helper cat-file "$f"; done |
  awk '$1 ~ /^usr\/share\/gocode\/src\// {p=$1; sub(/^usr\/share\/gocode\/src\//,"",p);
       if (p ~ /\.go$/) sub(/\/[^\/]*$/,"",p);            # dir of a .go file
       n=split($2,a,","); for(i=1;i<=n;i++){q=a[i]; sub(/.*\//,"",q); print p"\t"q}}' |
  sort -u > godir2pkg.tsv

fi
log "download + unpack toolchain and docker.io's -dev package"
cd debs
apt_ apt-get -q download "golang-$GOVER-go/$SUITE" "golang-$GOVER-src/$SUITE" "golang-github-docker-docker-dev/$SUITE" >/dev/null
for d in golang-$GOVER-*.deb; do dpkg -x "$d" ../go; done
dpkg -x golang-github-docker-docker-dev_*.deb ../gp
echo golang-github-docker-docker-dev > ../unpacked.txt
cd ..

export GOROOT="$W/go/usr/lib/go-$GOVER" GOPATH="$W/gp/usr/share/gocode"
export PATH="$GOROOT/bin:$PATH" GO111MODULE=off GOTOOLCHAIN=local GOPROXY=off GOSUMDB=off GOFLAGS=
export GOENV="$W/goenv" GOCACHE="${GOCACHE_DIR:-$W/gocache}" GOTMPDIR="$W/tmp" CGO_ENABLED=0
TAGS="osusergo netgo static_build seccomp"
SRC="$GOPATH/src"
BK="$SRC/github.com/moby/buildkit"
test -f "$BK/cmd/buildkitd/main.go" || { echo "no buildkitd sources in golang-github-docker-docker-dev/$SUITE"; exit 1; }

log "github.com/moby/profiles + go-actions-cache are not packaged: take them from docker.io's orig tarball (engine/vendor)"
( cd src && apt_ apt-get -q source --download-only "docker.io/$SUITE" >/dev/null 2>&1 || true )
ORIG=$(ls src/docker.io_*.orig.tar.xz | head -1)   # main component (engine); the .dsc may 404 on some mirrors, that's fine
mkdir -p src/eng && tar -xJf "$ORIG" -C src/eng --wildcards '*/engine/vendor/*' '*/engine/vendor.mod'
V=$(echo src/eng/*/engine/vendor)
for d in github.com/moby/profiles github.com/tonistiigi/go-actions-cache; do   # only these two are needed (sid: buildkit v0.25)
  if [ -d "$V/$d" ] && [ ! -e "$SRC/$d" ]; then mkdir -p "$SRC/$(dirname $d)"; cp -a "$V/$d" "$SRC/$d"; fi
done

log "go.mod for buildkit (enables GOPATH 'minimal module compatibility' for .../v2 etc. imports)"
[ -f "$BK/go.mod" ] || printf 'module github.com/moby/buildkit\n\ngo 1.24\n' > "$BK/go.mod"

log "patch cmd/buildkitd: drop fuse-overlayfs (not in Debian) and stargz (Debian's is built for containerd 1.x) snapshotters"
python3 - "$BK/cmd/buildkitd/main_oci_worker.go" <<'EOF'
import re, sys
p = sys.argv[1]; s = open(p).read()
s = re.sub(r'\n\t\w+ "github.com/containerd/(fuse-overlayfs-snapshotter/v2|stargz-snapshotter/[^"]*)"', '', s)
s = s.replace('fuseoverlayfs.Supported(commonRoot)', 'errors.New("fuse-overlayfs snapshotter not compiled in")')
s = s.replace('return fuseoverlayfs.NewSnapshotter(root)', 'return nil, errors.New("fuse-overlayfs snapshotter not compiled in")')
a = s.index('\tcase "stargz":\n'); b = s.index('\tdefault:\n', a)
s = s[:a] + '\tcase "stargz":\n\t\treturn snFactory, errors.New("stargz snapshotter not compiled in")\n' + s[b:]
a = s.find('// sourceWithSession returns a callback')
if a > 0: s = s[:a].rstrip() + '\n'
open(p, 'w').write(s)
EOF

log "resolve imports -> Debian -dev packages, rounds"
targets="github.com/moby/buildkit/cmd/buildkitd github.com/moby/buildkit/cmd/buildctl"
: > vendored.txt
lookup() { awk -F'\t' -v p="$1" '$1==p {print $2; exit}' godir2pkg.tsv; }
for round in $(seq 1 15); do
  go list -e -deps -tags "$TAGS" -f '{{with .Error}}{{.}}{{end}}{{range .DepsErrors}}{{.}}{{"\n"}}{{end}}' $targets 2>&1 |
    grep -o 'cannot find package "[^"]*"' | sed 's/cannot find package "//; s/"$//' | sort -u > missing.txt || true
  [ -s missing.txt ] || break
  : > want.txt; : > unresolved.txt
  while read -r imp; do
    pkg=""; cand="$imp"
    while [ -z "$pkg" ] && [ -n "$cand" ]; do            # exact dir, then /vN-stripped, then parent dirs (symlinked roots)
      pkg=$(lookup "$cand"); [ -n "$pkg" ] && break
      alt=$(echo "$cand" | sed -E 's#/v[0-9]+(/|$)#\1#; s#/$##'); [ "$alt" != "$cand" ] && pkg=$(lookup "$alt")
      [[ "$cand" == */* ]] && cand=${cand%/*} || cand=""
    done
    if [ -n "$pkg" ] && ! grep -qx "$pkg" unpacked.txt; then echo "$pkg" >> want.txt
    elif [ -d "$V/$imp" ] && [ ! -d "$SRC/$imp" ]; then      # not packaged in $SUITE: use docker.io's own vendored copy
      mkdir -p "$SRC/$imp"; find "$V/$imp" -maxdepth 1 -type f -exec cp -a {} "$SRC/$imp/" \; ; echo "$imp" >> vendored.txt; echo vendored >> want.txt
    else echo "$imp" >> unresolved.txt; fi
  done < missing.txt
  sort -u -o want.txt want.txt; sed -i '/^vendored$/d' want.txt; vend=$(grep -c . vendored.txt 2>/dev/null || true)
  log "round $round: $(wc -l < missing.txt) missing imports -> $(wc -l < want.txt) packages (vendored so far: ${vend:-0})"
  if [ ! -s want.txt ] && [ "${vend:-0}" = "${lastvend:-x}" ]; then echo "unresolvable imports:"; cat unresolved.txt; exit 1; fi
  lastvend=${vend:-0}; [ -s want.txt ] || continue
  ( cd debs && apt_ apt-get -q download $(sed "s#\$#/$SUITE#" ../want.txt) >/dev/null 2>&1 ) ||
    for p in $(cat want.txt); do ( cd debs && apt_ apt-get -q download "$p/$SUITE" >/dev/null 2>&1 ) || echo "  not in $SUITE: $p"; done
  for p in $(cat want.txt); do for d in debs/${p}_*.deb; do [ -f "$d" ] && dpkg -x "$d" gp; done; echo "$p" >> unpacked.txt; done
done
log "$(wc -l < unpacked.txt) -dev packages unpacked ($(du -sh debs | cut -f1) of .debs)"

BKVER=$(grep -E '^\s+github.com/moby/buildkit v' src/eng/*/engine/vendor.mod 2>/dev/null | awk '{print $2}' | head -1 || true)
LDF="-s -w -X github.com/moby/buildkit/version.Version=${BKVER:-v0.0.0}+debian -X github.com/moby/buildkit/version.Revision=debian-$SUITE -extldflags -static"
log "compile deps + drop imports left unused by the snapshotter patch"
F="$BK/cmd/buildkitd/main_oci_worker.go"
for _ in $(seq 1 12); do
  out=$(go build -p "$(nproc)" -trimpath -tags "$TAGS" -o /dev/null github.com/moby/buildkit/cmd/buildkitd 2>&1 || true)
  ln=$(echo "$out" | grep -E 'main_oci_worker.go:[0-9]+:[0-9]+: .*imported (as [A-Za-z0-9_]+ )?and not used' | head -1 | sed -E 's/.*main_oci_worker.go:([0-9]+):.*/\1/' || true)
  [ -n "$ln" ] || break
  sed -i "${ln}d" "$F"
done
log "go build (buildkit ${BKVER:-?})"
go build -p "$(nproc)" -trimpath -tags "$TAGS" -ldflags "$LDF" -o bin/ $targets
bin/buildkitd --version; bin/buildctl --version
log "done: $W/bin/buildkitd $W/bin/buildctl"
