import { parseArgs } from 'node:util';

/** A command line the CLI can't take: exit code 2 and one line pointing at the help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose help the message points at; none = the general usage. */
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

const COMMON_OPTIONS = `  -f, --file PATH          the pyproject (default: ./pyproject.toml)
  -h, --help               this help`;

const TARGET_OPTIONS = `  -t, --target NAME        the target (default: "default", else the first one)
      --build-arg K=V      a build arg (repeatable)
      --syntax IMAGE       add a "# syntax=IMAGE" line (default: none)`;

const BUILD_OPTIONS = `      --tag T              image tag (repeatable)
      --label K=V          image label, overrides the Dockerfile's (repeatable)
      --secret SPEC        id=ID,env=VAR or id=ID,src=FILE (repeatable)
      --ssh SPEC           e.g. default (repeatable)
      --platform P         e.g. linux/arm64 (repeatable or comma-separated)
      --context DIR        build context (default: the pyproject's directory)
      --network MODE       RUN network mode, e.g. host
      --builder NAME       the buildx builder (default: buildx's current one)
      --cache-from SPEC    e.g. type=registry,ref=IMAGE:cache (repeatable)
      --cache-to SPEC      e.g. type=local,dest=DIR,mode=max (repeatable)
      --provenance VALUE   e.g. false or mode=max (default: buildx's)
      --sbom VALUE         e.g. true (default: buildx's)
      --output SPEC        e.g. type=oci,dest=image.tar (repeatable)
      --load | --push      load into the local image store / push to the registry
      --progress MODE      auto (default: tty on a terminal, else plain), plain or tty
      --print              print the docker buildx command (shell-quoted) and stop`;

/** Per-command help: what `microb help CMD` and `microb CMD --help` print. */
export const COMMAND_HELP = {
  dockerfile: `usage: microb dockerfile [options]

Print the Dockerfile generated for one target.

options:
${COMMON_OPTIONS}
${TARGET_OPTIONS}
`,
  targets: `usage: microb targets [options]

Print the target names as a JSON array, in file order.

options:
${COMMON_OPTIONS}
`,
  check: `usage: microb check [options]

Validate every target; exit 1 with file:line:col errors for each broken one.

options:
${COMMON_OPTIONS}
`,
  build: `usage: microb build [options]

Generate the Dockerfile (.microb/<target>.Dockerfile) and run docker buildx build with the
same argv as the action. The log goes to stderr; stdout gets the digest (or image id).

options:
${COMMON_OPTIONS}
${TARGET_OPTIONS}
${BUILD_OPTIONS}
`,
  help: `usage: microb help [COMMAND]

Print the usage, or one command's help.
`,
} as const;

export type Command = keyof typeof COMMAND_HELP;

export const USAGE = `usage: microb <command> [options]

commands:
  dockerfile  print the generated Dockerfile
  targets     print the target names as a JSON array, in file order
  check       validate every target
  build       generate the Dockerfile and run docker buildx build
  help        print this usage, or a command's (microb help build)

options:
  -f, --file PATH          the pyproject (default: ./pyproject.toml)
  -h, --help               the usage (with a command: that command's help)
  -V, --version            print the version
`;

export interface CliOptions {
  readonly command: Command | 'version';
  /** With `help`: the command whose help to print. */
  readonly helpFor?: Command;
  readonly file: string;
  readonly target?: string;
  readonly buildArgs: Record<string, string>;
  readonly syntax?: string;
  readonly tags: string[];
  readonly labels: Record<string, string>;
  readonly secrets: string[];
  readonly ssh: string[];
  readonly platforms: string[];
  readonly context?: string;
  readonly network?: string;
  readonly builder?: string;
  readonly cacheFrom: string[];
  readonly cacheTo: string[];
  readonly provenance?: string;
  readonly sbom?: string;
  readonly outputs: string[];
  readonly load: boolean;
  readonly push: boolean;
  readonly print: boolean;
  readonly progress: ProgressMode;
}

/** buildx's progress output; `auto`: its live view when stderr is a terminal, else the plain log. */
export type ProgressMode = 'auto' | 'plain' | 'tty';
const PROGRESS_MODES: readonly string[] = ['auto', 'plain', 'tty'];

const COMMANDS = Object.keys(COMMAND_HELP) as Command[];
const isCommand = (word: string): word is Command => (COMMANDS as string[]).includes(word);
const BUILD_ONLY = [
  'tag',
  'label',
  'secret',
  'ssh',
  'platform',
  'context',
  'network',
  'builder',
  'cache-from',
  'cache-to',
  'provenance',
  'sbom',
  'output',
  'load',
  'push',
  'print',
  'progress',
] as const;
const TARGET_ONLY = ['target', 'build-arg', 'syntax'] as const;

/** `K=V` pairs into a map with no prototype surprises (`__proto__=x` is a key like any other). */
function keyValues(flag: string, pairs: readonly string[], command: Command): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${flag} expects KEY=VALUE, got "${pair}"`, command);
    // defineProperty: `out["__proto__"] = v` would set the prototype and drop the entry
    Object.defineProperty(out, pair.slice(0, eq), {
      value: pair.slice(eq + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        file: { type: 'string', short: 'f' },
        target: { type: 'string', short: 't' },
        'build-arg': { type: 'string', multiple: true },
        syntax: { type: 'string' },
        tag: { type: 'string', multiple: true },
        label: { type: 'string', multiple: true },
        secret: { type: 'string', multiple: true },
        ssh: { type: 'string', multiple: true },
        platform: { type: 'string', multiple: true },
        context: { type: 'string' },
        network: { type: 'string' },
        builder: { type: 'string' },
        'cache-from': { type: 'string', multiple: true },
        'cache-to': { type: 'string', multiple: true },
        provenance: { type: 'string' },
        sbom: { type: 'string' },
        output: { type: 'string', multiple: true },
        load: { type: 'boolean' },
        push: { type: 'boolean' },
        print: { type: 'boolean' },
        progress: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (error) {
    // node's message goes on about positionals after `--`; its first sentence is the point
    const first = argv.find((a) => isCommand(a));
    throw new UsageError(((error as Error).message.split('. ')[0] ?? '').replace(/\.$/, ''), first);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) return { ...defaults(), command: 'version' };
  if (command !== undefined && !isCommand(command)) throw new UsageError(`unknown command "${command}"`);
  if (values.help) {
    return command === undefined || command === 'help'
      ? { ...defaults(), command: 'help' }
      : { ...defaults(), command: 'help', helpFor: command };
  }
  if (command === undefined) throw new UsageError('missing command');
  if (command === 'help') {
    if (rest.length > 1) throw new UsageError(`unexpected argument "${rest[1]}"`, 'help');
    const about = rest[0];
    if (about === undefined) return { ...defaults(), command: 'help' };
    if (!isCommand(about)) throw new UsageError(`unknown command "${about}"`, 'help');
    return { ...defaults(), command: 'help', helpFor: about };
  }
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`, command);
  if (command !== 'build') {
    const misplaced = BUILD_ONLY.find((name) => values[name] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} only applies to "microb build"`, command);
  }
  if (command === 'targets' || command === 'check') {
    const misplaced = TARGET_ONLY.find((name) => values[name] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} does not apply to "microb ${command}"`, command);
  }
  if (values.load && values.push) throw new UsageError('--load and --push are exclusive', command);
  const progress = values.progress ?? 'auto';
  if (!PROGRESS_MODES.includes(progress))
    throw new UsageError(`--progress expects auto, plain or tty, got "${progress}"`, command);
  return {
    command,
    file: values.file ?? 'pyproject.toml',
    ...(values.target !== undefined && { target: values.target }),
    buildArgs: keyValues('build-arg', values['build-arg'] ?? [], command),
    ...(values.syntax !== undefined && { syntax: values.syntax }),
    tags: values.tag ?? [],
    labels: keyValues('label', values.label ?? [], command),
    secrets: values.secret ?? [],
    ssh: values.ssh ?? [],
    platforms: (values.platform ?? [])
      .flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter(Boolean),
    ...(values.context !== undefined && { context: values.context }),
    ...(values.network !== undefined && { network: values.network }),
    ...(values.builder !== undefined && { builder: values.builder }),
    cacheFrom: values['cache-from'] ?? [],
    cacheTo: values['cache-to'] ?? [],
    ...(values.provenance !== undefined && { provenance: values.provenance }),
    ...(values.sbom !== undefined && { sbom: values.sbom }),
    outputs: values.output ?? [],
    load: values.load ?? false,
    push: values.push ?? false,
    print: values.print ?? false,
    progress: progress as ProgressMode,
  };
}

function defaults(): Omit<CliOptions, 'command'> {
  return {
    file: 'pyproject.toml',
    buildArgs: {},
    tags: [],
    labels: {},
    secrets: [],
    ssh: [],
    platforms: [],
    cacheFrom: [],
    cacheTo: [],
    outputs: [],
    load: false,
    push: false,
    print: false,
    progress: 'auto',
  };
}
