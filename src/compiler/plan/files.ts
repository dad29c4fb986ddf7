import type { AddEntry, CopyEntry } from '../pyproject/targetConfig.js';
import type { Instruction } from '../dockerfile/instructions.js';

/** `copy_files` / `copy_files_before_build` entries as COPY instructions. */
export function copyInstructions(entries: readonly CopyEntry[]): Instruction[] {
  return entries.map((c) => ({
    op: 'COPY',
    ...(c.from !== undefined && { from: c.from }),
    sources: [c.src],
    dest: c.dst,
  }));
}

/**
 * `add_files` / `add_files_before_build` entries as ADD instructions. BuildKit writes a URL
 * download as root-only 0600; the image runs as a non-root user, so make it readable.
 */
export function addInstructions(entries: readonly AddEntry[]): Instruction[] {
  return entries.map((a) => ({
    op: 'ADD',
    ...(/^https?:\/\//.test(a.src) && { chmod: '644' }),
    ...(a.checksum !== undefined && { checksum: a.checksum }),
    sources: [a.src],
    dest: a.dst,
  }));
}
