/**
 * What the plan tells the shells so they need not read the Dockerfile back: the cache mounts its
 * RUN steps use, the images it starts FROM, and its labels for other build args.
 */
import { describe, expect, it } from 'vitest';
import { labelsWithBuildArgs } from '../../../src/compiler/index.js';
import { compileText } from './helpers.js';

const project = (target: string) => `[project]
name = "svc"
version = "1.0.0"
dependencies = ["requests>=2"]

[tool.microb.target.default]
${target}
`;

/** The `id=` of every cache mount the Dockerfile text mounts. */
const mountedIds = (dockerfile: string) =>
  new Set([...dockerfile.matchAll(/--mount=type=cache,id=([^,\s]+)/g)].map((m) => m[1]));

describe('the plan summary', () => {
  it('lists exactly the cache mounts some RUN step mounts', () => {
    for (const target of [
      'python_version = "3.11"',
      'python_version = "3.11"\nsystem_deps = ["libpq5"]',
      'python_version = "3.11"\nflavor = "alpine"\nsystem_deps = ["libpq"]',
    ]) {
      const { dockerfile, plan } = compileText(project(target));
      expect(new Set(plan.cacheMounts.map((m) => m.id))).toEqual(mountedIds(dockerfile));
    }
  });

  it('lists the images the Dockerfile starts FROM once each, not its own stages', () => {
    const { dockerfile, plan } = compileText(project('python_version = "3.12"'));
    expect(plan.baseImages).toEqual(['python:3.12', 'python:3.12-slim']);
    // FROM ${BUILDER_IMAGE} / ${BASE_IMAGE}: the global ARGs' defaults are what BuildKit pulls
    const defaults = [...dockerfile.matchAll(/^ARG (?:BUILDER|BASE)_IMAGE="?([^"\n]+)"?$/gm)].map(
      (m) => m[1],
    );
    expect(new Set(defaults)).toEqual(new Set(plan.baseImages));
  });

  it('names the configured base images, also for a final base without a shell', () => {
    const text = project(
      'python_version = "3.11"\nbase_image = "local/base:1"\nbuilder_image = "local/builder:1"\nshell = false',
    );
    expect([...compileText(text).plan.baseImages].sort()).toEqual(['local/base:1', 'local/builder:1']);
  });

  it('resolves label templates for other build args as a compile with them would', () => {
    const text = project(
      'python_version = "3.11"\nlabels = { "greeting" = "${GREETING:-World}", "fixed" = "x" }',
    );
    const plain = compileText(text);
    const withArgs = compileText(text, { buildArgs: { GREETING: 'Hello' } });
    expect(plain.plan.labels['greeting']).toBe('World');
    expect(labelsWithBuildArgs(plain.plan, { GREETING: 'Hello' })).toEqual(withArgs.plan.labels);
    expect(labelsWithBuildArgs(plain.plan, {})).toEqual(plain.plan.labels);
  });
});
