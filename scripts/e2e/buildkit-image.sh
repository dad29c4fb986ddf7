#!/bin/bash
# Called by buildkit.sh (adapted from the shared buildkit recipe).
# Assemble a FROM-scratch "moby/buildkit:buildx-stable-1" image from:
#   $W/bin/buildkitd, $W/bin/buildctl  (from build-buildkitd.sh, static)
#   runc + libc6 + libseccomp2 + busybox-static .debs of the host's Debian suite (apt-get download, no install)
# Outputs in $W/image/:
#   rootfs/ rootfs.tar Dockerfile                      (inputs for `docker import` / `docker build`)
#   buildkit-image.docker.tar                           (only with BUILD_TARBALL=1: built by a temporary
#                                                        standalone buildkitd, loadable with `docker load -i`)
# This script never talks to dockerd.
set -euo pipefail
W=${W:-/tmp/buildkit-build}
TAG=${TAG:-moby/buildkit:buildx-stable-1}
HOSTSUITE=${HOSTSUITE:-$(. /etc/os-release; echo "$VERSION_CODENAME")}
MIRROR=${MIRROR:-$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
I="$W/image"; A="$W/img-apt"
test -x "$W/bin/buildkitd" -a -x "$W/bin/buildctl"
mkdir -p "$A"/{lists/partial,cache/archives/partial,empty,debs} "$I"
echo "deb [signed-by=$KEYRING] $MIRROR $HOSTSUITE main" > "$A/sources.list"
APTOPTS=(-o Dir::Etc::sourcelist="$A/sources.list" -o Dir::Etc::sourceparts="$A/empty" -o Dir::Etc::preferencesparts="$A/empty"
         -o Dir::State::Lists="$A/lists" -o Dir::Cache="$A/cache" -o APT::Sandbox::User=root)
apt-get "${APTOPTS[@]}" -q update >/dev/null
( cd "$A/debs" && apt-get "${APTOPTS[@]}" -q download runc libc6 libseccomp2 busybox-static >/dev/null )

R="$I/rootfs"; rm -rf "$R"; mkdir -p "$R"
for p in runc libc6 libseccomp2; do dpkg -x "$A"/debs/${p}_*.deb "$R"; done
rm -rf "$R"/usr/share/{doc,man,lintian,locale,bash-completion} "$R"/usr/lib/x86_64-linux-gnu/gconv "$R"/etc/ld.so.conf.d
mkdir -p "$I/bb" && dpkg -x "$A"/debs/busybox-static_*.deb "$I/bb"
mkdir -p "$R"/{bin,usr/bin,tmp,run,etc/buildkit,var/lib/buildkit}; chmod 1777 "$R/tmp"
cp "$I/bb/bin/busybox" "$R/bin/busybox"; ln -sf busybox "$R/bin/sh"
cp "$W/bin/buildkitd" "$W/bin/buildctl" "$R/usr/bin/"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$R/etc/passwd"; printf 'root:x:0:\n' > "$R/etc/group"
# sanity: the rootfs is self-contained (runc's dynamic libs resolve inside it)
chroot "$R" /usr/sbin/runc --version | head -1
chroot "$R" /usr/bin/buildkitd --version
tar --numeric-owner -C "$R" -cf "$I/rootfs.tar" .

BKVER=$("$W/bin/buildkitd" --version | awk '{print $3}')
cat > "$I/Dockerfile" <<EOF
FROM scratch
COPY rootfs/ /
LABEL dev.microb.e2e.buildkit=$BKVER
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
VOLUME /var/lib/buildkit
ENTRYPOINT ["buildkitd"]
EOF
printf 'bb\nrootfs.tar\n*.docker.tar\n' > "$I/.dockerignore"

if [ "${BUILD_TARBALL:-0}" = 1 ]; then
  # temporary standalone buildkitd (rootful, runc from the host) just to export a docker-format tarball
  S="$W/tmp-bk"; mkdir -p "$S"; : > "$S/buildkitd.toml"
  "$W/bin/buildkitd" --config "$S/buildkitd.toml" --root "$S/state" --addr "unix://$S/bk.sock" \
      --containerd-worker=false --oci-worker=true > "$S/buildkitd.log" 2>&1 &
  BKPID=$!
  trap 'kill $BKPID 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do "$W/bin/buildctl" --addr "unix://$S/bk.sock" debug workers >/dev/null 2>&1 && break; sleep 0.2; done
  "$W/bin/buildctl" --addr "unix://$S/bk.sock" build --progress plain --frontend dockerfile.v0 \
      --local context="$I" --local dockerfile="$I" \
      --output "type=docker,name=$TAG,dest=$I/buildkit-image.docker.tar"
  kill $BKPID; wait $BKPID 2>/dev/null || true; trap - EXIT
  ls -la "$I/buildkit-image.docker.tar"
fi
echo "image inputs in $I"
