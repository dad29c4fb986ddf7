#!/usr/bin/env bash
# npm run demo: on a fresh machine, set up a Docker engine if missing, build the bundled example
# (examples/demo) with the bundled CLI — the same code the action runs — and run the image.
# Needs root (it installs and starts the engine). Everything stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
TAG=${DEMO_TAG:-microb-demo:latest}
PORT=3141   # the example's index address (devpi's default)

[ -f dist/cli/index.js ] || npm run package
echo ">> setting up the engine, local base images and the wheelhouse (idempotent)"
bash scripts/e2e/setup.sh

# the example's private index: the wheelhouse behind basic auth, password made up now
state=$(mktemp -d)
trap 'kill "$(cat "$state/index.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$state"' EXIT
export MICROB_DEMO_INDEX_USER=demo
MICROB_DEMO_INDEX_PASSWORD="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export MICROB_DEMO_INDEX_PASSWORD
PRIVATE_INDEX_PASSWORD=$MICROB_DEMO_INDEX_PASSWORD setsid python3 scripts/e2e/private-index.py serve \
  --dir "${E2E_CACHE_DIR:-$HOME/.cache/microb-e2e}/wheelhouse" --user demo --port "$PORT" \
  --port-file "$state/index.port" --pid-file "$state/index.pid" >"$state/index.log" 2>&1 </dev/null &
for _ in $(seq 50); do [ -s "$state/index.port" ] && break; sleep 0.1; done
[ -s "$state/index.port" ] || { echo "the demo index could not listen on 127.0.0.1:$PORT:" >&2; cat "$state/index.log" >&2; exit 1; }

echo ">> microb build --file examples/demo/pyproject.toml --tag $TAG --load"
node dist/cli/index.js build --file examples/demo/pyproject.toml --tag "$TAG" --load --network host \
  --secret id=index-user,env=MICROB_DEMO_INDEX_USER --secret id=index-password,env=MICROB_DEMO_INDEX_PASSWORD

echo ">> docker run --rm --network=none $TAG"
docker run --rm --network=none "$TAG"
echo ">> the generated Dockerfile is examples/demo/.microb/default.Dockerfile"
