#!/usr/bin/env bash
# runner-e2e.sh — the e2e cases of runner mode: what CI's e2e job runs on a GitHub-hosted
# ubuntu-24.04 runner, and what test-all.sh runs on the Debian machine to exercise the same
# path there (E2E_MODE=runner, the local stand-ins under the official names).
#
#   runner-setup.sh (through setup.sh): the machine's Docker as it is, python:3.11(-slim) and
#   python:3.13(-slim) for linux/amd64 (present, or pulled from Docker Hub), the wheelhouse
#   then, with E2E_MODE=runner, the cases that need nothing but an engine, those images, the
#   local index and git (no sshd, registry, QEMU or BuildKit image: those stay Debian-only):
RUNNER_CASES=(
  __tests__/e2e/python313.test.ts           # requires-python → 3.13, bytecode, console script
  __tests__/e2e/compiler/examples.test.ts   # the bundled examples build and run as uid 65532
  __tests__/e2e/compiler/project-install.test.ts # copied vs built by the backend
  __tests__/e2e/cli-build.test.ts           # microb build from dist/cli
)
# Extra vitest arguments pass through, e.g. `runner-e2e.sh -t examples`.
set -euo pipefail
cd "$(dirname "$0")/../.."
export E2E_MODE=runner E2E_PLATFORMS=linux/amd64 E2E_PY313_PLATFORMS=linux/amd64
bash scripts/e2e/setup.sh
npx vitest run --project e2e "${RUNNER_CASES[@]}" "$@"
