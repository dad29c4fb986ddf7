#!/usr/bin/env bash
# ssh-git.sh — a private sshd on 127.0.0.1 (a free port chosen at random) serving a bare
# git repository of a tiny setuptools package, to test `pkg @ git+ssh://...`
# dependencies built with `docker buildx build --ssh default`.
#
# Usage (as root):  ssh-git.sh [STATE_DIR]          (default: a new mktemp -d)
#   env: E2E_GIT_PKG (default e2e-git-pkg), E2E_GIT_VERSION (default 0.1.0)
# Writes STATE_DIR/env (shell, `source` it) and STATE_DIR/env.json with:
#   SSH_GIT_PORT, SSH_GIT_URL (the pip requirement
#   "e2e-git-pkg @ git+ssh://git@127.0.0.1:PORT/<abs path>.git@v0.1.0"), SSH_GIT_REPO,
#   SSH_GIT_KEY (client private key), SSH_GIT_KNOWN_HOSTS (from ssh-keyscan),
#   SSH_GIT_SSHD_PID, SSH_GIT_PKG, SSH_GIT_VERSION, SSH_GIT_MODULE, SSH_GIT_STATE
# Stop:  kill "$(cat STATE_DIR/sshd.pid)"
# Re-running on the same STATE_DIR reuses its keys and repo (and a running sshd).
#
# Only the private sshd_config in STATE_DIR is used: the system sshd is never started
# (policy-rc.d while installing openssh-server). Logins are for the system user "git"
# (created if missing) whose shell is git-shell and whose password field is '*': a '!'
# would make sshd (UsePAM no) treat the account as locked. Host keys are checked: the
# known_hosts comes from ssh-keyscan and is verified with StrictHostKeyChecking=yes.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export E2E_STEP=ssh-git
require_root

STATE=${1:-$(mktemp -d "${TMPDIR:-/tmp}/microb-ssh-git.XXXXXX")}
PKG=${E2E_GIT_PKG:-e2e-git-pkg}
VERSION=${E2E_GIT_VERSION:-0.1.0}
MOD=$(echo "$PKG" | tr -- '-.' '__')
GIT_HOME=/var/lib/microb-e2e/git-home

ensure_pkgs openssh-server openssh-client git
mkdir -p "$STATE" /run/sshd "$GIT_HOME"
STATE=$(cd "$STATE" && pwd)
chmod 755 "$STATE" # the git user must reach the repo and authorized_keys

# a parallel run may create the user at the same moment: that's fine
id -u git >/dev/null 2>&1 \
  || useradd --system --home-dir "$GIT_HOME" --no-create-home --shell /usr/bin/git-shell git 2>/dev/null \
  || id -u git >/dev/null
usermod -d "$GIT_HOME" -s /usr/bin/git-shell -p '*' git

[ -f "$STATE/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C e2e-host -f "$STATE/ssh_host_ed25519_key"
[ -f "$STATE/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C e2e-client -f "$STATE/id_ed25519"
install -m 644 "$STATE/id_ed25519.pub" "$STATE/authorized_keys"

REPO=$STATE/repos/$PKG.git
if [ ! -d "$REPO" ]; then
  src=$(mktemp -d)
  mkdir -p "$src/src/$MOD"
  cat >"$src/pyproject.toml" <<EOF
[build-system]
requires = ["setuptools>=61", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "$PKG"
version = "$VERSION"
description = "e2e test package served over git+ssh"
requires-python = ">=3.8"
EOF
  printf '__version__ = "%s"\n\n\ndef hello():\n    return "hello from %s over ssh"\n' \
    "$VERSION" "$PKG" >"$src/src/$MOD/__init__.py"
  git -C "$src" init -q -b main
  git -C "$src" add -A
  git -C "$src" -c user.name=ci -c user.email=ci@localhost commit -q -m "$PKG $VERSION"
  git -C "$src" tag "v$VERSION"
  mkdir -p "$STATE/repos"
  git clone -q --bare "$src" "$REPO"
  rm -rf "$src"
fi
chown -R git: "$STATE/repos"

sshd_alive() { [ -s "$STATE/sshd.pid" ] && kill -0 "$(cat "$STATE/sshd.pid")" 2>/dev/null; }
write_config() { # PORT
  cat >"$STATE/sshd_config" <<EOF
Port $1
ListenAddress 127.0.0.1
HostKey $STATE/ssh_host_ed25519_key
PidFile $STATE/sshd.pid
AuthorizedKeysFile $STATE/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AllowUsers git
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTTY no
EOF
}

PORT=
if sshd_alive && [ -s "$STATE/port" ]; then
  PORT=$(cat "$STATE/port")
  log "sshd already running (pid $(cat "$STATE/sshd.pid"), port $PORT)"
else
  # a free port from the kernel; if someone grabs it before sshd binds, take another
  for _ in 1 2 3 4 5; do
    candidate=$(free_port)
    write_config "$candidate"
    rm -f "$STATE/sshd.pid"
    /usr/sbin/sshd -t -f "$STATE/sshd_config"
    # sshd binds before it daemonizes: a taken port makes it exit non-zero here
    if /usr/sbin/sshd -f "$STATE/sshd_config" -E "$STATE/sshd.log" && wait_for 5 test -s "$STATE/sshd.pid"; then
      PORT=$candidate
      break
    fi
  done
  [ -n "$PORT" ] || { tail -5 "$STATE/sshd.log" >&2; die "sshd could not be started"; }
  echo "$PORT" >"$STATE/port"
fi

# known_hosts from the server itself, then a real check with it (no
# "accept any host key" option anywhere)
for _ in $(seq 30); do
  ssh-keyscan -p "$PORT" -t ed25519 127.0.0.1 >"$STATE/known_hosts" 2>/dev/null && [ -s "$STATE/known_hosts" ] && break
  sleep 0.2
done
[ -s "$STATE/known_hosts" ] || { tail -5 "$STATE/sshd.log" >&2; die "ssh-keyscan of 127.0.0.1:$PORT failed"; }
GIT_SSH_COMMAND="ssh -i $STATE/id_ed25519 -o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile=$STATE/known_hosts -o StrictHostKeyChecking=yes" \
  git ls-remote "ssh://git@127.0.0.1:$PORT$REPO" "refs/tags/v$VERSION" | grep -q "refs/tags/v$VERSION" \
  || die "self-check failed: git ls-remote over ssh did not list v$VERSION"

URL="$PKG @ git+ssh://git@127.0.0.1:$PORT$REPO@v$VERSION"
SSHD_PID=$(cat "$STATE/sshd.pid")
cat >"$STATE/env" <<EOF
SSH_GIT_PORT=$PORT
SSH_GIT_URL='$URL'
SSH_GIT_REPO='ssh://git@127.0.0.1:$PORT$REPO'
SSH_GIT_KEY='$STATE/id_ed25519'
SSH_GIT_KNOWN_HOSTS='$STATE/known_hosts'
SSH_GIT_SSHD_PID=$SSHD_PID
SSH_GIT_PKG='$PKG'
SSH_GIT_VERSION='$VERSION'
SSH_GIT_MODULE='$MOD'
SSH_GIT_STATE='$STATE'
EOF
python3 - "$STATE/env.json" <<EOF
import json, sys
json.dump({"port": $PORT, "requirement": "$URL", "repoUrl": "ssh://git@127.0.0.1:$PORT$REPO",
           "keyPath": "$STATE/id_ed25519", "knownHostsPath": "$STATE/known_hosts",
           "pid": $SSHD_PID, "packageName": "$PKG", "version": "$VERSION", "module": "$MOD",
           "stateDir": "$STATE"}, open(sys.argv[1], "w"), indent=2)
EOF
log "sshd on 127.0.0.1:$PORT (pid $SSHD_PID); source $STATE/env"
