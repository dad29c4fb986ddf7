/**
 * The project's own code: the `project` stage, and what the final image copies from it.
 *
 * Both ways end with the project's dist-info and scripts staged under STAGE_ROOT (copied into
 * the image over the venv) and differ in where the code goes:
 * - copy: the stage writes a metadata wheel (metadataWheel.ts) and pip installs it; nothing in it
 *   depends on the sources. The import packages are copied into the `sources` stage, where their
 *   modes are made readable by any uid (a checkout made with umask 077 has 0600 files), and from
 *   there into the final image as its last layer: a source change runs one chmod, never pip.
 * - build: the stage copies the sources and runs the backend (cached in the builder, no build
 *   isolation); its output is byte-compiled and staged whole. When only the backend knows the
 *   dependencies, the backend builds a wheel and pip installs it *with* them (never `--no-deps`
 *   over dependencies nobody installed). A version from git comes in as a build arg.
 * - app: there is no project stage: the application's sources go through the `sources` stage into
 *   /app as the image's last layer, and no backend runs.
 */
import type { ResolvedTarget } from '../resolve/loadProject.js';
import { shellQuote } from '../dockerfile/quote.js';
import type { Instruction, Mount } from '../dockerfile/instructions.js';
import { metadataWheel, WHEEL_WRITER } from './metadataWheel.js';
import { comment } from './comments.js';

const STAGE_ROOT = '/opt/microb/stage';
/** Where copied import packages live; the metadata wheel's `.pth` puts it on `sys.path`. */
const IMPORT_ROOT = '/opt/microb/project';
/** Where the builder works (`copy_files_before_build`) and a built project's sources go. */
export const SOURCE_DIR = '/src';

interface ProjectStageInput {
  readonly target: ResolvedTarget;
  readonly venv: string;
  readonly buildEnv: string;
  readonly pipCache: Mount;
  readonly compile: string;
  /** The app directory (the final image's WORKDIR) an application is copied into. */
  readonly appDir: string;
  /** What installing from the indexes needs (a build that resolves the dependencies itself). */
  readonly access: {
    readonly mounts: readonly Mount[];
    readonly prelude: readonly string[];
    /** `pip --python PYTHON ARGS` with the index credentials and git's ssh settings. */
    pip(python: string, args: string): string;
  };
  /** A path relative to the pyproject's directory as a build context path. */
  inProject(path: string): string;
  readonly projectDir: string;
}

interface ProjectStage {
  /** The `project` stage, `FROM builder`; empty for an application. */
  readonly stage: readonly Instruction[];
  /** The `sources` stage (copy and app): the sources as they are, with modes any uid can read. */
  readonly sourcesStage: readonly Instruction[];
  /** What the final image copies from the stage (goes right after the venv). */
  readonly staged: readonly Instruction[];
  /** The sources copied as they are: the final image's last file layers (copy and app). */
  readonly sources: readonly Instruction[];
}

const WHEEL_DIR = '/tmp/microb-wheel';
/** The metadata wheel's files, and the script that zips them. */
const METADATA_DIR = '/opt/microb/metadata';
const WHEEL_WRITER_PATH = '/opt/microb/write_wheel.py';
/**
 * Directories, and files executable in the checkout, 755; other files 644. Symbolic links are left
 * alone (chmod would follow them). COPY's `--chmod` can't say this: it gives every file and
 * directory the same mode, and BuildKit 0.13 ignores symbolic modes.
 */
const READABLE = (dir: string) => `find ${dir} ! -type l -exec chmod u=rwX,go=rX {} +`;
const SOURCES_COMMENT = (what: string) =>
  `sources: ${what} as they are in the checkout, made readable by any uid whatever the checkout's umask (directories and executables 755, other files 644). Rebuilt by a source change, which rebuilds nothing else: the image copies this as its last layer.`;

/** The Dockerfile comment of a built project: why, and what it costs. */
function buildComment(install: Extract<ResolvedTarget['install'], { kind: 'build' }>): string {
  const why = `project: the project built by its backend and byte-compiled, staged under ${STAGE_ROOT}. Rebuilt by every source change: ${install.reason}.`;
  return install.withDependencies === undefined
    ? why
    : `${why} With its dependencies, which only the backend knows (${install.withDependencies}): pip resolves them here on every source change. For a cached dependency layer, list them in a requirements file (target key \`requirements\`) or a lock file.`;
}

export function projectStage(input: ProjectStageInput): ProjectStage {
  const { target, venv } = input;
  const install = target.install;
  if (install.kind === 'app') {
    return {
      stage: [],
      sourcesStage: [
        ...comment(
          SOURCES_COMMENT(
            `the application's files (not a package: ${install.reason}; no build backend runs)`,
          ),
        ),
        { op: 'FROM', image: 'builder', name: 'sources' },
        { op: 'COPY', sources: [input.projectDir], dest: input.appDir },
        { op: 'RUN', mounts: [], commands: [READABLE(input.appDir)] },
      ],
      staged: [],
      sources: [{ op: 'COPY', from: 'sources', link: true, sources: [input.appDir], dest: input.appDir }],
    };
  }
  const staged: Instruction[] = [
    { op: 'COPY', from: 'project', link: true, sources: [`${STAGE_ROOT}/`], dest: '/' },
  ];
  if (install.kind === 'build') {
    // PYTHONPATH lends the venv's interpreter the build env's path (pip and the backend) for this
    // one command: pip runs in the venv itself, one interpreter start fewer than `pip --python`,
    // and scripts get the venv's shebang.
    const buildEnvPath = `"$(${input.buildEnv}/bin/python -c 'import sys; print(":".join(p for p in sys.path[1:] if p))')"`;
    const backendPip = `PYTHONPATH=${buildEnvPath} ${venv}/bin/python -m pip`;
    const versionArg = install.versionArg;
    let mounts: Mount[] = [input.pipCache];
    let commands: string[];
    if (install.withDependencies === undefined) {
      commands = [
        `${backendPip} install --no-deps --no-build-isolation --ignore-installed --no-compile --no-warn-script-location --root ${STAGE_ROOT} ${SOURCE_DIR}`,
      ];
    } else {
      // the backend (from the build env) builds the wheel; pip then installs it with its
      // dependencies from the indexes, which build their own sdists in isolation as usual
      const extras = target.config.extras.length > 0 ? shellQuote(`[${target.config.extras.join(',')}]`) : '';
      // the pretend version is the project's: a dependency built from an sdist must not take it
      const unsetVersion = versionArg ? `env -u ${versionArg.name} ` : '';
      mounts = [input.pipCache, ...input.access.mounts];
      commands = [
        ...input.access.prelude,
        `${backendPip} wheel --no-deps --no-build-isolation --wheel-dir ${WHEEL_DIR} ${SOURCE_DIR}`,
        `${unsetVersion}${input.access.pip(`${venv}/bin/python`, `install --no-compile --no-warn-script-location --root ${STAGE_ROOT} "$(echo ${WHEEL_DIR}/*.whl)"${extras}`)}`,
        `rm -rf ${WHEEL_DIR}`,
      ];
    }
    return {
      stage: [
        ...comment(buildComment(install)),
        { op: 'FROM', image: 'builder', name: 'project' },
        ...(versionArg
          ? [
              {
                op: 'COMMENT',
                text: `The version comes from git (${versionArg.tool}), and .git is not in the build context: microb build and the action pass it as --build-arg ${versionArg.name}=… from git describe or the tag being built.`,
              } as const,
              { op: 'ARG', name: versionArg.name } as const,
            ]
          : []),
        { op: 'COPY', sources: [input.projectDir], dest: SOURCE_DIR },
        {
          op: 'RUN',
          mounts,
          commands: [...commands, `${venv}/bin/python ${input.compile} -s ${STAGE_ROOT} -p / ${STAGE_ROOT}`],
        },
      ],
      sourcesStage: [],
      staged,
      sources: [],
    };
  }

  const { metadata } = target;
  const wheel = metadataWheel({
    name: install.name,
    version: install.version,
    ...(metadata.description !== undefined && { summary: metadata.description }),
    ...(metadata.requiresPython !== undefined && { requiresPython: metadata.requiresPython.spec }),
    requiresDist: metadata.dependencies,
    extras: metadata.optionalDependencies,
    entryPoints: metadata.entryPoints,
    importRoot: IMPORT_ROOT,
  });
  const wheelPath = `/tmp/${wheel.fileName}`;
  const roots = install.roots.map((r) => r.name).join(', ');
  return {
    stage: [
      ...comment(
        `project: the project's metadata and console scripts, from the pyproject alone: a wheel without code (METADATA, entry points, a .pth putting ${IMPORT_ROOT} on sys.path) for pip to install. Rebuilt when [project] changes, never by a source change.`,
      ),
      { op: 'FROM', image: 'builder', name: 'project' },
      ...[...wheel.files].map(([file, text]): Instruction => ({
        op: 'FILE',
        dest: `${METADATA_DIR}/${file}`,
        lines: text.replace(/\n$/, '').split('\n'),
      })),
      { op: 'FILE', dest: WHEEL_WRITER_PATH, lines: WHEEL_WRITER },
      {
        op: 'RUN',
        mounts: [],
        commands: [
          `python ${WHEEL_WRITER_PATH} ${METADATA_DIR} ${shellQuote(wheelPath)} ${shellQuote(wheel.record)}`,
          `python -m pip --python ${venv}/bin/python install --no-deps --no-index --no-compile --no-warn-script-location --root ${STAGE_ROOT} ${shellQuote(wheelPath)}`,
          `rm -f ${shellQuote(wheelPath)} ${STAGE_ROOT}${venv}/lib/python*/site-packages/*.dist-info/direct_url.json`,
        ],
      },
    ],
    // a project with no code (`py-modules = []`): nothing to copy
    sourcesStage:
      install.roots.length === 0
        ? []
        : [
            ...comment(SOURCES_COMMENT(`the import packages (${roots})`)),
            { op: 'FROM', image: 'builder', name: 'sources' },
            ...install.roots.map((root): Instruction => ({
              op: 'COPY',
              sources: [input.inProject(root.source)],
              dest: `${IMPORT_ROOT}/${root.name}`,
            })),
            { op: 'RUN', mounts: [], commands: [READABLE(IMPORT_ROOT)] },
          ],
    staged,
    sources:
      install.roots.length === 0
        ? []
        : [{ op: 'COPY', from: 'sources', link: true, sources: [IMPORT_ROOT], dest: IMPORT_ROOT }],
  };
}
