/**
 * Requirements as the compiler reads them from the pyproject: parsed (pep508.ts), free of URL
 * credentials, bounded in length, and printed in one canonical form. Errors point at the column
 * inside the string where the problem is.
 */
import { ConfigError } from '../model/errors.js';
import { CREDENTIAL_HINT, findUrlCredential } from '../model/credentials.js';
import type { PyprojectDocument } from './document.js';
import {
  formatRequirement,
  parseMarker,
  parseRequirement,
  Pep508Error,
  type Marker,
  type Requirement,
} from './pep508.js';
import { MAX_VALUE_BYTES } from './limits.js';
import type { KeyPath } from './sourceMap.js';

export interface CheckedRequirement {
  readonly requirement: Requirement;
  /** `formatRequirement(requirement)`: the text written into the Dockerfile. */
  readonly text: string;
}

/** Parse the requirement at `path`; a ConfigError at the offending column otherwise. */
export function readRequirement(doc: PyprojectDocument, path: KeyPath, text: string): CheckedRequirement {
  checkLength(doc, path, text, 'requirement');
  let requirement: Requirement;
  try {
    requirement = parseRequirement(text);
  } catch (error) {
    if (error instanceof Pep508Error)
      throw locatedError(doc, path, error, `invalid requirement ${JSON.stringify(text)}`);
    throw error;
  }
  checkNoCredential(doc, path, text);
  return { requirement, text: formatRequirement(requirement) };
}

/**
 * A requirement the compiler put together from other fields (Poetry's tables): errors point at
 * the entry, since the text is not written as such in the file.
 */
export function readComposedRequirement(
  doc: PyprojectDocument,
  path: KeyPath,
  text: string,
): CheckedRequirement {
  checkLength(doc, path, text, 'requirement');
  let requirement: Requirement;
  try {
    requirement = parseRequirement(text);
  } catch (error) {
    if (error instanceof Pep508Error)
      throw doc.error(
        path,
        `invalid requirement ${JSON.stringify(text)} (translated from Poetry): ${error.problem}`,
        error.hint,
      );
    throw error;
  }
  const found = findUrlCredential(text);
  if (found !== undefined)
    throw doc.error(path, `a ${found.scheme} URL contains credentials`, CREDENTIAL_HINT);
  return { requirement, text: formatRequirement(requirement) };
}

/** Parse a marker expression (Poetry's `markers`). */
export function readMarker(doc: PyprojectDocument, path: KeyPath, text: string): Marker {
  checkLength(doc, path, text, 'marker');
  try {
    return parseMarker(text);
  } catch (error) {
    if (error instanceof Pep508Error)
      throw locatedError(doc, path, error, `invalid marker ${JSON.stringify(text)}`);
    throw error;
  }
}

/** The one credential check, for anything holding URLs (requirements, indices, file lines). */
export function checkNoCredential(doc: PyprojectDocument, path: KeyPath, text: string): void {
  const found = findUrlCredential(text);
  if (found === undefined) return;
  const { line, column } = stringColumn(doc, path, found.index);
  throw new ConfigError(
    { file: doc.file, line, column },
    path.join('.'),
    `a ${found.scheme} URL contains credentials (${found.hasPassword ? 'a user name and password' : 'a user name or token'})`,
    CREDENTIAL_HINT,
  );
}

function checkLength(doc: PyprojectDocument, path: KeyPath, text: string, what: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_VALUE_BYTES) {
    throw doc.error(
      path,
      `this ${what} is ${bytes} bytes long, more than the ${MAX_VALUE_BYTES} a Dockerfile line can hold`,
      'shorten it; a long list belongs in a requirements file (`requirements = "requirements.txt"`)',
    );
  }
}

function locatedError(
  doc: PyprojectDocument,
  path: KeyPath,
  error: Pep508Error,
  subject: string,
): ConfigError {
  const { line, column } = stringColumn(doc, path, error.offset);
  const shown = subject.length > 200 ? `${subject.slice(0, 200)}…"` : subject;
  return new ConfigError(
    { file: doc.file, line, column },
    path.join('.'),
    `${shown}: ${error.problem}`,
    error.hint,
  );
}

/**
 * Line and column of character `offset` of the string value at `path`: the value's position
 * (its opening quote) plus the offset. Exact for strings without escapes on one line.
 */
function stringColumn(
  doc: PyprojectDocument,
  path: KeyPath,
  offset: number,
): { line: number; column: number } {
  return doc.stringPosition(path, offset) ?? doc.position(path);
}
