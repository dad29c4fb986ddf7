import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compile, type CompileOptions, type CompileResult, type ProjectSnapshot } from '../core/index.js';
import { readProjectSnapshot } from './snapshot.js';

export interface GeneratedDockerfile {
  /** What the Dockerfile was compiled from, for phases that compile other targets of it. */
  readonly snapshot: ProjectSnapshot;
  readonly result: CompileResult;
  /** `<pyproject dir>/.microb/<target>.Dockerfile` */
  readonly dockerfilePath: string;
  /** Its `.dockerignore`, written only when the project has none of its own. */
  readonly dockerignorePath: string | null;
}

/** Generated files live in the workspace (`.microb/`) so build checks and PR diffs can see them. */
export const OUTPUT_DIR = '.microb';

export async function writeGeneratedDockerfile(args: {
  readonly pyprojectPath: string;
  readonly options?: CompileOptions;
  /** Build context directory; default: the pyproject's directory. */
  readonly context?: string;
}): Promise<GeneratedDockerfile> {
  const snapshot = await readProjectSnapshot(args.pyprojectPath);
  const projectDirAbs = path.resolve(path.dirname(args.pyprojectPath));
  const contextAbs = path.resolve(args.context ?? projectDirAbs);
  const projectDir = path.relative(contextAbs, projectDirAbs).split(path.sep).join('/') || '.';
  const result = compile(snapshot, { ...args.options, projectDir });
  const outDir = path.join(projectDirAbs, OUTPUT_DIR);
  await mkdir(outDir, { recursive: true });
  const dockerfilePath = path.join(outDir, `${result.target}.Dockerfile`);
  await writeFile(dockerfilePath, result.dockerfile);
  let dockerignorePath: string | null = null;
  if (result.dockerignore !== null) {
    dockerignorePath = `${dockerfilePath}.dockerignore`;
    await writeFile(dockerignorePath, result.dockerignore);
  }
  return { snapshot, result, dockerfilePath, dockerignorePath };
}
