import path from 'node:path';
import { compile, type CompileOptions, type CompileResult, type ProjectSnapshot } from '../compiler/index.js';
import { ProjectWriteError, projectRoot, writeGeneratedFile } from './safeFs.js';
import { readProjectSnapshot } from './snapshot.js';

export interface GeneratedDockerfile {
  /** What the Dockerfile was compiled from, for phases that compile other targets of it. */
  readonly snapshot: ProjectSnapshot;
  /** The options it was compiled with, `projectDir` included: other targets compile the same way. */
  readonly options: CompileOptions;
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
  /** Called with the project as read, before it is compiled (the action masks credentials here). */
  readonly onSnapshot?: (snapshot: ProjectSnapshot) => void;
}): Promise<GeneratedDockerfile> {
  const snapshot = await readProjectSnapshot(args.pyprojectPath);
  args.onSnapshot?.(snapshot);
  const projectDirAbs = path.resolve(path.dirname(args.pyprojectPath));
  const contextAbs = path.resolve(args.context ?? projectDirAbs);
  const projectDir = path.relative(contextAbs, projectDirAbs).split(path.sep).join('/') || '.';
  const options = { ...args.options, projectDir };
  const result = compile(snapshot, options);
  // every file goes through the safe writer (safeFs.ts): never through a committed symlink
  const root = await projectRoot(projectDirAbs, (why) => new ProjectWriteError(why));
  const dockerfileName = `${result.target}.Dockerfile`;
  const dockerfilePath = await writeGeneratedFile(root, OUTPUT_DIR, dockerfileName, result.dockerfile);
  let dockerignorePath: string | null = null;
  if (result.dockerignore !== null) {
    dockerignorePath = await writeGeneratedFile(
      root,
      OUTPUT_DIR,
      `${dockerfileName}.dockerignore`,
      result.dockerignore,
    );
  }
  return { snapshot, options, result, dockerfilePath, dockerignorePath };
}
