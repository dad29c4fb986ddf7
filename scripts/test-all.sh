#!/usr/bin/env bash
# npm test: everything CI checks, in the order that fails fastest. Needs root for the e2e engine.
#   lint + types → stale dist/ → unit tests → e2e setup (engine, base images, wheels) → e2e tests
#   → the e2e cases of runner mode (scripts/e2e/runner-e2e.sh, what CI's GitHub job runs)
set -euo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "lint (eslint + prettier) and types (tsc --noEmit)"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }
npx tsc --noEmit -p .

step "dist/ is up to date with src/"
node scripts/package.mjs --check

step "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json"

step "e2e setup: engine, QEMU, local base images, wheelhouse (idempotent)"
bash scripts/e2e/setup.sh
# i386 and arm/v7 base images under their own tags (the action's 386 + arm/v7 test); seconds
# when present, ~10 min on a cold machine (armhf debootstraps under QEMU)
E2E_PLATFORMS=linux/386,linux/arm/v7 E2E_SLIM_TAG=microb-e2e-extra/python:3.11-slim \
  E2E_FULL_TAG=microb-e2e-extra/python:3.11 bash scripts/e2e/base-images.sh

step "e2e builders: BuildKit compiled from Debian's sources, moby/buildkit image, classic-store engine (idempotent)"
# buildkitd compiled from Debian's sources + moby/buildkit:buildx-stable-1 (cold ~3-8 min, then cached)
bash scripts/e2e/buildkit.sh
# a second dockerd with the classic image store (like GitHub's runners), python:3.11(-slim) for amd64
# and the BuildKit image loaded into it; data root cached (cold 22 s after the steps above, warm ~2 s)
bash scripts/e2e/classic-engine.sh

step "e2e tests (real docker buildx builds)"
set +e
npx vitest run --project e2e --reporter=default --reporter=json --outputFile.json="$results/e2e.json"
e2e=$?
set -e

step "e2e in runner mode (CI's GitHub job: E2E_MODE=runner, the local images standing in for Docker Hub's)"
set +e
bash scripts/e2e/runner-e2e.sh --reporter=default --reporter=json --outputFile.json="$results/runner.json"
runner=$?
set -e
[ "$e2e" != 0 ] || e2e=$runner

# one closing line over both runs
node -e '
const fs = require("fs");
let passed = 0, failed = 0;
for (const f of process.argv.slice(1)) {
  if (!fs.existsSync(f)) continue;
  const r = JSON.parse(fs.readFileSync(f, "utf8"));
  passed += r.numPassedTests;
  // a file that fails to load fails no test: count the suite, so the line never says 0 failed
  failed += r.numFailedTests || (r.success ? 0 : Math.max(1, r.numFailedTestSuites));
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
' "$results/unit.json" "$results/e2e.json" "$results/runner.json"
exit "$e2e"
