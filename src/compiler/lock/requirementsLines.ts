import { ConfigError } from '../model/errors.js';
import { parseRequirement, Pep508Error } from '../pyproject/pep508.js';

/**
 * pip options that make sense in a requirements file the compiler hands to pip (a pinned or
 * exported set): nesting, hashes, editable installs, index selection, binary policy.
 */
const OPTIONS = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '--hash',
  '-i',
  '--index-url',
  '--extra-index-url',
  '--no-index',
  '-f',
  '--find-links',
  '--trusted-host',
  '--pre',
  '--prefer-binary',
  '--only-binary',
  '--no-binary',
  '--require-hashes',
  '--config-settings',
  '--use-feature',
]);

/**
 * Parse every logical line of a requirements file (backslash continuations joined, comments
 * dropped): a PEP 508 requirement with trailing per-requirement options (`--hash=…`), one of
 * pip's options above, or a path/URL pip accepts as it is. Anything else is an error at
 * file:line:column, before pip ever sees it.
 */
export function checkRequirementsLines(file: string, text: string): void {
  const physical = text.split('\n');
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    let line = physical[i] as string;
    while (line.endsWith('\\') && i + 1 < physical.length)
      line = line.slice(0, -1) + (physical[++i] as string);
    const uncommented = line.replace(/(^|\s)#.*$/, '').replace(/\r$/, '');
    const content = uncommented.trim();
    if (content === '') continue;
    const column = uncommented.indexOf(content) + 1;
    const at = (offset: number) => ({ file, line: start + 1, column: column + offset });
    if (content.startsWith('-')) {
      const option = /^(--?[A-Za-z][A-Za-z-]*)/.exec(content)?.[1] ?? content;
      if (!OPTIONS.has(option))
        throw new ConfigError(
          at(0),
          'requirements',
          `pip option ${JSON.stringify(option)} is not supported in a requirements file here`,
          `supported: ${[...OPTIONS].join(', ')}`,
        );
      continue;
    }
    // a path or URL (`./pkg`, `/wheels/x.whl`, `https://…/x.whl`, `git+https://…`) is pip's to read
    if (/^(\.|\/|[A-Za-z][A-Za-z0-9+.-]*:\/\/)/.test(content)) continue;
    // per-requirement options follow the requirement: `name==1.0 --hash=sha256:…`
    const split = /\s--?[A-Za-z]/.exec(content);
    const requirement = split === null ? content : content.slice(0, split.index);
    try {
      parseRequirement(requirement.trim());
    } catch (error) {
      if (!(error instanceof Pep508Error)) throw error;
      throw new ConfigError(
        at(error.offset),
        'requirements',
        `invalid requirement ${JSON.stringify(requirement.trim())}: ${error.problem}`,
        error.hint,
      );
    }
  }
}
