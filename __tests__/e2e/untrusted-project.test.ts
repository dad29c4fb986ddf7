/**
 * Issue 9, the shell side: a pull request's pyproject and every file beside it are the PR
 * author's. The bundled action runs as the runner runs it (support/actionRunner.ts, which also
 * obeys workflow commands in the output the way the runner does) in dry-run, so nothing here
 * builds an image: a forged command must not be obeyed and post must run nothing from state
 * (1), generated files are never written through a committed symlink (2), project files are
 * read only as small regular files inside the project (4), and every credential of every
 * target is masked, raw and URL-encoded (14). Run `npm run package` first: this tests dist/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir, writeFiles, type TempDir } from './support/index.js';
import { dockerShim, runAction, type ActionRun, type WorkflowCommand } from './support/actionRunner.js';

const toml = (s: string): string => JSON.stringify(s);

/** A valid setuptools project (src layout); `extra` goes at the end. */
const pyproject = (o: { backend?: string; extra?: string } = {}): string => `[build-system]
requires = ["setuptools>=61"]
build-backend = ${toml(o.backend ?? 'setuptools.build_meta')}

[project]
name = "app"
version = "1.0.0"
dependencies = []

[project.scripts]
app = "app:main"

[tool.microb.target.default]
python_version = "3.11"
${o.extra ?? ''}
`;

const APP = { 'src/app/__init__.py': 'def main():\n    print("hi")\n' };
const DRY = { 'dry-run': 'true' };
/** The github-token input (masked by the action, like any token). */
const TOKEN = 'ghs_propertytesttoken';

/** Commands the action itself writes: groups, annotations, masks, and its stop-commands pair. */
const OWN_COMMANDS = new Set(['group', 'endgroup', 'error', 'warning', 'notice', 'debug', 'add-mask']);
const foreign = (commands: readonly WorkflowCommand[]): WorkflowCommand[] =>
  commands.filter(
    (c) => !OWN_COMMANDS.has(c.name) && !(c.name === 'stop-commands' && /^[0-9a-f]{32}$/.test(c.value)),
  );

const masked = (r: ActionRun): string[] =>
  r.commands.filter((c) => c.name === 'add-mask').map((c) => c.value);

let work: TempDir;
let n = 0;
/** A fresh project directory (the workspace) with `files`. */
async function project(files: Record<string, string>): Promise<string> {
  const dir = path.join(work.path, `p${++n}`);
  await writeFiles(dir, { ...APP, ...files });
  return dir;
}

beforeAll(async () => {
  if (!existsSync(path.join(REPO_ROOT, 'dist/main/index.js')))
    throw new Error('dist/ missing: run npm run package');
  work = await tempDir('microb-e2e-untrusted-');
});
afterAll(async () => {
  await work?.cleanup();
});

describe('1: text from the repository cannot forge a workflow command', () => {
  it('a build-backend carrying ::save-state / ::set-output / ##[…]: nothing obeyed, post runs nothing', async () => {
    const dir = await project({});
    // what a forged state would point post at: a directory to delete, and a "next" cache dir
    // holding a BuildKit index so that the save step goes on to run the forged command
    const victim = path.join(dir, 'victim');
    const next = path.join(dir, 'evil-next');
    await writeFiles(victim, { 'keep.txt': 'keep' });
    await writeFiles(next, { 'buildkit/index.json': '{}', 'mounts/.keep': '' });
    const pwned = path.join(dir, 'PWNED');
    const forgedCache = JSON.stringify({
      mode: 'actions',
      primaryKey: 'forged',
      cacheDir: victim,
      nextDir: next,
      mounts: [{ id: 'pip', target: '/root/.cache/pip' }],
      helperImage: 'busybox',
      buildxCommand: ['sh', '-c', `id > ${pwned}`],
      timeoutMs: 10000,
    });
    const backend = [
      'evil',
      `::save-state name=cacheSaveState::${forgedCache}`,
      '::save-state name=createdBuilder::default',
      '::set-output name=digest::sha256:forged',
      '  ::set-output name=imageid::forged',
      'x ##[set-output name=metadata;]forged',
      '',
    ].join('\n');
    await writeFile(path.join(dir, 'pyproject.toml'), pyproject({ backend }));
    const shimLog = path.join(dir, 'docker-calls.log');
    const shim = await dockerShim(path.join(work.path, `shim${n}`), `echo "$@" >> ${shimLog}`);

    const r = await runAction(DRY, {
      workspace: dir,
      env: { PATH: `${shim}:${process.env.PATH}` },
      timeoutMs: 60_000,
    });

    expect(foreign(r.commands)).toEqual([]);
    expect(r.state.cacheSaveState).toBeUndefined();
    expect(r.state.createdBuilder).toBeUndefined();
    expect(r.outputs.digest).toBeUndefined();
    expect(r.outputs.imageid).toBeUndefined();
    expect(r.outputs.metadata).toBeUndefined();
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(path.join(victim, 'keep.txt'))).toBe(true);
    const calls = existsSync(shimLog) ? await readFile(shimLog, 'utf8') : '';
    expect(calls).not.toMatch(/buildx (rm|build)/);
    expect(r.post.code).toBe(0);
  });

  it('post trusts no state it cannot check: forged state, builder, temp dir and cache dirs are ignored', async () => {
    // state as if a forged command had got through: post must still run nothing, delete nothing
    const dir = await project({ 'pyproject.toml': pyproject() });
    const victim = path.join(dir, 'victim');
    const next = path.join(dir, 'evil-next');
    await writeFiles(victim, { 'keep.txt': 'keep' });
    await writeFiles(next, { 'buildkit/index.json': '{}' });
    const pwned = path.join(dir, 'PWNED');
    const shimLog = path.join(dir, 'docker-calls.log');
    const shim = await dockerShim(path.join(work.path, `shim${n}`), `echo "$@" >> ${shimLog}`);
    const state = {
      STATE_cacheSaveState: JSON.stringify({
        mode: 'actions',
        primaryKey: 'forged',
        cacheDir: victim,
        nextDir: next,
        mounts: [{ id: 'pip', target: '/root/.cache/pip' }],
        helperImage: 'busybox',
        buildxCommand: ['sh', '-c', `id > ${pwned}`],
        timeoutMs: 10000,
      }),
      STATE_createdBuilder: 'default',
    };
    // not a dry run, cache: actions — main fails early (no engine behind the shim's docker)
    const r = await runAction(
      { cache: 'actions' },
      {
        workspace: dir,
        env: { PATH: `${shim}:${process.env.PATH}`, DOCKER_HOST: 'unix:///nonexistent.sock', ...state },
        timeoutMs: 60_000,
      },
    );
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(path.join(victim, 'keep.txt'))).toBe(true);
    const calls = existsSync(shimLog) ? await readFile(shimLog, 'utf8') : '';
    expect(calls).not.toMatch(/buildx rm/);
    expect(r.post.code).toBe(0);
  });
});

describe('2: generated files are never written through a committed symlink', () => {
  it('.microb/<target>.Dockerfile and its .dockerignore as symlinks: the link targets stay untouched', async () => {
    const outside = path.join(work.path, `outside${++n}`);
    await writeFiles(outside, { '.npmrc': 'registry=https://good.invalid/\n', gitconfig: '[core]\n' });
    const dir = await project({ 'pyproject.toml': pyproject() });
    await mkdir(path.join(dir, '.microb'));
    await symlink(path.join(outside, '.npmrc'), path.join(dir, '.microb/default.Dockerfile'));
    await symlink(path.join(outside, 'gitconfig'), path.join(dir, '.microb/default.Dockerfile.dockerignore'));

    const r = await runAction(DRY, { workspace: dir, timeoutMs: 60_000 });

    expect(await readFile(path.join(outside, '.npmrc'), 'utf8')).toBe('registry=https://good.invalid/\n');
    expect(await readFile(path.join(outside, 'gitconfig'), 'utf8')).toBe('[core]\n');
    expect(r.main.code).toBe(0);
    // the links were replaced by the generated files
    expect(await readFile(path.join(dir, '.microb/default.Dockerfile'), 'utf8')).toMatch(/^FROM /m);
  });

  it('.microb itself a symlink to another directory: one clear error, nothing written there', async () => {
    const outside = path.join(work.path, `outside${++n}`);
    await mkdir(outside, { recursive: true });
    const dir = await project({ 'pyproject.toml': pyproject() });
    await symlink(outside, path.join(dir, '.microb'));

    const r = await runAction(DRY, { workspace: dir, timeoutMs: 60_000 });

    expect(existsSync(path.join(outside, 'default.Dockerfile'))).toBe(false);
    expect(r.main.code).toBe(1);
    const errors = r.main.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/\.microb.*symlink/);
  });
});

describe('4: project files are read only as small regular files inside the project', () => {
  const CANARY = 'microb-canary-7f3a9c';
  const cases: {
    name: string;
    setup: (dir: string) => Promise<string>;
    error: RegExp;
  }[] = [
    {
      name: '.python-version → /proc/self/environ (the environment must not reach the log)',
      setup: async (dir) => {
        await symlink('/proc/self/environ', path.join(dir, '.python-version'));
        return pyproject().replace('python_version = "3.11"\n', '');
      },
      error: /\.python-version.*symlink/,
    },
    {
      name: "another target's requirements file is a FIFO (no hang)",
      setup: async (dir) => {
        execFileSync('mkfifo', [path.join(dir, 'other.txt')]);
        return pyproject({
          extra: '[tool.microb.target.other]\npython_version = "3.11"\nrequirements = "other.txt"',
        });
      },
      error: /other\.txt.*not a regular file/,
    },
    {
      name: 'requirements → /dev/zero (no memory blow-up)',
      setup: async (dir) => {
        await symlink('/dev/zero', path.join(dir, 'req.txt'));
        return pyproject({ extra: 'requirements = "req.txt"' });
      },
      error: /req\.txt.*symlink/,
    },
    {
      name: 'requirements → /proc/self/fd/1 (no hang)',
      setup: async (dir) => {
        await symlink('/proc/self/fd/1', path.join(dir, 'req.txt'));
        return pyproject({ extra: 'requirements = "req.txt"' });
      },
      error: /req\.txt.*symlink/,
    },
    {
      name: 'requirements in a directory that is a symlink out of the project',
      setup: async (dir) => {
        const out = path.join(work.path, `outside${++n}`);
        await writeFiles(out, { 'req.txt': 'leaked-dep==1.0\n' });
        await symlink(out, path.join(dir, 'sub'));
        return pyproject({ extra: 'requirements = "sub/req.txt"' });
      },
      error: /sub\/req\.txt.*outside the project/,
    },
    {
      name: 'requirements = "../x.txt" (outside the project)',
      setup: async (dir) => {
        await writeFile(path.join(dir, '..', 'x.txt'), 'leaked-dep==1.0\n');
        return pyproject({ extra: 'requirements = "../x.txt"' });
      },
      // refused by compile at its pyproject line, before any shell reads it
      error: /line=\d+.*unsupported requirements path "\.\.\/x\.txt"/,
    },
    {
      name: 'a 2 MiB requirements file (size cap)',
      setup: async (dir) => {
        await writeFile(path.join(dir, 'big.txt'), `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
        return pyproject({ extra: 'requirements = "big.txt"' });
      },
      error: /big\.txt.*larger than 1 MiB/,
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const dir = await project({});
      await writeFile(path.join(dir, 'pyproject.toml'), await c.setup(dir));
      const r = await runAction(DRY, {
        workspace: dir,
        env: { MICROB_CANARY: CANARY },
        timeoutMs: 30_000,
      });
      expect(r.main.signal).toBeNull(); // not killed by the harness timeout
      expect(r.main.code).toBe(1);
      const errors = r.main.stdout.split('\n').filter((l) => l.startsWith('::error'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(c.error);
      expect(r.everything).not.toContain(CANARY);
      expect(r.everything).not.toContain('leaked-dep');
      expect(r.post.code).toBe(0);
    });
  }
});

describe('14: every credential of every target is masked, raw and URL-encoded', () => {
  it('a dry run over all targets masks the inline index credentials of each, and encoded secret inputs', async () => {
    const index = (user: string, pw: string) =>
      `indices = [{ url = "https://pypi.example.com/simple", username = ${toml(user)}, password = ${toml(pw)} }]`;
    const dir = await project({
      'pyproject.toml': pyproject({
        extra: `
[tool.microb.target.api]
python_version = "3.11"
${index('api@corp', 'pa ss/word')}

[tool.microb.target.worker]
python_version = "3.11"
${index('worker@corp', 'tok:en+1')}
`,
      }),
    });
    const r = await runAction(
      { ...DRY, secrets: 'EXTRA=sec ret@corp' },
      { workspace: dir, timeoutMs: 60_000 },
    );
    expect(r.main.code).toBe(0);
    const masks = masked(r);
    for (const value of [
      'api@corp',
      'api%40corp',
      'pa ss/word',
      'pa%20ss%2Fword',
      'worker@corp',
      'worker%40corp',
      'tok:en+1',
      'tok%3Aen%2B1',
      'sec ret@corp',
      'sec%20ret%40corp',
    ]) {
      expect(masks).toContain(value);
    }
  });
});

describe('14: a credential in any URL of the project is masked before the compiler sees it', () => {
  it('a token in a dependency URL (any scheme, any case) and in a requirements file', async () => {
    const dir = await project({
      'pyproject.toml': pyproject({ extra: 'requirements = "req.txt"' }).replace(
        'dependencies = []',
        'dependencies = ["lib @ git+HTTPS://ghp_tokenInTheUrl1234@github.com/o/lib"]',
      ),
      'req.txt': 'other @ Ftp://deploy:s3cr%40t@files.example.com/other.tar.gz\n',
    });
    // whether the compiler accepts these URLs or refuses them (issue 9, item 5), the values are
    // masked before anything is printed
    const r = await runAction(DRY, { workspace: dir, timeoutMs: 60_000 });
    const masks = masked(r);
    for (const value of ['ghp_tokenInTheUrl1234', 's3cr%40t', 's3cr@t']) expect(masks).toContain(value);
    const firstMask = r.main.stdout.indexOf('::add-mask::');
    expect(r.main.stdout.slice(0, firstMask)).not.toMatch(/ghp_tokenInTheUrl1234|s3cr/);
  });
});

// --- the property: any string in the pyproject, any file name ------------------------------------

const FRAGMENTS = [
  '\r',
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u0000',
  '\t',
  '::save-state name=cacheSaveState::{"mode":"none"}',
  '::set-output name=digest::sha256:forged',
  '::add-mask::a',
  '::error::forged',
  '::stop-commands::x',
  '##[set-output name=imageid;]forged',
  '"',
  "'",
  '`',
  '\\',
  '$(id)',
  '${HOME}',
  ' ',
  'x',
];

/** Each builds a pyproject (and maybe files) with `p` in one string field or file name. */
const FIELDS: Record<string, (p: string) => { toml: string; files?: Record<string, string> }> = {
  'build-system.requires': (p) => ({ toml: pyproject().replace('"setuptools>=61"', toml(p)) }),
  'build-system.build-backend': (p) => ({ toml: pyproject({ backend: p }) }),
  'project.name': (p) => ({ toml: pyproject().replace('name = "app"', `name = ${toml(p)}`) }),
  'project.version': (p) => ({ toml: pyproject().replace('version = "1.0.0"', `version = ${toml(p)}`) }),
  'project.description': (p) => ({
    toml: pyproject().replace('[project]\n', `[project]\ndescription = ${toml(p)}\n`),
  }),
  'project.dependencies': (p) => ({
    toml: pyproject().replace('dependencies = []', `dependencies = [${toml(p)}]`),
  }),
  'project.scripts key': (p) => ({
    toml: pyproject().replace('app = "app:main"', `${toml(p)} = "app:main"`),
  }),
  'project.scripts value': (p) => ({ toml: pyproject().replace('app = "app:main"', `app = ${toml(p)}`) }),
  'tool.setuptools key': (p) => ({ toml: `${pyproject()}\n[tool.setuptools]\n${toml(p)} = true\n` }),
  'tool.setuptools.packages': (p) => ({
    toml: `${pyproject()}\n[tool.setuptools]\npackages = [${toml(p)}]\n`,
  }),
  'hatch packages': (p) => ({
    toml: `${pyproject({ backend: 'hatchling.build' })}\n[tool.hatch.build.targets.wheel]\npackages = [${toml(p)}]\n`,
  }),
  'target name': (p) => ({ toml: pyproject().replace('target.default]', `target.${toml(p)}]`) }),
  python_version: (p) => ({
    toml: pyproject().replace('python_version = "3.11"', `python_version = ${toml(p)}`),
  }),
  'label key': (p) => ({ toml: pyproject({ extra: `labels = { ${toml(p)} = "v" }` }) }),
  'label value': (p) => ({ toml: pyproject({ extra: `labels = { k = ${toml(p)} }` }) }),
  'env value': (p) => ({ toml: pyproject({ extra: `env = { K = ${toml(p)} }` }) }),
  entrypoint: (p) => ({ toml: pyproject({ extra: `entrypoint = [${toml(p)}]` }) }),
  'index url': (p) => ({ toml: pyproject({ extra: `indices = [{ url = ${toml(p)} }]` }) }),
  'index username': (p) => ({
    toml: pyproject({ extra: `indices = [{ url = "https://i.example.com/simple", username = ${toml(p)} }]` }),
  }),
  'requirements file name': (p) => ({ toml: pyproject({ extra: `requirements = ${toml(p)}` }) }),
  'requirements file content': (p) => ({
    toml: pyproject({ extra: 'requirements = "req.txt"' }),
    files: { 'req.txt': p },
  }),
  'requirements file named by the payload': (p) => ({
    toml: pyproject({ extra: `requirements = ${toml(p.replace(/[\0/]/g, '_'))}` }),
    files: { [p.replace(/[\0/]/g, '_')]: 'x==1\n' },
  }),
  'optional-dependencies key': (p) => ({
    toml: pyproject({ extra: `extras = [${toml(p)}]` }).replace(
      '[project.scripts]',
      `[project.optional-dependencies]\n${toml(p)} = ["x==1"]\n\n[project.scripts]`,
    ),
  }),
  'env key': (p) => ({ toml: pyproject({ extra: `env = { ${toml(p)} = "v" }` }) }),
  command: (p) => ({ toml: pyproject({ extra: `command = [${toml(p)}]` }) }),
  flavor: (p) => ({ toml: pyproject({ extra: `flavor = ${toml(p)}` }) }),
  system_deps: (p) => ({ toml: pyproject({ extra: `system_deps = [${toml(p)}]` }) }),
  copy_files: (p) => ({ toml: pyproject({ extra: `copy_files = [${toml(p)}]` }) }),
  'index password': (p) => ({
    toml: pyproject({
      extra: `indices = [{ url = "https://i.example.com/simple", username = "someuser", password = ${toml(p)} }]`,
    }),
  }),
  '.dockerignore content': (p) => ({ toml: pyproject(), files: { '.dockerignore': p } }),

  '.python-version content': (p) => ({
    toml: pyproject().replace('python_version = "3.11"\n', ''),
    files: { '.python-version': p },
  }),
  'a top-level module named by the payload': (p) => ({
    toml: pyproject(),
    // a file name can't hold NUL or '/'
    files: { [`${p.replace(/[\0/]/g, '_')}.py`]: '' },
  }),
};

describe('property: no string of the project makes the action write a workflow command', () => {
  it('any field or file name, any mix of line breaks, commands, quotes and $(…): only our own commands', async () => {
    const fields = Object.keys(FIELDS);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 8 }),
        async (field, parts) => {
          const payload = parts.join('');
          const made = FIELDS[field]?.(payload);
          if (!made) throw new Error(`no field ${field}`);
          const dir = await project({ 'pyproject.toml': made.toml });
          for (const [name, content] of Object.entries(made.files ?? {}))
            await writeFile(path.join(dir, name), content);
          const r = await runAction({ ...DRY, 'github-token': TOKEN }, { workspace: dir, timeoutMs: 60_000 });

          expect(r.main.signal).toBeNull();
          expect(foreign(r.commands)).toEqual([]);
          // the only annotation a dry run writes is its one failure
          const errors = r.commands.filter((c) => c.name === 'error');
          expect(errors.length).toBe(r.main.code === 0 ? 0 : 1);
          expect(r.commands.filter((c) => c.name === 'notice')).toEqual([]);
          for (const c of r.commands.filter((x) => x.name === 'group'))
            expect(c.value).toMatch(/^[A-Za-z ()-]+$/);
          // a mask is ours only for a credential the project wrote
          for (const m of masked(r).filter((v) => v !== TOKEN && v !== 'someuser')) {
            expect(['index username', 'index password']).toContain(field);
            // the value itself, a line of it, or one of its URL encodings (`+` for a space in one)
            const decoded = [m, decodeURIComponent(m), decodeURIComponent(m.replace(/\+/g, '%20'))];
            expect(decoded.some((d) => payload.includes(d))).toBe(true);
          }
          expect(r.post.code).toBe(0);
        },
      ),
      { numRuns: 30, seed: Number(process.env.MICROB_PROPERTY_SEED ?? 9) },
    );
  });
});
