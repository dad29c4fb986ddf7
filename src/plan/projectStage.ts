/**
 * The project's own code: the `project` stage, and what the final image copies from it.
 *
 * Both ways end with the project's dist-info and scripts staged under STAGE_ROOT (copied into
 * the image over the venv) and differ in where the code goes:
 * - copy: the stage writes a metadata wheel (metadataWheel.ts) and pip installs it; nothing in it
 *   depends on the sources. The import packages are copied from the build context straight into
 *   the final image as its last layer, so a source change runs no RUN step.
 * - build: the stage copies the sources and runs the backend (cached in the builder, no build
 *   isolation); its output is byte-compiled and staged whole.
 */
import type { ResolvedTarget } from '../config/loadProject.js';
import { shellQuote } from '../dockerfile/quote.js';
import type { Instruction, Mount } from './instructions.js';
import { metadataWheel } from './metadataWheel.js';

export const STAGE_ROOT = '/opt/microb/stage';
/** Where copied import packages live; the metadata wheel's `.pth` puts it on `sys.path`. */
export const IMPORT_ROOT = '/opt/microb/project';
/** Where the builder works (`copy_files_before_build`) and a built project's sources go. */
export const SOURCE_DIR = '/src';

export interface ProjectStageInput {
  readonly target: ResolvedTarget;
  readonly venv: string;
  readonly buildEnv: string;
  readonly pipCache: Mount;
  readonly compile: string;
  /** A path relative to the pyproject's directory as a build context path. */
  inProject(path: string): string;
  readonly projectDir: string;
}

export interface ProjectStage {
  /** The `project` stage, `FROM builder`. */
  readonly stage: readonly Instruction[];
  /** What the final image copies from the stage (goes right after the venv). */
  readonly staged: readonly Instruction[];
  /** The sources copied as they are: the final image's last file layers (copy only). */
  readonly sources: readonly Instruction[];
}

export function projectStage(input: ProjectStageInput): ProjectStage {
  const { target, venv } = input;
  const install = target.install;
  const staged: Instruction[] = [
    { op: 'COPY', from: 'project', link: true, sources: [`${STAGE_ROOT}/`], dest: '/' },
  ];
  if (install.kind === 'build') {
    // PYTHONPATH lends the venv's interpreter the build env's path (pip and the backend) for this
    // one command: pip runs in the venv itself, one interpreter start fewer than `pip --python`,
    // and scripts get the venv's shebang.
    const buildEnvPath = `"$(${input.buildEnv}/bin/python -c 'import sys; print(":".join(p for p in sys.path[1:] if p))')"`;
    return {
      stage: [
        { op: 'FROM', image: 'builder', name: 'project' },
        { op: 'COMMENT', text: `Built by the project's backend on every source change: ${install.reason}.` },
        { op: 'COPY', sources: [input.projectDir], dest: SOURCE_DIR },
        {
          op: 'RUN',
          mounts: [input.pipCache],
          commands: [
            `PYTHONPATH=${buildEnvPath} ${venv}/bin/python -m pip install --no-deps --no-build-isolation --ignore-installed --no-compile --no-warn-script-location --root ${STAGE_ROOT} ${SOURCE_DIR}`,
            `${venv}/bin/python ${input.compile} -s ${STAGE_ROOT} -p / ${STAGE_ROOT}`,
          ],
        },
      ],
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
    entryPoints: metadata.entryPoints,
    importRoot: IMPORT_ROOT,
  });
  const wheelPath = `/tmp/${wheel.fileName}`;
  // argv: wheel path, RECORD path, {archive path: text}; RECORD gets each file's sha256 (urlsafe
  // base64, unpadded) and size, as the wheel spec asks.
  const writeWheel = [
    'import base64, hashlib, json, sys, zipfile',
    'files = json.loads(sys.argv[3])',
    'sha = lambda b: base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b"=").decode()',
    'files[sys.argv[2]] = "".join("%s,sha256=%s,%d\\n" % (p, sha(t.encode()), len(t.encode())) for p, t in files.items()) + sys.argv[2] + ",,\\n"',
    'z = zipfile.ZipFile(sys.argv[1], "w")',
    '[z.writestr(p, t) for p, t in files.items()]',
    'z.close()',
  ].join('; ');
  return {
    stage: [
      { op: 'FROM', image: 'builder', name: 'project' },
      {
        op: 'COMMENT',
        text: "The project's metadata and scripts, from the pyproject alone (its code is copied as it is, last).",
      },
      {
        op: 'RUN',
        mounts: [],
        commands: [
          `python -c ${shellQuote(writeWheel)} ${shellQuote(wheelPath)} ${shellQuote(wheel.record)} ${shellQuote(JSON.stringify(Object.fromEntries(wheel.files)))}`,
          `python -m pip --python ${venv}/bin/python install --no-deps --no-index --no-compile --no-warn-script-location --root ${STAGE_ROOT} ${shellQuote(wheelPath)}`,
          `rm -f ${shellQuote(wheelPath)} ${STAGE_ROOT}${venv}/lib/python*/site-packages/*.dist-info/direct_url.json`,
        ],
      },
    ],
    staged,
    sources: [
      {
        op: 'COMMENT',
        text: 'The import packages as they are: a source change rebuilds only this; 755 so any uid can read them.',
      },
      ...install.roots.map((root): Instruction => ({
        op: 'COPY',
        link: true,
        chmod: '755',
        sources: [input.inProject(root.source)],
        dest: `${IMPORT_ROOT}/${root.name}`,
      })),
    ],
  };
}
