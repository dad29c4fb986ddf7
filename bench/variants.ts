/**
 * The two Dockerfiles the benchmark compares on the same sample project: microb-action's
 * generated one (src/project/generate.ts, exactly what the action builds), and a hand-written
 * "microb-style" one, the Dockerfile the microb frontend's README shows, adapted to run
 * offline: same base images, the local index through a pip.conf secret.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CacheMount } from '../src/core/index.js';
import { writeGeneratedDockerfile } from '../src/project/generate.js';
import type { SampleProject } from '../__tests__/support/cache-service/ciRun.js';
import type { LayerRules } from './breakdown.js';

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

export const generated: Variant = {
  name: 'microb-action (generated)',
  async prepare(project, index) {
    const g = await writeGeneratedDockerfile({ pyprojectPath: project.pyproject });
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
      depsStep: '[deps 1/1] RUN',
      layerRules: [
        { origin: 'project', test: projectFile(project.module) },
        { origin: 'build', test: (p) => p.startsWith('opt/microb/build-env/') },
        { origin: 'dependencies', test: (p) => p.startsWith('opt/venv/') },
      ],
    };
  },
};

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
