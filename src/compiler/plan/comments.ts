import type { Instruction } from '../dockerfile/instructions.js';

const WIDTH = 98;

/**
 * A comment as Dockerfile comment lines of at most about 100 columns, cut between words: what a
 * reviewer reads in a PR comment, without scrolling sideways.
 */
export function comment(text: string): Instruction[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => ({ op: 'COMMENT', text: l }));
}
