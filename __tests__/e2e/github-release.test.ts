/**
 * The action's main step (in-process) on a real engine and a 127.0.0.1 registry, as a release
 * workflow runs it:
 * - a tag push `v1.2.3` with `images`: the tags computed from the event reach the registry, the
 *   image carries OCI labels from the run and is stamped with the commit time; building the same
 *   commit again gives the same digest;
 * - the multi-arch fan-in: two legs with `push-by-digest` (amd64, arm64 under QEMU), then a
 *   `merge-digests` run with no checkout, whose `digest` output is the tagged index.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runMain } from '../../src/action/mainImpl.js';
import { memoryStateStore } from '../../src/action/state.js';
import {
  ensureE2E,
  type LocalRegistry,
  type PrivateIndex,
  removeImages,
  startPrivateIndex,
  startRegistry,
  tempDir,
  type TempDir,
  writeFiles,
} from './support/index.js';

const COMMIT_TIME = '2024-06-05T08:00:00Z';
const COMMIT_EPOCH = Date.parse(COMMIT_TIME) / 1000;

const pyproject = (indexUrl: string) => `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "relapp"
version = "1.2.3"
license = { text = "MIT" } # the wheelhouse's setuptools predates PEP 639
dependencies = []

[tool.microb.target.default]
python_version = "3.11"
indices = [{ url = "${indexUrl}", primary = true, username_secret = "IDX_USER", password_secret = "IDX_PW" }]
`;

interface MainRun {
  readonly outputs: Map<string, string>;
  readonly exitCode: number | undefined;
  readonly log: string;
}

describe('the action in release workflows (real engine, local registry)', () => {
  let index: PrivateIndex;
  let registry: LocalRegistry;
  let work: TempDir;
  let repoDir: string;
  let sha: string;
  const localImages: string[] = [];
  const savedEnv = { ...process.env };

  /** runMain with INPUT_* and a tag-push event for `sha`; stdout captured. */
  async function runAction(inputs: Record<string, string>, cwd = repoDir): Promise<MainRun> {
    for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
    const eventPath = path.join(work.path, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        ref: 'refs/tags/v1.2.3',
        after: sha,
        created: true,
        head_commit: { id: sha, timestamp: COMMIT_TIME },
        repository: { full_name: 'acme/relapp', html_url: 'https://github.com/acme/relapp' },
      }),
    );
    Object.assign(process.env, {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REF: 'refs/tags/v1.2.3',
      GITHUB_SHA: sha,
      GITHUB_REPOSITORY: 'acme/relapp',
      GITHUB_SERVER_URL: 'https://github.com',
      RUNNER_TEMP: work.path,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    });
    const outputs = new Map<string, string>();
    const log: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => (log.push(String(chunk)), true)) as typeof write;
    const cwdBefore = process.cwd();
    process.chdir(cwd);
    try {
      process.exitCode = undefined;
      await runMain({ state: memoryStateStore(), setOutput: (n, v) => void outputs.set(n, v) });
    } finally {
      process.chdir(cwdBefore);
      process.stdout.write = write;
    }
    const exitCode = typeof process.exitCode === 'number' ? process.exitCode : undefined;
    process.exitCode = undefined;
    return { outputs, exitCode, log: log.join('') };
  }

  const succeeded = (r: MainRun): MainRun => {
    if (r.exitCode) throw new Error(`the action failed:\n${r.log.split('\n').slice(-40).join('\n')}`);
    return r;
  };

  async function imageConfig(repo: string, reference: string): Promise<Record<string, unknown>> {
    const manifest = await registry.manifest(repo, reference);
    const config = (manifest.body as { config: { digest: string } }).config.digest;
    const res = await fetch(`http://${registry.host}/v2/${repo}/blobs/${config}`);
    return (await res.json()) as Record<string, unknown>;
  }

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-github-');
    index = await startPrivateIndex();
    registry = await startRegistry();
    repoDir = path.join(work.path, 'repo');
    mkdirSync(repoDir);
    await writeFiles(repoDir, {
      'pyproject.toml': pyproject(index.url),
      'src/relapp/__init__.py': 'def main():\n    print("release")\n',
    });
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repoDir,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'r',
          GIT_AUTHOR_EMAIL: 'r@example.com',
          GIT_COMMITTER_NAME: 'r',
          GIT_COMMITTER_EMAIL: 'r@example.com',
          GIT_AUTHOR_DATE: COMMIT_TIME,
          GIT_COMMITTER_DATE: COMMIT_TIME,
        },
      })
        .toString()
        .trim();
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'release 1.2.3');
    sha = git('rev-parse', 'HEAD');
  });

  afterAll(async () => {
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
    await removeImages(...localImages);
    await Promise.all([index?.stop(), registry?.stop()]);
    await work?.cleanup();
  });

  const secrets = () => `IDX_USER=${index.user}\nIDX_PW=${index.password}`;

  it('tag v1.2.3: pushes 1.2.3, 1.2, 1, latest and sha-…, labelled and dated from the commit', async () => {
    const repo = `e2e/release-${Date.now().toString(36)}`;
    const image = `${registry.host}/${repo}`;
    const inputs = { images: image, push: 'true', secrets: secrets(), network: 'host', provenance: 'false' };
    const started = performance.now();
    const first = succeeded(await runAction(inputs));
    const firstSeconds = (performance.now() - started) / 1000;

    const short = sha.slice(0, 7);
    const expected = ['1.2.3', '1.2', '1', `sha-${short}`, 'latest'];
    expect(first.outputs.get('tags')).toBe(expected.map((t) => `${image}:${t}`).join('\n'));
    expect(first.outputs.get('version')).toBe('1.2.3');
    expect((await registry.tags(repo)).sort()).toEqual([...expected].sort());
    const digest = first.outputs.get('digest');
    for (const t of expected) expect(await registry.manifestDigest(repo, t)).toBe(digest);
    localImages.push(...expected.map((t) => `${image}:${t}`));

    const config = await imageConfig(repo, '1.2.3');
    const labels = (config['config'] as { Labels: Record<string, string> }).Labels;
    expect(labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/relapp',
      'org.opencontainers.image.url': 'https://github.com/acme/relapp',
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.created': '2024-06-05T08:00:00.000Z',
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.licenses': 'MIT',
    });
    // SOURCE_DATE_EPOCH: the image says it was made at the commit time, not today.
    expect(first.log).toContain(`SOURCE_DATE_EPOCH=${COMMIT_EPOCH}`);
    expect(config['created']).toBe('2024-06-05T08:00:00Z');

    // The same commit built again: nothing in the image depends on when it was built.
    const again = succeeded(await runAction(inputs));
    expect(again.outputs.get('digest')).toBe(digest);
    console.log(`release build: first ${firstSeconds.toFixed(1)} s, digest stable across rebuilds`);
  });

  it('fan-in: two push-by-digest legs, merged by a merge-digests run without a checkout', async () => {
    const repo = `e2e/fanin-action-${Date.now().toString(36)}`;
    const image = `${registry.host}/${repo}`;
    const digests: string[] = [];
    const seconds: Record<string, string> = {};
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const started = performance.now();
      const leg = succeeded(
        await runAction({
          images: image,
          platforms: platform,
          'push-by-digest': 'true',
          secrets: secrets(),
          network: 'host',
          provenance: 'false',
        }),
      );
      seconds[platform] = ((performance.now() - started) / 1000).toFixed(1);
      expect(leg.outputs.get('tags')).toBe(''); // the merge tags, not the leg
      const digest = leg.outputs.get('digest') ?? '';
      expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      digests.push(digest);
    }
    // The leg pushed under no release tag (docker driver: one per-platform tag, see fanIn.ts).
    const legTags = await registry.tags(repo);
    expect(legTags.filter((t) => !t.startsWith(`sha-${sha.slice(0, 7)}-linux-`))).toEqual([]);
    localImages.push(...legTags.map((t) => `${image}:${t}`));

    const empty = path.join(work.path, 'no-checkout');
    mkdirSync(empty, { recursive: true });
    const started = performance.now();
    const merge = succeeded(await runAction({ images: image, 'merge-digests': digests.join('\n') }, empty));
    console.log(
      `fan-in via the action: legs ${JSON.stringify(seconds)} s, merge ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    expect(merge.log).not.toContain('Generate the Dockerfile'); // no pyproject needed
    expect(merge.outputs.get('platforms')).toBe('linux/amd64,linux/arm64');
    const indexDigest = merge.outputs.get('digest');
    for (const t of ['1.2.3', '1.2', '1', 'latest'])
      expect(await registry.manifestDigest(repo, t)).toBe(indexDigest);
    const indexManifest = await registry.manifest(repo, 'latest');
    const body = indexManifest.body as {
      manifests: { digest: string; platform: { architecture: string } }[];
      annotations: Record<string, string>;
    };
    expect(body.manifests.map((m) => [m.platform.architecture, m.digest])).toEqual([
      ['amd64', digests[0]],
      ['arm64', digests[1]],
    ]);
    expect(body.annotations).toMatchObject({
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.created': '2024-06-05T08:00:00.000Z', // from the push payload: no git here
    });
    expect(readFileSync(path.join(repoDir, 'pyproject.toml'), 'utf8')).toContain('relapp');
  });
});
