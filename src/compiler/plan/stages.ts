import type { ResolvedTarget } from '../resolve/loadProject.js';
import { argNames, type TemplatePart } from '../model/template.js';
import type { CacheMount, CompileOptions, SecretRequirement } from '../model/types.js';
import { shellQuote } from '../dockerfile/quote.js';
import type { Command, DockerfilePlan, Instruction, KeyValue, Mount } from '../dockerfile/instructions.js';
import { addInstructions, copyInstructions } from './files.js';
import { dependencyList, imageLabels } from './labels.js';
import {
  createUser,
  ensureGitAndSsh,
  installPackages,
  KEEP_APT_DOWNLOADS,
  packageCacheMounts,
} from './packages.js';
import { lockAccess, lockInstall } from './lockInstall.js';
import { pipAccess } from './pipAccess.js';
import { projectStage, SOURCE_DIR } from './projectStage.js';
import { comment } from './comments.js';
import { finalUser } from './finalUser.js';
import { DEFAULT_UID } from '../resolve/keys.js';

/** Fixed paths: the image works the same for every project and any uid. */
const VENV = '/opt/venv';
const BUILD_ENV = '/opt/microb/build-env';
const APP_DIR = '/app';
const BUILDER_IMAGE_ARG = 'BUILDER_IMAGE';
const BASE_IMAGE_ARG = 'BASE_IMAGE';
const PIP_CACHE: CacheMount = { id: 'microb-pip', target: '/root/.cache/pip' };
const KNOWN_HOSTS_SECRET = 'microb-known-hosts';
const REQUIREMENTS_MOUNT = '/run/microb/requirements.in';
const NESTED_ROOT = '/run/microb/requirements';
// A different path than the original: filtering a file onto itself truncates it.
const REQUIREMENTS_FILTERED = '/tmp/microb-requirements.txt';
// The project itself is installed from its own wheel later: drop `-e .` / `-e file:.` lines only.
const DROP_SELF = `sed -E '/^[[:space:]]*(-e|--editable)[[:space:]=]*(file:)?\\.\\/?[[:space:]]*$/d'`;
const COMPILE = '-m compileall -q -j 0 --invalidation-mode unchecked-hash';

interface Plan {
  readonly dockerfile: DockerfilePlan;
  readonly secrets: readonly SecretRequirement[];
  readonly ssh: boolean;
  readonly knownHostsSecretId?: string;
  readonly labels: readonly KeyValue[];
  readonly dependencies: readonly string[];
  readonly buildArgsUsed: readonly string[];
  readonly cacheMounts: readonly CacheMount[];
  readonly builderImage: string;
  readonly finalImage: string;
  /** System packages added to build_deps for a compiled backend. */
  readonly addedBuildDeps?: { readonly backend: string; readonly packages: readonly string[] };
}

export function planBuild(target: ResolvedTarget, options: CompileOptions, pyprojectName: string): Plan {
  const { config, metadata } = target;
  const flavor = config.flavor;
  const projectDir = normalizeDir(options.projectDir ?? '.');
  const inProject = (path: string) => (projectDir === '.' ? path : `${projectDir}/${path}`);
  const builderImage =
    config.builderImage ?? `python:${target.pythonVersion}${flavor === 'alpine' ? '-alpine' : ''}`;
  const finalImage =
    config.baseImage ?? `python:${target.pythonVersion}${flavor === 'alpine' ? '-alpine' : '-slim'}`;
  // declared before the first FROM: `--build-arg BASE_IMAGE=…` swaps an image without an edit
  const preamble: Instruction[] = [
    { op: 'ARG', name: BUILDER_IMAGE_ARG, value: builderImage },
    { op: 'ARG', name: BASE_IMAGE_ARG, value: finalImage },
  ];
  const uid = config.user ?? DEFAULT_UID;
  const workdir = config.workdir ?? APP_DIR;

  const access = pipAccess(config.indices);
  const ssh = target.needsSsh;
  const pipCache: Mount = { type: 'cache', id: PIP_CACHE.id, target: PIP_CACHE.target };
  const knownHosts: Mount[] = ssh
    ? [
        { type: 'secret', id: KNOWN_HOSTS_SECRET, target: `/run/secrets/${KNOWN_HOSTS_SECRET}` },
        { type: 'ssh' },
      ]
    : [];
  const gitSsh = ssh
    ? [
        `GIT_SSH_COMMAND=${shellQuote(`ssh -o UserKnownHostsFile=/run/secrets/${KNOWN_HOSTS_SECRET} -o StrictHostKeyChecking=yes`)}`,
      ]
    : [];
  const pip = (python: string, args: string) =>
    [...access.environment, ...gitSsh, `python -m pip --python ${python} ${args}`].join(' ');
  // one requirement per line: readable diffs, and no line near BuildKit's 64 KiB line limit
  const pipInstall = (python: string, args: string, requirements: readonly string[]): Command => [
    pip(python, args),
    ...requirements.map(shellQuote),
  ];

  const labels = imageLabels(target, options.dependencyLabel === false ? undefined : dependencyList(target));
  const templated: readonly (readonly TemplatePart[])[] = [
    ...config.env.map((e) => e.template),
    ...labels.map((l) => l.value),
  ];
  const buildArgsUsed = [...new Set(templated.flatMap(argNames))];
  const given = new Map(Object.entries(options.buildArgs ?? {}));
  const args: Instruction[] = buildArgsUsed.map((name) => {
    const value = given.get(name);
    return { op: 'ARG', name, ...(value !== undefined && { value }) };
  });
  const userEnv: Instruction[] =
    config.env.length > 0
      ? [{ op: 'ENV', pairs: config.env.map((e) => ({ key: e.key, value: e.template })) }]
      : [];
  const text = (t: string): TemplatePart[] => [{ kind: 'text', text: t }];

  const install = target.install;
  // what a compiled backend always needs is added to build_deps, and the comment says so
  const compiled = target.compiledBackend;
  const addedBuildDeps = (compiled?.packages ?? []).filter((p) => !config.buildDeps.includes(p));
  const buildDeps = [...config.buildDeps, ...addedBuildDeps];
  const buildDepsInstall: Instruction[] =
    buildDeps.length === 0
      ? []
      : [
          ...(compiled !== undefined && addedBuildDeps.length > 0
            ? [
                {
                  op: 'COMMENT',
                  text: `${compiled.backend} compiles the project: build_deps ${addedBuildDeps.join(' ')} added (it always needs them).`,
                } as const,
              ]
            : []),
          installPackages(flavor, buildDeps),
        ];
  // an application runs no backend: no build env to install
  const buildEnv: Instruction[] =
    install.kind === 'app'
      ? [{ op: 'RUN', mounts: [], commands: [`python -m venv --without-pip ${VENV}`] }]
      : [
          {
            op: 'RUN',
            mounts: [],
            commands: [
              `python -m venv --without-pip ${VENV}`,
              `python -m venv --without-pip --system-site-packages ${BUILD_ENV}`,
            ],
          },
          {
            op: 'RUN',
            mounts: [pipCache, ...access.mounts],
            commands: [
              ...access.prelude,
              pipInstall(
                `${BUILD_ENV}/bin/python`,
                'install --no-warn-script-location',
                target.buildRequires,
              ),
            ],
          },
        ];

  // builder: toolchain, empty venv, the build backend (the base image's setuptools satisfies the
  // common case without a download). Nothing here depends on the sources.
  const builder: Instruction[] = [
    ...comment(
      `builder: ${builderImage} with the build tools${buildDeps.length > 0 ? ` (build_deps: ${buildDeps.join(' ')})` : ''}, an empty venv at ${VENV}${install.kind === 'app' ? '' : ' and the build backend'}; every other build stage starts from it. Rebuilt when the base image or these lines change.`,
    ),
    { op: 'FROM', image: `\${${BUILDER_IMAGE_ARG}}`, name: 'builder' },
    ...(flavor === 'debian'
      ? [{ op: 'ARG', name: 'DEBIAN_FRONTEND', value: 'noninteractive' } as const]
      : []),
    {
      op: 'ENV',
      pairs: [
        { key: 'PIP_DISABLE_PIP_VERSION_CHECK', value: text('1') },
        { key: 'PIP_ROOT_USER_ACTION', value: text('ignore') },
        { key: 'PYTHONDONTWRITEBYTECODE', value: text('1') },
      ],
    },
    ...args,
    ...userEnv,
    ...(flavor === 'debian' ? [KEEP_APT_DOWNLOADS] : []),
    ...buildDepsInstall,
    ...(ssh || target.needsGit ? [ensureGitAndSsh(flavor, ssh)] : []),
    ...buildEnv,
    { op: 'WORKDIR', path: SOURCE_DIR },
    ...copyInstructions(config.copyFilesBeforeBuild),
    ...addInstructions(config.addFilesBeforeBuild),
  ];

  // deps: third-party packages only. Its cache key is this text (and a bound lock file), so a
  // source change never reinstalls them.
  const installDeps = `install --no-compile --no-warn-script-location`;
  const depsCommands: Command[] = [];
  const depsMounts: Mount[] = [pipCache, ...access.mounts, ...knownHosts];
  const depsInstructions: Instruction[] = [];
  const locked = target.lock === undefined ? undefined : lockAccess(target.lock, config.indices);
  if (target.lock !== undefined && locked !== undefined) {
    const install = lockInstall(
      target.lock,
      (args) =>
        [
          ...locked.environment,
          ...gitSsh,
          `python -m pip --python ${VENV}/bin/python ${installDeps} ${args}`,
        ].join(' '),
      inProject,
    );
    depsInstructions.push(...install.files);
    depsMounts.splice(0, depsMounts.length, pipCache, ...locked.mounts, ...knownHosts, ...install.mounts);
    depsCommands.push(...locked.prelude, ...install.commands);
  } else if (config.requirements !== undefined && target.requirementsFiles.length > 1) {
    // nested -r/-c files: each mounted at its own relative path, so pip resolves them from the
    // referring file's directory; the filtered top file is written beside the original
    for (const file of target.requirementsFiles)
      depsMounts.push({ type: 'bind', source: inProject(file), target: `${NESTED_ROOT}/${file}` });
    const top = `${NESTED_ROOT}/${config.requirements}`;
    const filtered = `${top.slice(0, top.lastIndexOf('/'))}/.microb-requirements.txt`;
    depsCommands.push(
      `${DROP_SELF} ${top} > ${filtered}`,
      pip(`${VENV}/bin/python`, `${installDeps} -r ${filtered}`),
      `rm -f ${filtered}`,
    );
  } else if (config.requirements !== undefined) {
    depsMounts.push({ type: 'bind', source: inProject(config.requirements), target: REQUIREMENTS_MOUNT });
    depsCommands.push(
      `${DROP_SELF} ${REQUIREMENTS_MOUNT} > ${REQUIREMENTS_FILTERED}`,
      pip(`${VENV}/bin/python`, `${installDeps} -r ${REQUIREMENTS_FILTERED}`),
      `rm -f ${REQUIREMENTS_FILTERED}`,
    );
  } else if (install.kind === 'build' && install.withDependencies !== undefined) {
    // only the backend knows them: the project stage installs them with the project
  } else if (target.dependencies.length > 0) {
    depsCommands.push(pipInstall(`${VENV}/bin/python`, installDeps, target.dependencies));
  }
  const depsSource =
    target.lock !== undefined
      ? target.lock.file
      : config.requirements !== undefined
        ? target.requirementsFiles.join(', ')
        : 'the dependency list below';
  const deps: Instruction[] = [
    ...comment(
      depsCommands.length > 0
        ? `deps: the third-party dependencies, installed into ${VENV} and byte-compiled. Rebuilt when ${depsSource} changes, never by a source change.`
        : `deps: the venv at ${VENV}; ${install.kind === 'build' && install.withDependencies !== undefined ? 'the dependencies are installed with the project (only its backend knows them)' : 'the project has no third-party dependencies'}.`,
    ),
    { op: 'FROM', image: 'builder', name: 'deps' },
    ...depsInstructions,
    ...(depsCommands.length > 0
      ? [
          {
            op: 'RUN',
            mounts: depsMounts,
            commands: [
              ...(locked === undefined ? access.prelude : []),
              ...depsCommands,
              `${VENV}/bin/python ${COMPILE} ${VENV}/lib`,
            ],
          } as const,
        ]
      : []),
  ];

  const project = projectStage({
    target,
    venv: VENV,
    buildEnv: BUILD_ENV,
    pipCache,
    compile: COMPILE,
    appDir: workdir,
    access: { mounts: [...access.mounts, ...knownHosts], prelude: access.prelude, pip },
    inProject,
    projectDir,
  });

  // an application installs no console scripts: nothing to default the entrypoint to
  const entrypoint =
    config.entrypoint ??
    (config.command === undefined && install.kind !== 'app' && metadata.scripts.length === 1
      ? [metadata.scripts[0] as string]
      : undefined);
  // a final base without a shell runs no RUN: its user comes from a stage of the builder
  const user =
    config.shell === false && uid !== 0 ? finalUser(`\${${BASE_IMAGE_ARG}}`, finalImage, uid) : undefined;
  const final: Instruction[] = [
    ...comment(
      `image: the runtime, ${finalImage}${config.shell === false ? ' (no shell: nothing runs in this stage)' : ''}; ${uid === 0 ? 'root (user = 0)' : `the user nonroot (uid ${uid})`}, the venv, ${
        install.kind === 'build'
          ? 'the built project. Rebuilt from the first layer that changed: a source change copies the project stage again.'
          : `the project${install.kind === 'copy' ? "'s metadata" : ''}, its sources last. Rebuilt from the first layer that changed: a source change copies only the last one.`
      }`,
    ),
    { op: 'FROM', image: user?.base ?? `\${${BASE_IMAGE_ARG}}`, name: 'image' },
    ...(flavor === 'debian' && config.systemDeps.length > 0
      ? [{ op: 'ARG', name: 'DEBIAN_FRONTEND', value: 'noninteractive' } as const]
      : []),
    ...args,
    ...(config.systemDeps.length > 0 ? [installPackages(flavor, config.systemDeps)] : []),
    ...(user?.copy ?? (uid !== 0 ? [createUser(flavor, uid)] : [])),
    { op: 'COPY', from: 'deps', link: true, sources: [VENV], dest: VENV },
    ...project.staged,
    { op: 'WORKDIR', path: workdir },
    ...copyInstructions(config.copyFiles),
    ...addInstructions(config.addFiles),
    ...project.sources,
    {
      op: 'ENV',
      pairs: [
        {
          key: 'PATH',
          value: [
            { kind: 'text', text: `${VENV}/bin:` },
            { kind: 'arg', name: 'PATH' },
          ],
        },
        { key: 'VIRTUAL_ENV', value: text(VENV) },
        { key: 'PYTHONUNBUFFERED', value: text('1') },
        { key: 'PYTHONDONTWRITEBYTECODE', value: text('1') },
        ...config.env.map((e) => ({ key: e.key, value: e.template })),
      ],
    },
    ...(labels.length > 0 ? [{ op: 'LABEL', pairs: labels } as const] : []),
    ...runtime(config),
    { op: 'USER', user: `${uid}:${uid}` },
    ...(entrypoint !== undefined ? [{ op: 'ENTRYPOINT', args: entrypoint } as const] : []),
    ...(config.command !== undefined
      ? [{ op: 'CMD', args: config.command } as const]
      : entrypoint !== undefined
        ? [{ op: 'CMD', args: [] } as const]
        : []),
  ];

  const secrets = [...access.secrets];
  for (const s of locked?.secrets ?? []) if (!secrets.some((t) => t.id === s.id)) secrets.push(s);
  const needs = [
    ...secrets.map((s) => `--secret id=${s.id}`),
    ...(ssh ? [`--secret id=${KNOWN_HOSTS_SECRET} (known_hosts)`, '--ssh default'] : []),
  ];
  const header = [
    `Generated by microb from ${pyprojectName}, target "${config.name}". Do not edit: change the pyproject.`,
    ...(needs.length > 0 ? [`Build with: ${needs.join(' ')}`] : []),
  ];
  return {
    dockerfile: {
      header,
      preamble,
      ...(options.syntax !== undefined && { syntax: options.syntax }),
      stages: [
        user?.baseStage ?? [],
        builder,
        deps,
        project.stage,
        project.sourcesStage,
        user?.userStage ?? [],
        final,
      ]
        .filter((instructions) => instructions.length > 0)
        .map((instructions) => ({ instructions })),
    },
    secrets,
    ssh,
    ...(ssh && { knownHostsSecretId: KNOWN_HOSTS_SECRET }),
    labels,
    dependencies: dependencyList(target),
    buildArgsUsed,
    // only the mounts some RUN uses: a cache exporter carries exactly these
    cacheMounts: [
      PIP_CACHE,
      ...(buildDeps.length > 0 || config.systemDeps.length > 0 || ssh || target.needsGit
        ? packageCacheMounts(flavor)
        : []),
    ],
    builderImage,
    finalImage,
    ...(compiled !== undefined &&
      addedBuildDeps.length > 0 && {
        addedBuildDeps: { backend: compiled.backend, packages: addedBuildDeps },
      }),
  };
}

/** EXPOSE, HEALTHCHECK and STOPSIGNAL of the final image, when the target sets them. */
function runtime(config: ResolvedTarget['config']): Instruction[] {
  const check = config.healthcheck;
  const options = check
    ? (
        [
          ['interval', check.interval],
          ['timeout', check.timeout],
          ['start-period', check.startPeriod],
          ['retries', check.retries?.toString()],
        ] as const
      ).flatMap(([k, v]) => (v === undefined ? [] : [[k, v] as const]))
    : [];
  return [
    ...(config.expose?.length ? [{ op: 'EXPOSE', ports: config.expose } as const] : []),
    ...(check ? [{ op: 'HEALTHCHECK', options, args: check.cmd } as const] : []),
    ...(config.stopsignal !== undefined ? [{ op: 'STOPSIGNAL', signal: config.stopsignal } as const] : []),
  ];
}

function normalizeDir(dir: string): string {
  const trimmed = dir.replace(/\\/g, '/').replace(/\/+$/, '').replace(/^\.\//, '');
  return trimmed === '' ? '.' : trimmed;
}
