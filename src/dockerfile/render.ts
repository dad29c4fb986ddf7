import type { DockerfilePlan, Instruction, Mount } from '../plan/instructions.js';
import {
  commentText,
  copyArgs,
  dockerLiteral,
  dockerValue,
  execForm,
  heredocLines,
  labelKey,
} from './quote.js';

const CONTINUE = ' \\\n    ';
const HEREDOC_END = 'MICROB_EOF';

/** Dockerfile text for a plan: byte-identical for the same plan. */
export function renderDockerfile(plan: DockerfilePlan): string {
  const lines: string[] = [];
  if (plan.syntax) lines.push(`# syntax=${plan.syntax}`);
  for (const text of plan.header) lines.push(text === '' ? '#' : `# ${text}`);
  for (const stage of plan.stages) {
    lines.push('');
    for (const instruction of stage.instructions) lines.push(renderInstruction(instruction));
  }
  return `${lines.join('\n')}\n`;
}

function renderInstruction(i: Instruction): string {
  switch (i.op) {
    case 'FROM':
      return `FROM ${i.image} AS ${i.name}`;
    case 'ARG':
      return i.value === undefined ? `ARG ${i.name}` : `ARG ${i.name}=${dockerLiteral(i.value)}`;
    case 'ENV':
      return `ENV ${i.pairs.map((p) => `${p.key}=${dockerValue(p.value)}`).join(CONTINUE)}`;
    case 'LABEL':
      return `LABEL ${i.pairs.map((p) => `${labelKey(p.key)}=${dockerValue(p.value)}`).join(CONTINUE)}`;
    case 'RUN':
      return `RUN ${[...i.mounts.map(renderMount), i.commands.join(' \\\n && ')].join(CONTINUE)}`;
    case 'COPY': {
      const flags = [
        i.from !== undefined ? `--from=${i.from}` : '',
        i.link ? '--link' : '',
        i.chmod !== undefined ? `--chmod=${i.chmod}` : '',
      ].filter(Boolean);
      return ['COPY', ...flags, copyArgs([...i.sources, i.dest])].join(' ');
    }
    case 'ADD': {
      const flags = [
        i.chmod !== undefined ? `--chmod=${i.chmod}` : '',
        i.checksum !== undefined ? `--checksum=${i.checksum}` : '',
      ].filter(Boolean);
      return ['ADD', ...flags, copyArgs([...i.sources, i.dest])].join(' ');
    }
    case 'WORKDIR':
      return `WORKDIR ${i.path}`;
    case 'USER':
      return `USER ${i.user}`;
    case 'ENTRYPOINT':
    case 'CMD':
      return `${i.op} ${execForm(i.args)}`;
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

function renderMount(m: Mount): string {
  switch (m.type) {
    case 'cache':
      return `--mount=type=cache,id=${m.id},target=${m.target}${m.sharing ? `,sharing=${m.sharing}` : ''}`;
    case 'secret':
      return `--mount=type=secret,id=${m.id},target=${m.target},required=true`;
    case 'ssh':
      return '--mount=type=ssh,required=true';
    case 'bind':
      return `--mount=type=bind,source=${m.source},target=${m.target}${m.readwrite ? ',rw' : ''}`;
  }
}
