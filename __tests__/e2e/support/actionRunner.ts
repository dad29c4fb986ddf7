/**
 * The GitHub runner, reduced to what it does for a JavaScript action: `node dist/main/index.js`
 * with INPUT_* (defaults from action.yml), GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY /
 * RUNNER_TEMP files, then `node dist/post/index.js` with the saved state as STATE_*.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from './paths.js';
import { run, type RunResult } from './run.js';

export const MINUTE = 60_000;
const REPO = REPO_ROOT;

export interface ActionRun {
  readonly main: RunResult;
  readonly post: RunResult;
  readonly mainMs: number;
  readonly outputs: Record<string, string>;
  readonly state: Record<string, string>;
  readonly summary: string;
  /** The workflow commands the runner would obey in main's and post's stdout/stderr. */
  readonly commands: readonly WorkflowCommand[];
  /** Everything the steps wrote where a secret must not be: logs, outputs, state, summary. */
  readonly everything: string;
}

const actionDefaults = async (): Promise<Record<string, string>> => {
  const yml = parseYaml(await readFile(path.join(REPO, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(Object.entries(yml.inputs).map(([k, v]) => [k, v.default ?? '']));
};

/** `name<<DELIM\nvalue\nDELIM` records of GITHUB_OUTPUT / GITHUB_STATE. */
function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m?.[1] || !m[2]) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? '');
    out[m[1]] = value.join('\n');
  }
  return out;
}

/** A workflow command as the runner parses it from a step's output (ActionCommand.TryParseV2/TryParse). */
export interface WorkflowCommand {
  readonly name: string;
  readonly properties: Record<string, string>;
  readonly value: string;
  /** The output line that carried it. */
  readonly line: string;
}

// the runner's registered commands (ActionCommandManager): only these are obeyed
const REGISTERED = new Set([
  'set-env',
  'set-output',
  'save-state',
  'add-path',
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
]);
const unescapeData = (s: string): string =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

function parseCommandLine(line: string): WorkflowCommand | undefined {
  // v2 (`::name k=v::value`) after the leading white space .NET's TrimStart removes
  const trimmed = line.replace(/^[\s\u0085\u180e]+/u, '');
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2);
    if (end < 0) return undefined;
    const info = trimmed.slice(2, end);
    const space = info.indexOf(' ');
    const name = space < 0 ? info : info.slice(0, space);
    if (!REGISTERED.has(name)) return undefined;
    const properties: Record<string, string> = {};
    if (space >= 0) {
      for (const pair of info.slice(space + 1).split(',')) {
        const eq = pair.indexOf('=');
        if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
      }
    }
    return { name, properties, value: unescapeData(trimmed.slice(end + 2)), line };
  }
  // v1 (`##[name k=v;]value`) anywhere in the line
  const start = line.indexOf('##[');
  if (start < 0) return undefined;
  const close = line.indexOf(']', start);
  if (close < 0) return undefined;
  const info = line.slice(start + 3, close);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!REGISTERED.has(name)) return undefined;
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
    }
  }
  return { name, properties, value: line.slice(close + 1), line };
}

/**
 * The commands the runner obeys in a step's output: lines end at CR, LF or CRLF (.NET's
 * ReadLine), and between `::stop-commands::TOKEN` and `::TOKEN::` nothing is a command.
 */
export function workflowCommands(output: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const line of output.split(/\r\n|\r|\n/)) {
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const command = parseCommandLine(line);
    if (!command) continue;
    out.push(command);
    if (command.name === 'stop-commands' && command.value !== '') stopToken = command.value;
  }
  return out;
}

/** `save-state`/`set-output` commands in output, by name (later wins, as on the runner). */
const commandValues = (commands: readonly WorkflowCommand[], name: string): Record<string, string> =>
  Object.fromEntries(
    commands.filter((c) => c.name === name && c.properties.name).map((c) => [c.properties.name, c.value]),
  );

let runnerCount = 0;
export async function runAction(
  inputs: Record<string, string>,
  opts: {
    workspace: string;
    env?: Record<string, string | undefined>;
    timeoutMs?: number;
    /** Runs between main and post (the steps of the job in between), with main's saved state. */
    betweenSteps?: (state: Record<string, string>) => Promise<void>;
  },
): Promise<ActionRun> {
  const runner = path.join(opts.workspace, `.runner-${++runnerCount}`);
  const files = {
    GITHUB_OUTPUT: path.join(runner, 'output'),
    GITHUB_STATE: path.join(runner, 'state'),
    GITHUB_STEP_SUMMARY: path.join(runner, 'summary.md'),
  };
  await mkdir(path.join(runner, 'temp'), { recursive: true });
  for (const f of Object.values(files)) await writeFile(f, '');
  const eventFile = path.join(runner, 'event.json');
  await writeFile(eventFile, '{}');
  const inputEnv = Object.fromEntries(
    Object.entries({ ...(await actionDefaults()), ...inputs }).map(([k, v]) => [
      `INPUT_${k.toUpperCase()}`,
      v,
    ]),
  );
  const clean = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith('INPUT_') || k.startsWith('STATE_') || k.startsWith('SSH_'))
      .map((k) => [k, undefined]),
  );
  const env = {
    ...clean,
    ...inputEnv,
    ...files,
    RUNNER_TEMP: path.join(runner, 'temp'),
    RUNNER_TOOL_CACHE: path.join(runner, 'tool-cache'),
    GITHUB_WORKSPACE: opts.workspace,
    // what every runner sets; the API URL is a closed port, so nothing can reach out
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'microb/e2e',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_RUN_ID: '4242',
    ...opts.env,
  };
  const started = Date.now();
  const main = await run('node', [path.join(REPO, 'dist/main/index.js')], {
    cwd: opts.workspace,
    env,
    timeoutMs: opts.timeoutMs ?? 8 * MINUTE,
  });
  const mainMs = Date.now() - started;
  // the runner obeys commands in the output as they come, the state file when the step ends
  const mainCommands = [...workflowCommands(main.stdout), ...workflowCommands(main.stderr)];
  const state = {
    ...commandValues(mainCommands, 'save-state'),
    ...parseFileCommands(await readFile(files.GITHUB_STATE, 'utf8')),
  };
  const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
  // post runs whatever the check in between found (it cleans up what main made); its error is thrown after
  let betweenError: unknown;
  await opts.betweenSteps?.(state).catch((e: unknown) => {
    betweenError = e ?? new Error('betweenSteps failed');
  });
  const post = await run('node', [path.join(REPO, 'dist/post/index.js')], {
    cwd: opts.workspace,
    env: { ...env, ...stateEnv },
    timeoutMs: 2 * MINUTE,
  });
  const outputText = await readFile(files.GITHUB_OUTPUT, 'utf8');
  const summary = await readFile(files.GITHUB_STEP_SUMMARY, 'utf8');
  const stateText = await readFile(files.GITHUB_STATE, 'utf8');
  const postCommands = [...workflowCommands(post.stdout), ...workflowCommands(post.stderr)];
  if (betweenError !== undefined) throw betweenError;
  return {
    main,
    post,
    mainMs,
    outputs: {
      ...commandValues([...mainCommands, ...postCommands], 'set-output'),
      ...parseFileCommands(outputText),
    },
    state,
    summary,
    commands: [...mainCommands, ...postCommands],
    everything: [main.stdout, main.stderr, post.stdout, post.stderr, outputText, stateText, summary].join(
      '\n',
    ),
  };
}

/** Lines that show `secret` to a reader: all but the `::add-mask::` that hides it. */
export const unmaskedLines = (text: string, secret: string): string[] =>
  text.split('\n').filter((l) => l.includes(secret) && l !== `::add-mask::${secret}`);

export const errorLines = (r: RunResult): string[] =>
  r.stdout.split('\n').filter((l) => l.startsWith('::error'));

/**
 * A directory with a `docker` wrapper: `body` (sh) runs first, then the real docker CLI as
 * `$REAL_DOCKER "$@"`. Put first on PATH to change what the action's docker calls see.
 */
export async function dockerShim(dir: string, body: string): Promise<string> {
  const real = execFileSync('sh', ['-c', 'command -v docker']).toString().trim();
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'docker'),
    `#!/bin/sh\nREAL_DOCKER=${real}\n${body}\nexec "$REAL_DOCKER" "$@"\n`,
  );
  await chmod(path.join(dir, 'docker'), 0o755);
  return dir;
}

export function expectSucceeded(r: ActionRun): void {
  if (r.main.code !== 0) throw new Error(`main failed:\n${r.main.stdout.split('\n').slice(-60).join('\n')}`);
  expect(r.post.code).toBe(0);
}

/** Ends with one clear ::error::, no hang, and post cleans up. */
export function expectCleanFailure(r: ActionRun, message: RegExp, withinMs: number): void {
  expect(r.main.code).toBe(1);
  expect(r.main.signal).toBeNull(); // not killed by the harness timeout
  expect(r.mainMs).toBeLessThan(withinMs);
  const errors = errorLines(r.main);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(message);
  expect(r.main.stdout + r.main.stderr).not.toMatch(/\n\s+at .*(index\.js|\.ts):\d+/); // no stack trace
  expect(r.post.code).toBe(0);
  expect(r.state.tempDir && existsSync(r.state.tempDir)).toBeFalsy();
}
