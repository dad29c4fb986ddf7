/**
 * The one description of `[tool.microb]`: every key with its type, constraints, description and
 * examples. The validator (checkShape.ts) enforces exactly these constraints with located errors,
 * and the JSON Schema (jsonSchema.ts → schema/microb.schema.json) is generated from them, so the
 * two cannot drift. Checks that need more than the table itself (a file exists, an extra or a
 * group is defined, `extends` names another target) are listed in `beyondSchema` and done after.
 */
import { unavailablePython } from './pythonVersion.js';
import { MAX_TARGETS } from '../pyproject/limits.js';
import { LINE_UNSAFE_CLASS } from '../model/text.js';

export interface Problem {
  readonly problem: string;
  readonly hint: string;
}

export interface Pattern {
  readonly regex: RegExp;
  problem(value: string): string;
  hint(value: string): string;
}

export interface StringShape {
  readonly kind: 'string';
  readonly pattern?: Pattern;
  /** The only values allowed (`enum` in the schema: editors complete them). */
  readonly oneOf?: {
    readonly values: readonly string[];
    problem(value: string): string;
    readonly hint: string;
  };
  /** Values refused (`not: {enum}`). */
  readonly noneOf?: {
    readonly values: readonly string[];
    problem(value: string): string;
    readonly hint: string;
  };
  /** A number where a string is expected gets this message (same verdict: refused). */
  numberProblem?(value: number): Problem;
}
export interface IntegerShape {
  readonly kind: 'integer';
  readonly minimum: number;
  readonly maximum: number;
  readonly hint: string;
}
export interface BooleanShape {
  readonly kind: 'boolean';
}
/** A string array whose pattern depends on the target's flavor (apt or apk package names). */
export interface PackagesShape {
  readonly kind: 'packages';
}
/** A table of string (or number/boolean) values with `${NAME}` templates: env and labels. */
export interface TemplatesShape {
  readonly kind: 'templates';
  readonly keyPattern: RegExp;
  readonly what: string;
}
/** `expose` items: a port number, or "PORT", "PORT/tcp", "PORT/udp". */
export interface PortShape {
  readonly kind: 'port';
}
/** A path, or `false` to opt out (`true` is refused with its own message). */
export interface PathOrFalseShape {
  readonly kind: 'pathOrFalse';
  readonly string: StringShape;
  readonly trueProblem: Problem;
}
export interface ArrayShape {
  readonly kind: 'array';
  readonly items: StringShape | PortShape | RecordShape;
  readonly minItems?: { readonly count: number; readonly hint: string };
  /** For arrays of tables: the example in the type error. */
  readonly example?: string;
  /** At most one item sets `key = true`. */
  readonly atMostOne?: { readonly key: string } & Problem;
}

export type RecordRule =
  /** Not both keys; the error points at `at`. */
  | ({ readonly kind: 'exclusive'; readonly keys: readonly [string, string]; readonly at: string } & Problem)
  /** When any of `ifAny` is set, one of `anyOf` must be too. */
  | ({
      readonly kind: 'needs';
      readonly ifAny: readonly string[];
      readonly anyOf: readonly string[];
    } & Problem)
  /** When `when` has the value `equals`, `key` must be unset or empty; the error points at `key`. */
  | ({
      readonly kind: 'emptyWhen';
      readonly key: string;
      readonly when: string;
      readonly equals: boolean;
    } & Problem)
  /** When `present` is set, `key` must match `regex`; the error points at `present`. */
  | ({
      readonly kind: 'when';
      readonly present: string;
      readonly key: string;
      readonly regex: RegExp;
    } & Problem);

export interface RecordShape {
  readonly kind: 'record';
  readonly title: string;
  /** After "unknown key `x`", e.g. ` in an index`; `{name}` is the target's name. */
  readonly unknownIn: string;
  /** The word before the list of keys in the hint: `known keys` or `allowed`. */
  readonly keyList: string;
  readonly keys: Readonly<Record<string, KeySpec>>;
  readonly required?: readonly ({ readonly key: string } & Problem)[];
  readonly rules?: readonly RecordRule[];
  readonly example: string;
}

export type Shape =
  | StringShape
  | IntegerShape
  | BooleanShape
  | PackagesShape
  | TemplatesShape
  | PortShape
  | PathOrFalseShape
  | ArrayShape
  | RecordShape;

export interface KeySpec {
  readonly shape: Shape;
  readonly description: string;
  readonly examples?: readonly unknown[];
  readonly default?: unknown;
  /** What microb checks beyond the schema (needs other files, sections or targets). */
  readonly beyondSchema?: string;
}

/**
 * Longest string in `[tool.microb]`, in code points: JSON Schema's `maxLength` counts them, and
 * 15,000 of at most 4 UTF-8 bytes each stays within the 60,000 bytes one Dockerfile line holds.
 */
export const MAX_STRING = 15_000;

export const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PYTHON_VERSION = /^3(\.(0|[1-9]\d?)){0,2}$/;
// Debian: name[:arch][=version]; Alpine: name[<>=~version]. Anything else is refused, not escaped.
export const APT_PACKAGE = /^[a-z0-9][a-z0-9+.-]+(:[a-z0-9-]+)?(=[A-Za-z0-9.+~:-]+)?$/;
export const APK_PACKAGE = /^[a-zA-Z0-9][a-zA-Z0-9+._-]*([<>=~]{1,2}[A-Za-z0-9._+-]+)?$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const STAGE_OR_IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
/** An image reference: [registry[:port]/]name[:tag][@digest]; lowercase repository, no spaces. */
const IMAGE =
  /^[a-z0-9][a-z0-9._-]*(:[0-9]+)?(\/[a-z0-9][a-z0-9._-]*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$/;
const CHECKSUM = /^sha(256:[0-9a-f]{64}|384:[0-9a-f]{96}|512:[0-9a-f]{128})$/;
/** No character a Dockerfile line can't carry (model/text.ts): what the quoting would refuse. */
export const NO_CONTROL = new RegExp(`^[^${LINE_UNSAFE_CLASS}]*$`);
const NON_EMPTY_PATH = new RegExp(`^[^${LINE_UNSAFE_CLASS}]+$`);
const HTTP_URL = /^[Hh][Tt][Tt][Pp][Ss]?:\/\/[^/?#\s]+/;
const SECRET_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Go durations as Docker reads them: `30s`, `1m30s`, `500ms`, `1.5s`. */
const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
const SIGNAL = /^(SIG[A-Z][A-Z0-9]*(\+[0-9]{1,2})?|[1-9]|[1-5][0-9]|6[0-4])$/;
const ABSOLUTE_DIR = /^\/[A-Za-z0-9._@+/-]*$/;
/** The stages of the generated Dockerfile: a base image by one of these names would be a stage. */
export const STAGE_NAMES = ['builder', 'deps', 'project', 'image'] as const;
export const DEFAULT_UID = 65532;
const MAX_UID = 2_147_483_646;

const pattern = (regex: RegExp, problem: (v: string) => string, hint: string | ((v: string) => string)) => ({
  regex,
  problem,
  hint: typeof hint === 'string' ? () => hint : hint,
});
const str = (p?: Pattern): StringShape => ({ kind: 'string', ...(p && { pattern: p }) });
const strings = (items: StringShape = str()): ArrayShape => ({ kind: 'array', items });
const filePath = str(
  pattern(
    NON_EMPTY_PATH,
    (v) => `invalid path ${JSON.stringify(v)}`,
    'a non-empty path without control characters',
  ),
);
const image = (key: string): StringShape => ({
  kind: 'string',
  pattern: pattern(
    IMAGE,
    (v) => `invalid image reference ${JSON.stringify(v)}`,
    `e.g. ${key} = "registry.example.com/python:3.12-slim" or "python:3.12-slim@sha256:<64 hex digits>"`,
  ),
  noneOf: {
    values: STAGE_NAMES,
    problem: (v) => `"${v}" is the name of a stage of the generated Dockerfile`,
    hint: 'name the image with its registry or tag, e.g. "docker.io/library/builder:1"',
  },
});

const copyEntry = (withFrom: boolean): RecordShape => ({
  kind: 'record',
  title: 'Copy',
  unknownIn: '',
  keyList: 'allowed',
  keys: {
    src: { shape: filePath, description: 'Path relative to the build context.' },
    dst: {
      shape: filePath,
      description: 'Path in the image; relative paths are relative to the working directory.',
    },
    ...(withFrom && {
      from: {
        shape: str(
          pattern(
            STAGE_OR_IMAGE,
            (v) => `invalid \`from\` ${JSON.stringify(v)}`,
            'a stage, build context or image name, e.g. "alpine:3.19"',
          ),
        ),
        description: 'A stage, build context or image to copy from (`COPY --from=`).',
      },
    }),
  },
  required: ['src', 'dst'].map((key) => ({
    key,
    problem: `missing \`${key}\``,
    hint: '{ src = "path/in/context", dst = "/path/in/image" }',
  })),
  example: '{ src = "config.yaml", dst = "/app/config.yaml" }',
});

const addEntry: RecordShape = {
  kind: 'record',
  title: 'Add',
  unknownIn: '',
  keyList: 'allowed',
  keys: {
    src: {
      shape: filePath,
      description: 'A path relative to the build context, or an http(s) URL.',
      beyondSchema: 'a URL must not contain credentials',
    },
    dst: { shape: filePath, description: 'Path in the image.' },
    checksum: {
      shape: str(
        pattern(CHECKSUM, (v) => `invalid checksum ${JSON.stringify(v)}`, 'use "sha256:<64 hex digits>"'),
      ),
      description: 'For http(s) sources: the checksum BuildKit verifies (`ADD --checksum=`).',
      examples: [`sha256:${'0'.repeat(64)}`],
    },
  },
  required: ['src', 'dst'].map((key) => ({
    key,
    problem: `missing \`${key}\``,
    hint: '{ src = "path/in/context", dst = "/path/in/image" }',
  })),
  rules: [
    {
      kind: 'when',
      present: 'checksum',
      key: 'src',
      regex: /^https?:\/\//,
      problem: '`checksum` only applies to http(s) sources',
      hint: 'BuildKit verifies checksums of downloaded files; remove it for local files',
    },
  ],
  example: '{ src = "https://…/file", dst = "/app/file", checksum = "sha256:…" }',
};

const secretId = (key: string): KeySpec => ({
  shape: str(
    pattern(SECRET_ID, (v) => `invalid secret id ${JSON.stringify(v)}`, 'letters, digits, "_", "-" and "."'),
  ),
  description: `The id of a build secret holding the ${key} (\`--secret id=…\`): the value stays out of the repository.`,
});

const indexEntry: RecordShape = {
  kind: 'record',
  title: 'Index',
  unknownIn: ' in an index',
  keyList: 'allowed',
  keys: {
    url: {
      shape: str(
        pattern(
          HTTP_URL,
          (v) =>
            /^[A-Za-z][A-Za-z0-9+.-]*:/.test(v) && !/^[A-Za-z0-9.-]+:\d/.test(v)
              ? `unsupported index url scheme "${v.slice(0, v.indexOf(':') + 1)}"`
              : `invalid index url ${JSON.stringify(v)}`,
          'an absolute http(s) URL, e.g. "https://pypi.example.com/simple" (http:// with trust = true)',
        ),
      ),
      description: 'The index URL (PEP 503 simple API), without credentials.',
      examples: ['https://pypi.example.com/simple'],
      beyondSchema: 'parsed as a URL; must not contain credentials',
    },
    username: { shape: str(), description: 'A user name (or a single token) written in the pyproject.' },
    password: { shape: str(), description: 'A password written in the pyproject (prefer password_secret).' },
    username_secret: secretId('user name'),
    password_secret: secretId('password'),
    trust: { shape: { kind: 'boolean' }, description: 'Add the host to `--trusted-host`.', default: false },
    primary: {
      shape: { kind: 'boolean' },
      description: 'Use this index instead of PyPI (`--index-url`).',
      default: false,
    },
  },
  required: [
    {
      key: 'url',
      problem: 'an index needs a `url`',
      hint: 'indices = [{ url = "https://pypi.example.com/simple" }]',
    },
  ],
  rules: [
    {
      kind: 'exclusive',
      keys: ['username', 'username_secret'],
      at: 'username_secret',
      problem: 'both `username` and `username_secret` are set',
      hint: 'keep `username_secret`: the value stays out of the pyproject',
    },
    {
      kind: 'exclusive',
      keys: ['password', 'password_secret'],
      at: 'password_secret',
      problem: 'both `password` and `password_secret` are set',
      hint: 'keep `password_secret`: the value stays out of the pyproject',
    },
    {
      kind: 'needs',
      ifAny: ['password', 'password_secret'],
      anyOf: ['username', 'username_secret'],
      problem: 'a password without a username',
      hint: 'set `username` (or `username_secret`); a single token goes in the username',
    },
  ],
  example: 'indices = [{ url = "https://…/simple" }]',
};

const healthcheck: RecordShape = {
  kind: 'record',
  title: 'Healthcheck',
  unknownIn: ' in healthcheck',
  keyList: 'allowed',
  keys: {
    cmd: {
      shape: {
        kind: 'array',
        items: str(),
        minItems: { count: 1, hint: 'cmd = ["python", "-c", "import app"]' },
      },
      description: 'The check, exec form (no shell): exit 0 = healthy.',
      examples: [['python', '-c', "import urllib.request; urllib.request.urlopen('http://localhost:8000/')"]],
    },
    ...Object.fromEntries(
      (['interval', 'timeout', 'start_period'] as const).map((key) => [
        key,
        {
          shape: str(
            pattern(
              DURATION,
              (v) => `invalid duration ${JSON.stringify(v)}`,
              `a duration such as "30s", "1m30s" or "500ms"`,
            ),
          ),
          description: `\`HEALTHCHECK --${key.replace('_', '-')}\`.`,
          examples: [key === 'start_period' ? '10s' : '30s'],
        } satisfies KeySpec,
      ]),
    ),
    retries: {
      shape: { kind: 'integer', minimum: 1, maximum: 1000, hint: 'retries = 3' },
      description: 'Consecutive failures before the container is unhealthy.',
      examples: [3],
    },
  },
  required: [
    {
      key: 'cmd',
      problem: 'a healthcheck needs a `cmd`',
      hint: 'healthcheck = { cmd = ["python", "-c", "import app"] }',
    },
  ],
  example: 'healthcheck = { cmd = ["python", "-c", "import app"], interval = "30s" }',
};

const TARGET_KEY_SPECS: Record<string, KeySpec> = {
  api_version: {
    shape: {
      kind: 'string',
      oneOf: {
        values: ['v1'],
        problem: (v) => `unsupported api_version "${v}"`,
        hint: 'the only api_version is "v1"',
      },
    },
    description: 'Schema version; only v1 exists.',
    default: 'v1',
  },
  extends: {
    shape: str(
      pattern(
        TARGET_NAME,
        (v) => `invalid target name ${JSON.stringify(v)}`,
        'the name of another target, e.g. extends = "default"',
      ),
    ),
    description:
      "Inherit another target's keys; keys set here replace the inherited ones (whole values, tables included).",
    examples: ['default'],
    beyondSchema: 'the target exists; no cycle',
  },
  python_version: {
    shape: {
      kind: 'string',
      pattern: pattern(
        PYTHON_VERSION,
        (v) => {
          const unavailable = /freethreaded|^3\.\d+(\.\d+)?t$/.test(v) ? unavailablePython(v) : undefined;
          return unavailable ? unavailable.problem : `invalid python_version ${JSON.stringify(v)}`;
        },
        (v) => {
          const unavailable = /freethreaded|^3\.\d+(\.\d+)?t$/.test(v) ? unavailablePython(v) : undefined;
          return unavailable ? unavailable.hint : 'use "3", "3.11" or "3.11.4"';
        },
      ),
      numberProblem: (n) => ({
        problem: 'python_version must be a string',
        hint: `quote it: python_version = "${String(n)}" (3.10 written as a number is 3.1)`,
      }),
    },
    description: 'The CPython of the base images. Default: .python-version, then requires-python.',
    examples: ['3.12', '3.11.4'],
  },
  flavor: {
    shape: {
      kind: 'string',
      oneOf: {
        values: ['debian', 'alpine'],
        problem: (v) => `unknown flavor "${v}"`,
        hint: 'use "debian" (default) or "alpine"',
      },
    },
    description: 'debian: builder python:X.Y, final python:X.Y-slim, apt; alpine: python:X.Y-alpine, apk.',
    default: 'debian',
  },
  base_image: {
    shape: image('base_image'),
    description:
      "The final image's base instead of the official python image (a mirror, a pinned digest, an internal base). Written as `ARG BASE_IMAGE=…` before the first FROM: `--build-arg BASE_IMAGE=…` swaps it too.",
    examples: ['registry.example.com/python:3.12-slim'],
  },
  builder_image: {
    shape: image('builder_image'),
    description:
      "The builder's base instead of the official python image. Written as `ARG BUILDER_IMAGE=…` before the first FROM.",
    examples: ['registry.example.com/python:3.12'],
  },
  build_deps: {
    shape: { kind: 'packages' },
    description: 'apt/apk packages for the builder only.',
    default: [],
  },
  system_deps: {
    shape: { kind: 'packages' },
    description: 'apt/apk packages for the final image (runtime libraries).',
    default: [],
  },
  env: {
    shape: { kind: 'templates', keyPattern: ENV_KEY, what: 'environment variable name, e.g. APP_MODE' },
    description:
      'Environment of the builder and the final image; `${NAME}` / `${NAME:-default}` read build args.',
    examples: [{ APP_MODE: 'production' }],
  },
  environment: {
    shape: { kind: 'templates', keyPattern: ENV_KEY, what: 'environment variable name, e.g. APP_MODE' },
    description: 'Another name for `env`.',
  },
  indices: {
    shape: {
      kind: 'array',
      items: indexEntry,
      example: 'indices = [{ url = "https://…/simple" }]',
      atMostOne: {
        key: 'primary',
        problem: 'more than one index has `primary = true`',
        hint: 'only one index can replace PyPI; add the others as extra indices',
      },
    },
    description: 'Package indexes to install from.',
    beyondSchema: 'at most one index has `primary = true`',
  },
  labels: {
    shape: { kind: 'templates', keyPattern: LABEL_KEY, what: 'label key, e.g. "com.example.team"' },
    description: 'Labels of the final image; they override generated ones.',
    examples: [{ 'org.opencontainers.image.vendor': 'Example' }],
  },
  entrypoint: { shape: strings(), description: '`ENTRYPOINT`, exec form.', examples: [['app']] },
  command: { shape: strings(), description: '`CMD`, exec form.', examples: [['--port', '8000']] },
  copy_files: {
    shape: {
      kind: 'array',
      items: copyEntry(true),
      example: '[{ src = "config.yaml", dst = "/app/config.yaml" }]',
    },
    description: '`COPY` into the final image.',
  },
  add_files: {
    shape: {
      kind: 'array',
      items: addEntry,
      example: '[{ src = "https://…/file", dst = "/app/file", checksum = "sha256:…" }]',
    },
    description: '`ADD` into the final image.',
  },
  copy_files_before_build: {
    shape: {
      kind: 'array',
      items: copyEntry(true),
      example: '[{ src = "config.yaml", dst = "/app/config.yaml" }]',
    },
    description: '`COPY` into the builder before dependencies are installed.',
  },
  add_files_before_build: {
    shape: {
      kind: 'array',
      items: addEntry,
      example: '[{ src = "https://…/file", dst = "/app/file", checksum = "sha256:…" }]',
    },
    description: '`ADD` into the builder before dependencies are installed.',
  },
  requirements: {
    shape: str(),
    description:
      'A requirements file (relative to the pyproject) installed instead of [project.dependencies].',
    examples: ['requirements.txt'],
    beyondSchema: 'a relative path inside the project to an existing requirements (not lock) file',
  },
  extras: {
    shape: strings(),
    description: 'Optional-dependency groups whose dependencies are added.',
    beyondSchema: 'each extra is defined by the project',
  },
  install_project: {
    shape: { kind: 'boolean' },
    description:
      'false: an application (dependencies installed, sources copied, no backend); true: a package.',
  },
  lock: {
    shape: {
      kind: 'pathOrFalse',
      string: str(),
      trueProblem: {
        problem: '`lock = true` is not a choice',
        hint: 'lock files beside the pyproject are used anyway; name one with lock = "uv.lock", or opt out with lock = false',
      },
    },
    description:
      "The lock file to install from, or false for the pyproject's ranges. Default: the lock beside the pyproject.",
    examples: ['uv.lock', false],
    beyondSchema: 'a relative path inside the project to a lock file that is up to date',
  },
  groups: {
    shape: strings(),
    description: 'Dependency groups to install (PEP 735, Poetry, pdm), e.g. ["dev"].',
    examples: [['dev']],
    beyondSchema: 'each group is defined by the project',
  },
  expose: {
    shape: { kind: 'array', items: { kind: 'port' } },
    description: '`EXPOSE`: ports the app listens on, 1–65535, optionally "/tcp" or "/udp".',
    examples: [[8000, '53/udp']],
  },
  healthcheck: { shape: healthcheck, description: '`HEALTHCHECK` of the final image.' },
  workdir: {
    shape: str(
      pattern(
        ABSOLUTE_DIR,
        (v) => `invalid workdir ${JSON.stringify(v)}`,
        'an absolute path of letters, digits and "._@+/-", e.g. "/srv/app"',
      ),
    ),
    description: "The final image's working directory; an application's sources are copied there.",
    default: '/app',
  },
  user: {
    shape: {
      kind: 'integer',
      minimum: 0,
      maximum: MAX_UID,
      hint: `user = 1000 (0 is root: write it only if you mean it)`,
    },
    description: `The uid (and gid) the image runs as; a user of that uid is created. 0 runs as root.`,
    default: DEFAULT_UID,
  },
  shell: {
    shape: { kind: 'boolean' },
    description:
      'false: the final base image has no shell (distroless-style): the final stage runs no RUN, its user is written by a builder stage.',
    default: true,
  },
  stopsignal: {
    shape: str(
      pattern(
        SIGNAL,
        (v) => `invalid stopsignal ${JSON.stringify(v)}`,
        'a signal name such as "SIGINT" or "SIGRTMIN+3"',
      ),
    ),
    description: '`STOPSIGNAL`: what `docker stop` sends.',
    examples: ['SIGINT'],
  },
};

export const TARGET: RecordShape = {
  kind: 'record',
  title: 'Target',
  unknownIn: ' in target "{name}"',
  keyList: 'known keys',
  keys: TARGET_KEY_SPECS,
  rules: [
    {
      kind: 'emptyWhen',
      key: 'system_deps',
      when: 'shell',
      equals: false,
      problem: '`system_deps` needs a shell in the final image, and `shell = false` says its base has none',
      hint: 'install those libraries into the base image itself, or copy them in with copy_files (from = "a-stage-or-image")',
    },
    {
      kind: 'exclusive',
      keys: ['env', 'environment'],
      at: 'environment',
      problem: 'both `env` and `environment` are set',
      hint: '`environment` is another name for `env`: keep one',
    },
    {
      kind: 'exclusive',
      keys: ['requirements', 'extras'],
      at: 'extras',
      problem: '`extras` cannot be combined with `requirements`',
      hint: 'a requirements/lock file already lists every dependency: export it with the extras you need',
    },
    {
      kind: 'exclusive',
      keys: ['requirements', 'lock'],
      at: 'lock',
      problem: '`lock` cannot be combined with `requirements`',
      hint: 'keep one: the lock, or the requirements file',
    },
    {
      kind: 'exclusive',
      keys: ['requirements', 'groups'],
      at: 'groups',
      problem: '`groups` cannot be combined with `requirements`',
      hint: 'a requirements file already lists every dependency',
    },
  ],
  example: '[tool.microb.target.default]',
};

export const TARGET_KEYS: readonly string[] = Object.keys(TARGET_KEY_SPECS);

/** `[tool.microb]` itself: only `target`, a table of at most MAX_TARGETS named targets. */
export const MICROB_TABLE = {
  description: 'microb: compile this project into a multi-stage Dockerfile, one image per target.',
  targetName: TARGET_NAME,
  maxTargets: MAX_TARGETS,
} as const;
