/**
 * Build a project the way users do: generate the Dockerfile with the same code the action uses,
 * then a real `docker buildx build` (host network: the e2e engine has no bridge).
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeGeneratedDockerfile, type GeneratedDockerfile } from '../../../src/workspace/generate.js';
import { buildx, type PrivateIndex, type RunResult } from '../support/index.js';

export const REPO = path.resolve(import.meta.dirname, '../../..');
const EXAMPLE_INDEX = 'http://127.0.0.1:3141/simple/';

/** Secrets the rewritten examples name, with the index's credential. */
export function indexSecrets(index: PrivateIndex): { args: string[]; env: Record<string, string> } {
  return {
    args: [
      '--secret',
      'id=index-user,env=MICROB_E2E_INDEX_USER',
      '--secret',
      'id=index-password,env=MICROB_E2E_INDEX_PASSWORD',
    ],
    env: { MICROB_E2E_INDEX_USER: index.user, MICROB_E2E_INDEX_PASSWORD: index.password },
  };
}

/**
 * Copy an example into dir, pointing its placeholder index (or the microb example's) at the local
 * index, with the credential as build secrets.
 */
export async function copyExample(name: string, dir: string, index: PrivateIndex): Promise<string> {
  await cp(path.join(REPO, 'examples', name), dir, { recursive: true });
  const file = path.join(dir, 'pyproject.toml');
  const local = `url = "${index.url}", username_secret = "index-user", password_secret = "index-password"`;
  const text = (await readFile(file, 'utf8'))
    .replace(`url = "${EXAMPLE_INDEX}"`, local)
    .replace(`{ "url" = "https://pypi.example.com/simple" }`, `{ ${local}, primary = true }`);
  await writeFile(file, text);
  return file;
}

export interface Built {
  readonly generated: GeneratedDockerfile;
  readonly result: RunResult;
  readonly log: string;
}

export async function generateAndBuild(args: {
  pyproject: string;
  tag: string;
  target?: string;
  buildArgs?: Record<string, string>;
  extra?: string[];
  env?: Record<string, string>;
}): Promise<Built> {
  const generated = await writeGeneratedDockerfile({
    pyprojectPath: args.pyproject,
    ...(args.target && { options: { target: args.target } }),
  });
  const buildArgs = Object.entries(args.buildArgs ?? {}).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
  const result = await buildx(
    [
      '--progress=plain',
      '--provenance=false',
      '-f',
      generated.dockerfilePath,
      '-t',
      args.tag,
      '--load',
      ...buildArgs,
      ...(args.extra ?? []),
      path.dirname(args.pyproject),
    ],
    { env: args.env ?? {}, timeoutMs: 10 * 60_000 },
  );
  const log = `${result.stdout}\n${result.stderr}`;
  if (result.code !== 0)
    throw new Error(`build of ${args.pyproject} failed:\n${log.split('\n').slice(-40).join('\n')}`);
  return { generated, result, log };
}

/** True when BuildKit reused the step whose log title contains `marker` (e.g. `[deps 1/1] RUN`). */
export function stepCached(log: string, marker: string): boolean {
  const ids = log
    .split('\n')
    .filter((l) => l.includes(marker))
    .map((l) => /^#(\d+) /.exec(l)?.[1])
    .filter((id): id is string => id !== undefined);
  if (ids.length === 0) throw new Error(`no step ${marker} in the build log`);
  return ids.every((id) => log.includes(`\n#${id} CACHED`));
}

/**
 * Titles of the Dockerfile steps BuildKit ran (not CACHED), e.g. `[image 5/6] COPY …`. FROM
 * lines are left out: BuildKit resolves a base image on every build and never logs it CACHED.
 */
export function stepsRun(log: string): string[] {
  const titles = new Map<string, string>();
  for (const line of log.split('\n')) {
    const m = /^#(\d+) (\[[\w.-]+ \d+\/\d+\] .*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && !/^\[[^\]]+\] FROM /.test(m[2])) titles.set(m[1], m[2]);
  }
  return [...titles].filter(([id]) => !log.includes(`\n#${id} CACHED`)).map(([, title]) => title);
}
