/**
 * The two Dockerfiles the benchmark compares on the same sample project: microb-action's
 * generated one (src/workspace/generate.ts, exactly what the action builds), and a hand-written
 * "microb-style" one, the Dockerfile the microb frontend's README shows, adapted to run
 * offline: same base images, the local index through a pip.conf secret.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CacheMount } from '../src/compiler/index.js';
import { writeGeneratedDockerfile } from '../src/workspace/generate.js';
import type { SampleProject } from '../__tests__/support/cache-service/ciRun.js';
import type { LayerRules } from './breakdown.js';
import { WHEELHOUSE } from '../__tests__/e2e/support/paths.js';

/** The project's own files: its import package, its metadata, its .pth (any install layout). */
const projectFile = (module: string) => (p: string) =>
  p
    .split('/')
    .some((part) => part === module || part.startsWith(`${module}-`) || part === `_microb_${module}.pth`);

export interface PreparedBuild {
  readonly dockerfile: string;
  /** `--secret …` arguments and the environment they read. */
  readonly secretArgs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The RUN cache mounts the cache module carries for this Dockerfile. */
  readonly cacheMounts: readonly CacheMount[];
  /** An image with sh and cp for the cache-mount builds. */
  readonly helperImage: string;
  /** `FROM` references, for the per-repetition base override (see run.ts). */
  readonly baseImages: { readonly builder: string; readonly final: string };
  /** The title of the dependency install step in the build log. */
  readonly depsStep: string;
  /** What the layers this build makes hold, by path (for the saved entry's breakdown). */
  readonly layerRules: LayerRules;
}

export interface IndexCredentials {
  readonly user: string;
  readonly password: string;
  /** A pip.conf with the credential in its index-url, for the microb-style build. */
  readonly pipConf: string;
}

export interface Variant {
  readonly name: string;
  prepare(
    project: SampleProject,
    index: IndexCredentials,
    dependencies: readonly string[],
  ): Promise<PreparedBuild>;
}

/** The generated Dockerfile of `project` as it stands (with or without a lock beside it). */
async function prepareGenerated(project: SampleProject, index: IndexCredentials): Promise<PreparedBuild> {
  const g = await writeGeneratedDockerfile({ pyprojectPath: project.pyproject });
  const fromLock = g.result.dockerfile.includes('--require-hashes');
  return {
    dockerfile: g.dockerfilePath,
    secretArgs: [
      '--secret',
      'id=index-user,env=BENCH_INDEX_USER',
      '--secret',
      'id=index-password,env=BENCH_INDEX_PW',
    ],
    env: { BENCH_INDEX_USER: index.user, BENCH_INDEX_PW: index.password },
    cacheMounts: g.result.plan.cacheMounts,
    helperImage: g.result.plan.builderImage,
    baseImages: { builder: g.result.plan.builderImage, final: g.result.plan.finalImage },
    depsStep: fromLock ? '--require-hashes' : '[deps 1/1] RUN',
    layerRules: [
      { origin: 'project', test: projectFile(project.module) },
      { origin: 'build', test: (p) => p.startsWith('opt/microb/build-env/') },
      { origin: 'dependencies', test: (p) => p.startsWith('opt/venv/') },
    ],
  };
}

export const generated: Variant = {
  name: 'microb-action (generated)',
  prepare: (project, index) => prepareGenerated(project, index),
};

// Names and Requires-Dist of the wheels the index serves, read by the machine's python3.
const WHEEL_METADATA = `import json, sys, zipfile
out = {}
for path in sys.argv[1:]:
    with zipfile.ZipFile(path) as z:
        meta = next(n for n in z.namelist() if n.endswith('.dist-info/METADATA'))
        head = z.read(meta).decode().split('\\n\\n', 1)[0]
    fields = [l.split(': ', 1) for l in head.splitlines() if ': ' in l]
    out[path] = {'name': next(v for k, v in fields if k == 'Name'),
                 'version': next(v for k, v in fields if k == 'Version'),
                 'requires': [v for k, v in fields if k == 'Requires-Dist']}
print(json.dumps(out))
`;
const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/**
 * A pylock.toml (PEP 751) for the sample project: the closure of its dependencies over the wheels
 * the local index serves, each with its real sha256, so the generated Dockerfile installs from
 * the lock (--no-deps --require-hashes) as a locked project's would.
 */
async function writePylock(project: SampleProject, indexUrl: string): Promise<void> {
  const probeDir = path.dirname(project.dir);
  const wheels = [
    ...(await readdir(WHEELHOUSE)).filter((f) => f.endsWith('.whl')).map((f) => path.join(WHEELHOUSE, f)),
    ...(await readdir(probeDir)).filter((f) => f.endsWith('.whl')).map((f) => path.join(probeDir, f)),
  ];
  const meta = JSON.parse(
    execFileSync('python3', ['-c', WHEEL_METADATA, ...wheels], { encoding: 'utf8' }),
  ) as Record<string, { name: string; version: string; requires: string[] }>;
  const byName = new Map(Object.entries(meta).map(([file, m]) => [normalize(m.name), { file, ...m }]));
  const pyproject = await readFile(project.pyproject, 'utf8');
  const deps = /^dependencies = \[(.*)\]$/m.exec(pyproject)?.[1] ?? '';
  const queue = [...deps.matchAll(/"([A-Za-z0-9._-]+)/g)].map((m) => normalize(m[1] ?? ''));
  const locked = new Set<string>();
  for (const name of queue) {
    if (locked.has(name) || !byName.has(name)) continue;
    locked.add(name);
    for (const r of byName.get(name)?.requires ?? []) {
      if (/extra\s*==/.test(r)) continue; // extras nobody asked for
      const dep = /^[A-Za-z0-9._-]+/.exec(r)?.[0];
      if (dep) queue.push(normalize(dep));
    }
  }
  const registry = indexUrl.replace(/\/$/, '');
  const files = registry.replace(/\/simple$/, '/files');
  const entries = await Promise.all(
    [...locked].sort().map(async (name) => {
      const w = byName.get(name);
      if (!w) throw new Error(`bench: no wheel for ${name}`);
      const sha = createHash('sha256')
        .update(await readFile(w.file))
        .digest('hex');
      const file = path.basename(w.file);
      return `[[packages]]\nname = "${name}"\nversion = "${w.version}"\nindex = "${registry}"\n\n    [[packages.wheels]]\n    name = "${file}"\n    url = "${files}/${file}"\n    hashes = { sha256 = "${sha}" }\n`;
    }),
  );
  await writeFile(
    path.join(project.dir, 'pylock.toml'),
    ['lock-version = "1.0"\nrequires-python = ">=3.11"\ncreated-by = "microb-bench"\n', ...entries].join(
      '\n',
    ),
  );
}

/** The generated Dockerfile of the same project with a pylock.toml beside it. */
export function locked(indexUrl: string): Variant {
  return {
    name: 'microb-action (pylock.toml)',
    async prepare(project, index) {
      await writePylock(project, indexUrl);
      return prepareGenerated(project, index);
    },
  };
}

/**
 * The microb README's Dockerfile for this project: user-site install of the dependencies,
 * then the project with --no-deps, .pyc and tests stripped, copied to a slim non-root image.
 * No build_deps/system_deps here, so its apt lines drop out; ssh is not needed.
 */
function microbStyleDockerfile(dependencies: readonly string[], script: string): string {
  return `FROM python:3.11 AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1
ENV PIP_NO_WARN_SCRIPT_LOCATION=0
ENV PIP_USER=1
ENV PYTHONPYCACHEPREFIX=/.pycache
RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=pipconf,target=/etc/pip.conf python -m pip install --user --retries 2 ${dependencies.join(' ')}
COPY . /projectdir
RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=pipconf,target=/etc/pip.conf python -m pip install --no-deps /projectdir
RUN find /root/.local/lib/python*/ -name 'tests' -exec rm -r '{}' + && find /root/.local/lib/python*/site-packages/ -name '*.so' -exec sh -c 'file "{}" | grep -q "not stripped" && strip -s "{}"' \\; && find /root/.local/lib/python*/ -type f -name '*.pyc' -delete && find /root/.local/lib/python*/ -type d -name '__pycache__' -delete

FROM python:3.11-slim

RUN useradd --uid=65532 --user-group --home-dir=/home/nonroot --create-home nonroot
USER 65532:65532

COPY --from=builder /root/.local /home/nonroot/.local
ENV PATH=$PATH:/home/nonroot/.local/bin

ENTRYPOINT ["${script}"]
`;
}

export function microbStyle(script: string): Variant {
  return {
    name: 'microb-style (hand-written)',
    async prepare(project, index, dependencies) {
      const dockerfile = path.join(
        project.dir,
        '..',
        `${path.basename(project.dir)}.microb-style.Dockerfile`,
      );
      await writeFile(dockerfile, microbStyleDockerfile(dependencies, script));
      const pipConf = path.join(project.dir, '..', `${path.basename(project.dir)}.pip.conf`);
      await writeFile(pipConf, index.pipConf, { mode: 0o600 });
      return {
        dockerfile,
        secretArgs: ['--secret', `id=pipconf,src=${pipConf}`],
        env: {},
        // a cache mount without id= is keyed by its target
        cacheMounts: [{ id: '/root/.cache', target: '/root/.cache' }],
        helperImage: 'python:3.11',
        baseImages: { builder: 'python:3.11', final: 'python:3.11-slim' },
        depsStep: 'python -m pip install --user --retries 2',
        layerRules: [
          { origin: 'project', test: projectFile(project.module) },
          { origin: 'dependencies', test: (p) => /^(root|home\/nonroot)\/\.local\//.test(p) },
        ],
      };
    },
  };
}
