import { parseArgs } from 'node:util';

/** A command line the CLI can't take: exit code 2 and the usage text. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `usage: microb <command> [options]

commands:
  dockerfile  print the generated Dockerfile
  targets     print the target names as a JSON array, in file order
  check       validate every target
  build       generate the Dockerfile and run docker buildx build

options:
  -f, --file PATH          the pyproject (default: ./pyproject.toml)
  -t, --target NAME        the target (default: "default", else the first one)
      --build-arg K=V      a build arg (repeatable)
      --syntax IMAGE       add a "# syntax=IMAGE" line (default: none)
build only:
      --tag T              image tag (repeatable)
      --secret SPEC        id=ID,env=VAR or id=ID,src=FILE (repeatable)
      --ssh SPEC           e.g. default (repeatable)
      --platform P         e.g. linux/arm64 (repeatable or comma-separated)
      --context DIR        build context (default: the pyproject's directory)
      --network MODE       RUN network mode, e.g. host
      --load | --push      load into the local image store / push to the registry
`;

export interface CliOptions {
  readonly command: 'dockerfile' | 'targets' | 'check' | 'build' | 'help';
  readonly file: string;
  readonly target?: string;
  readonly buildArgs: Record<string, string>;
  readonly syntax?: string;
  readonly tags: string[];
  readonly secrets: string[];
  readonly ssh: string[];
  readonly platforms: string[];
  readonly context?: string;
  readonly network?: string;
  readonly load: boolean;
  readonly push: boolean;
}

const COMMANDS = ['dockerfile', 'targets', 'check', 'build', 'help'] as const;
const BUILD_ONLY = ['tag', 'secret', 'ssh', 'platform', 'context', 'network', 'load', 'push'] as const;

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
        secret: { type: 'string', multiple: true },
        ssh: { type: 'string', multiple: true },
        platform: { type: 'string', multiple: true },
        context: { type: 'string' },
        network: { type: 'string' },
        load: { type: 'boolean' },
        push: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // node's message goes on about positionals after `--`; its first sentence is the point
    throw new UsageError(((error as Error).message.split('. ')[0] ?? '').replace(/\.$/, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return { ...defaults(), command: 'help' };
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('missing command');
  if (!(COMMANDS as readonly string[]).includes(command))
    throw new UsageError(`unknown command "${command}"`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (command !== 'build') {
    const misplaced = BUILD_ONLY.find((name) => values[name] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} only applies to "microb build"`);
  }
  if (command === 'targets' || command === 'check') {
    if (values.target !== undefined) throw new UsageError(`--target does not apply to "microb ${command}"`);
  }
  if (values.load && values.push) throw new UsageError('--load and --push are exclusive');
  const buildArgs: Record<string, string> = {};
  for (const pair of values['build-arg'] ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--build-arg expects KEY=VALUE, got "${pair}"`);
    // defineProperty: `buildArgs["__proto__"] = v` would set the prototype and drop the entry
    Object.defineProperty(buildArgs, pair.slice(0, eq), {
      value: pair.slice(eq + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return {
    command: command as CliOptions['command'],
    file: values.file ?? 'pyproject.toml',
    ...(values.target !== undefined && { target: values.target }),
    buildArgs,
    ...(values.syntax !== undefined && { syntax: values.syntax }),
    tags: values.tag ?? [],
    secrets: values.secret ?? [],
    ssh: values.ssh ?? [],
    platforms: (values.platform ?? [])
      .flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter(Boolean),
    ...(values.context !== undefined && { context: values.context }),
    ...(values.network !== undefined && { network: values.network }),
    load: values.load ?? false,
    push: values.push ?? false,
  };
}

function defaults(): Omit<CliOptions, 'command'> {
  return {
    file: 'pyproject.toml',
    buildArgs: {},
    tags: [],
    secrets: [],
    ssh: [],
    platforms: [],
    load: false,
    push: false,
  };
}
