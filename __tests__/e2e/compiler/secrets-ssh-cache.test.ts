import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dockerRun,
  ensureE2E,
  imageHistory,
  inspect,
  makeWheel,
  removeImages,
  saveImageAndGrep,
  startPrivateIndex,
  startSshAgent,
  startSshGit,
  tempDir,
  uniqueTag,
  writeFiles,
  type PrivateIndex,
  type SshGit,
  type TempDir,
} from '../support/index.js';
import { generateAndBuild, stepCached, stepsRun } from './harness.js';

const APP = (module: string, imports: string[]) => `import os
${imports.map((m) => `import ${m}`).join('\n')}


def main():
    print(${imports.map((m) => `${m}.hello()`).join(' + " | " + ') || '"no deps"'}, "| uid", os.getuid())
`;

/** A setuptools src-layout app with one dependency and a console script named like it. */
function appPyproject(name: string, dependency: string, indexTable: string): string {
  return `[project]
name = "${name}"
version = "1.0.0"
dependencies = ["${dependency}"]
[project.scripts]
${name} = "${name.replace(/-/g, '_')}:main"
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"
[tool.microb.target.default]
python_version = "3.11"
indices = [${indexTable}]
`;
}

/** The local index with both credentials as the caller's secrets `u` and `p`. */
const USER_SECRETS = (index: PrivateIndex) =>
  `{ url = "${index.url}", primary = true, username_secret = "u", password_secret = "p" }`;

describe('credentials, git+ssh and layer caching on a real engine', () => {
  let index: PrivateIndex;
  let ssh: SshGit;
  let work: TempDir;
  const tags: string[] = [];

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-secrets-');
    index = await startPrivateIndex({ wheels: [await makeWheel(work.path, 'secret-dep', '3.1.4')] });
    ssh = await startSshGit();
  });

  afterAll(async () => {
    await removeImages(...tags);
    await ssh?.stop();
    await index?.stop();
    await work?.cleanup();
  });

  it('a dependency from a basic-auth index installs with the credential as a secret, found nowhere after', async () => {
    const dir = path.join(work.path, 'private');
    await writeFiles(dir, {
      // the inline username is turned into a build secret by the compiler; the password is the caller's
      'pyproject.toml': appPyproject(
        'private-app',
        'secret-dep==3.1.4',
        `{ url = "${index.url}", primary = true, username = "${index.user}", password_secret = "index-password" }`,
      ),
      'src/private_app/__init__.py': APP('private_app', ['secret_dep']),
    });
    const tag = uniqueTag('private');
    tags.push(tag);
    const built = await generateAndBuild({
      pyproject: path.join(dir, 'pyproject.toml'),
      tag,
      extra: [
        '--secret',
        'id=index-password,env=MICROB_E2E_PW',
        '--secret',
        'id=microb-index-1-username,env=MICROB_E2E_USER',
      ],
      env: { MICROB_E2E_PW: index.password, MICROB_E2E_USER: index.user },
    });
    expect((await dockerRun(tag)).stdout.trim()).toBe('hello from secret-dep 3.1.4 | uid 65532');
    expect(index.fetchedFiles()).toContain('/files/secret_dep-3.1.4-py3-none-any.whl');

    const dockerfile = await readFile(built.generated.dockerfilePath, 'utf8');
    expect(dockerfile).not.toContain(index.password);
    const history = await imageHistory(tag);
    expect(JSON.stringify(history)).not.toContain(index.password);
    expect(await saveImageAndGrep(tag, index.password)).toBe(false);
    expect(built.log).not.toContain(index.password);
  });

  it('a pkg @ git+ssh:// dependency installs from the local sshd through --ssh default', async () => {
    const dir = path.join(work.path, 'ssh');
    await writeFiles(dir, {
      // the git package is built with pip's isolation, which fetches setuptools from the index
      'pyproject.toml': appPyproject('ssh-app', ssh.requirement, USER_SECRETS(index)),
      'src/ssh_app/__init__.py': APP('ssh_app', [ssh.module]),
    });
    const agent = await startSshAgent(ssh.keyPath);
    try {
      const tag = uniqueTag('ssh');
      tags.push(tag);
      const built = await generateAndBuild({
        pyproject: path.join(dir, 'pyproject.toml'),
        tag,
        extra: [
          '--ssh',
          'default',
          '--secret',
          `id=microb-known-hosts,src=${ssh.knownHostsPath}`,
          '--secret',
          'id=u,env=U',
          '--secret',
          'id=p,env=P',
        ],
        env: { ...agent.env, U: index.user, P: index.password },
      });
      expect(built.generated.result.plan.ssh).toBe(true);
      expect((await dockerRun(tag)).stdout.trim()).toBe(`hello from ${ssh.packageName} over ssh | uid 65532`);
      expect(await readFile(built.generated.dockerfilePath, 'utf8')).not.toMatch(/StrictHostKeyChecking=no/);
    } finally {
      await agent.stop();
    }
  });

  it('a source-only change runs no pip: dependencies and metadata CACHED, the package copied and its modes set', async () => {
    const dir = path.join(work.path, 'cache');
    await writeFiles(dir, {
      'pyproject.toml': appPyproject('cache-app', 'secret-dep==3.1.4', USER_SECRETS(index)),
      'src/cache_app/__init__.py': 'def main():\n    print("version one")\n',
    });
    const tag = uniqueTag('cache');
    tags.push(tag);
    const build = () =>
      generateAndBuild({
        pyproject: path.join(dir, 'pyproject.toml'),
        tag,
        extra: ['--secret', 'id=u,env=U', '--secret', 'id=p,env=P'],
        env: { U: index.user, P: index.password },
      });
    await build();
    const fetchesBefore = index.fetchedFiles().length;
    // content of this run's own: BuildKit keys a COPY on content, and an earlier run built "version two"
    const nonce = uniqueTag('edit');
    await writeFile(
      path.join(dir, 'src/cache_app/__init__.py'),
      `# ${nonce}\ndef main():\n    print("version two")\n`,
    );
    const second = await build();
    expect(stepCached(second.log, '[deps 1/1] RUN')).toBe(true);
    expect(stepCached(second.log, '[project 6/6] RUN')).toBe(true); // metadata and scripts
    // no pip, no backend: the changed package copied, its modes made readable, copied into the image
    expect(stepsRun(second.log)).toEqual([
      expect.stringMatching(/^\[sources 1\/2\] COPY src\/cache_app \/opt\/microb\/project\/cache_app$/),
      expect.stringMatching(/^\[sources 2\/2\] RUN find \/opt\/microb\/project ! -type l -exec chmod/),
      expect.stringMatching(
        /^\[image \d+\/\d+\] COPY --from=sources --link \/opt\/microb\/project \/opt\/microb\/project$/,
      ),
    ]);
    expect(index.fetchedFiles().length).toBe(fetchesBefore);
    expect((await dockerRun(tag)).stdout.trim()).toBe('version two');
  });

  it('label values survive the real BuildKit parser exactly (arbitrary strings)', async () => {
    const values = fc.sample(
      fc.string({
        unit: fc.constantFrom(
          'a',
          ' ',
          '"',
          "'",
          '\\',
          '$',
          '{',
          '}',
          ':',
          '-',
          '=',
          '#',
          ';',
          '`',
          'é',
          '/',
          '.',
          '*',
        ),
        maxLength: 24,
      }),
      40,
    );
    const labels = Object.fromEntries(values.map((v, i) => [`com.example.p${i}`, v]));
    const dir = path.join(work.path, 'labels');
    const toml = Object.entries(labels)
      .map(([k, v]) => `"${k}" = ${JSON.stringify(v)}`)
      .join('\n');
    await writeFiles(dir, {
      'pyproject.toml': `[project]\nname = "label-app"\nversion = "1"\nrequires-python = ">=3.11,<3.12"\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n[tool.setuptools]\npy-modules = []\n[tool.microb.target.default.labels]\n${toml}\n`,
    });
    const tag = uniqueTag('labels');
    tags.push(tag);
    const built = await generateAndBuild({ pyproject: path.join(dir, 'pyproject.toml'), tag });
    const got = (await inspect(tag)).Config.Labels;
    for (const [key, value] of Object.entries(labels)) {
      // `${NAME:-x}` references are filled by BuildKit: compare with what the plan computed
      expect(got[key], `${key} = ${JSON.stringify(value)}`).toBe(built.generated.result.plan.labels[key]);
      if (!value.includes('${')) expect(got[key]).toBe(value);
    }
  });
});
