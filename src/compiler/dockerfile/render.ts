import type { Command, DockerfilePlan, Instruction, Mount } from './instructions.js';
import {
  commentText,
  copyArgs,
  dockerLiteral,
  dockerValue,
  execForm,
  heredocLines,
  labelKey,
  mountFlag,
  oneLine,
  UnsafeTextError,
} from './quote.js';

const CONTINUE = ' \\\n    ';
const HEREDOC_END = 'MICROB_EOF';
/** BuildKit's scanner reads lines of at most 64 KiB - 1 bytes; longer ones fail the build. */
export const MAX_LINE_BYTES = 65_535;
// A UTF-16 unit is at most 3 UTF-8 bytes: chunks of this many units stay far below the limit.
const CHUNK_UNITS = 16_000;

/** Dockerfile text for a plan: byte-identical for the same plan. */
export function renderDockerfile(plan: DockerfilePlan): string {
  const lines: string[] = [];
  if (plan.syntax) lines.push(`# syntax=${oneLine('syntax', plan.syntax)}`);
  for (const text of plan.header) lines.push(text === '' ? '#' : `# ${commentText(text)}`);
  if (plan.preamble?.length) lines.push('', ...plan.preamble.map(renderInstruction));
  for (const stage of plan.stages) {
    lines.push('');
    for (const instruction of stage.instructions) {
      const text = renderInstruction(instruction);
      // a heredoc is read as it is: a `\` continuation would end up in the file
      lines.push(instruction.op === 'FILE' && !instruction.continuation ? text : wrapLongLines(text));
    }
  }
  const text = `${lines.join('\n')}\n`;
  for (const line of text.split('\n')) {
    // every splitting rule above keeps lines short; this guards the rule itself
    if (Buffer.byteLength(line) > MAX_LINE_BYTES)
      throw new UnsafeTextError('Dockerfile line (too long)', line[0] ?? '');
  }
  return text;
}

function renderInstruction(i: Instruction): string {
  switch (i.op) {
    case 'FROM':
      return `FROM ${oneLine('FROM image', i.image)} AS ${oneLine('stage name', i.name)}`;
    case 'ARG':
      return i.value === undefined
        ? `ARG ${oneLine('ARG name', i.name)}`
        : `ARG ${oneLine('ARG name', i.name)}=${dockerLiteral(i.value)}`;
    case 'ENV':
      return `ENV ${i.pairs.map((p) => `${oneLine('ENV key', p.key)}=${dockerValue(p.value)}`).join(CONTINUE)}`;
    case 'LABEL':
      return `LABEL ${i.pairs.map((p) => `${labelKey(p.key)}=${dockerValue(p.value)}`).join(CONTINUE)}`;
    case 'RUN':
      return `RUN ${[...i.mounts.map(renderMount), i.commands.map(renderCommand).join(' \\\n && ')].join(CONTINUE)}`;
    case 'COPY': {
      const flags = [
        i.from !== undefined ? `--from=${oneLine('COPY --from', i.from)}` : '',
        i.link ? '--link' : '',
        i.chmod !== undefined ? `--chmod=${oneLine('COPY --chmod', i.chmod)}` : '',
      ].filter(Boolean);
      return ['COPY', ...flags, copyArgs([...i.sources, i.dest])].join(' ');
    }
    case 'ADD': {
      const flags = [
        i.chmod !== undefined ? `--chmod=${oneLine('ADD --chmod', i.chmod)}` : '',
        i.checksum !== undefined ? `--checksum=${oneLine('ADD --checksum', i.checksum)}` : '',
      ].filter(Boolean);
      return ['ADD', ...flags, copyArgs([...i.sources, i.dest])].join(' ');
    }
    case 'WORKDIR':
      return `WORKDIR ${oneLine('WORKDIR path', i.path)}`;
    case 'USER':
      return `USER ${oneLine('USER', i.user)}`;
    case 'ENTRYPOINT':
    case 'CMD':
      return `${i.op} ${execForm(i.args)}`;
    case 'EXPOSE':
      return `EXPOSE ${i.ports.map((p) => oneLine('EXPOSE port', p)).join(' ')}`;
    case 'HEALTHCHECK':
      return [
        'HEALTHCHECK',
        ...i.options.map(
          ([k, v]) => `--${oneLine('HEALTHCHECK option', k)}=${oneLine('HEALTHCHECK option', v)}`,
        ),
        'CMD',
        execForm(i.args),
      ].join(' ');
    case 'STOPSIGNAL':
      return `STOPSIGNAL ${oneLine('STOPSIGNAL', i.signal)}`;
    case 'COMMENT':
      return `# ${commentText(i.text)}`;
    case 'FILE':
      return [
        `COPY <<'${HEREDOC_END}' ${copyArgs([i.dest])}`,
        ...heredocLines(i.lines, HEREDOC_END),
        HEREDOC_END,
      ].join('\n');
  }
}

/** A command on one line, or one command over several (`pip install` and a requirement a line). */
function renderCommand(command: Command): string {
  if (typeof command === 'string') return oneLine('RUN command', command);
  return command.map((line) => oneLine('RUN command', line)).join(' \\\n      ');
}

function renderMount(m: Mount): string {
  switch (m.type) {
    case 'cache':
      return mountFlag([
        ['type', 'cache'],
        ['id', m.id],
        ['target', m.target],
        ...(m.sharing ? [['sharing', m.sharing] as const] : []),
      ]);
    case 'secret':
      return mountFlag([
        ['type', 'secret'],
        ['id', m.id],
        ['target', m.target],
        ['required', 'true'],
      ]);
    case 'ssh':
      return mountFlag([
        ['type', 'ssh'],
        ['required', 'true'],
      ]);
    case 'bind':
      return mountFlag([
        ['type', 'bind'],
        ['source', m.source],
        ['target', m.target],
        ...(m.readwrite ? ([['rw', 'true']] as const) : []),
      ]);
  }
}

/**
 * A physical line too long for BuildKit, cut into lines joined by `\` continuations. The parser
 * joins them back before it reads a word (removing exactly the one `\` before each line break),
 * so a cut may fall inside any word or quoted value; the next line must not look blank or like a
 * comment (the parser skips those), and no surrogate pair is split. Comments are never this long.
 */
export function wrapLongLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= CHUNK_UNITS) return line;
      const chunks: string[] = [];
      let start = 0;
      while (line.length - start > CHUNK_UNITS) {
        const cut = findCut(line, start + 1, start + CHUNK_UNITS);
        chunks.push(line.slice(start, cut));
        start = cut;
      }
      chunks.push(line.slice(start));
      return chunks.join('\\\n');
    })
    .join('\n');
}

/**
 * Where to cut in [from, to]: preferably before a plain character and not after a `\`; else
 * anywhere the next line is neither blank nor a comment to the parser.
 */
function findCut(line: string, from: number, to: number): number {
  for (let at = to; at >= from; at--) if (plainCut(line, at)) return at;
  for (let at = to; at >= from; at--) if (permittedCut(line, at)) return at;
  throw new UnsafeTextError('Dockerfile line (no place to split it)', line[from] ?? '');
}

function plainCut(line: string, at: number): boolean {
  return permittedCut(line, at) && /[^\s#\\]/.test(line[at] ?? '') && line[at - 1] !== '\\';
}

function permittedCut(line: string, at: number): boolean {
  const previous = line.charCodeAt(at - 1);
  if (previous >= 0xd800 && previous <= 0xdbff) return false; // between the halves of a pair
  let first = at;
  while (line[first] === ' ' || line[first] === '\t') first++;
  return first < line.length && line[first] !== '#';
}
