/**
 * Helpers for e2e tests that run real `docker buildx build`s (see scripts/e2e/README.md).
 *
 *   await ensureE2E();                        // beforeAll: engine, base images, wheelhouse
 *   const index = await startPrivateIndex();  // PEP 503 + basic auth, wheelhouse served
 *   const git = await startSshGit();          // git+ssh requirement + key + known_hosts
 *   const registry = await startRegistry();   // push target, manifest digests
 *   await buildx([...])                       // always --network=host
 */
export * from './cleanup.js';
export * from './docker.js';
export * from './ensure.js';
export * from './fixtures.js';
export * from './paths.js';
export * from './servers.js';
