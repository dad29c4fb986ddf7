import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is __tests__/e2e/support/paths.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** scripts/e2e: setup.sh, private-index.py, ssh-git.sh, registry.sh, ... */
export const E2E_SCRIPTS = join(REPO_ROOT, 'scripts', 'e2e');

/** Where setup.sh keeps base-image tarballs, .debs and the wheelhouse. */
export const E2E_CACHE_DIR = process.env['E2E_CACHE_DIR'] ?? join(homedir(), '.cache', 'microb-e2e');

/** Real wheels (requests & deps, build backends, setuptools, wheel, pip) made by setup.sh. */
export const WHEELHOUSE = join(E2E_CACHE_DIR, 'wheelhouse');

/** Local stand-ins for the official images, built by setup.sh (scripts/e2e/base-images.sh). */
export const BASE_IMAGES = { full: 'python:3.11', slim: 'python:3.11-slim' } as const;

/** The Python 3.13 stand-ins (trixie), for py313Platforms() only. */
export const BASE_IMAGES_313 = { full: 'python:3.13', slim: 'python:3.13-slim' } as const;

/** The platforms of the 3.13 images: E2E_PY313_PLATFORMS (default linux/amd64, as lib.sh). */
export function py313Platforms(): string[] {
  return (process.env['E2E_PY313_PLATFORMS'] ?? 'linux/amd64')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The platforms setup.sh prepares: E2E_PLATFORMS (+ linux/386,linux/arm/v7 with E2E_EXTRA_PLATFORMS=1). */
export function e2ePlatforms(): string[] {
  const base = (process.env['E2E_PLATFORMS'] ?? 'linux/amd64,linux/arm64').split(',');
  const extra = process.env['E2E_EXTRA_PLATFORMS'] === '1' ? ['linux/386', 'linux/arm/v7'] : [];
  return [...new Set([...base, ...extra].map((p) => p.trim()).filter((p) => p !== ''))];
}
