/**
 * PEP 508 dependency specifiers: a parser for the whole grammar (name, extras, version
 * specifiers, `@ url`, environment markers) and a canonical printer. Every requirement the
 * compiler reads (dependencies, extras, build requires, Poetry's tables) goes through here, so
 * what reaches a `pip install` line is a requirement and never a pip option or a second command.
 *
 * Pure: errors carry an offset into the text; requirements.ts turns them into
 * file:line:col errors.
 */
import { valid } from '@renovatebot/pep440';
import { LINE_UNSAFE } from '../model/text.js';

export interface Specifier {
  /** `===`, `~=`, `==`, `!=`, `<=`, `>=`, `<`, `>`. */
  readonly op: string;
  readonly version: string;
}

export type MarkerValue =
  { readonly kind: 'variable'; readonly name: string } | { readonly kind: 'string'; readonly value: string };

export type Marker =
  | { readonly kind: 'and' | 'or'; readonly left: Marker; readonly right: Marker }
  | {
      readonly kind: 'compare';
      readonly left: MarkerValue;
      readonly op: string;
      readonly right: MarkerValue;
    };

export interface Requirement {
  readonly name: string;
  readonly extras: readonly string[];
  readonly specifiers: readonly Specifier[];
  /** The direct reference after `@`, as written (validated as an absolute URL). */
  readonly url?: string;
  readonly marker?: Marker;
}

/** A syntax error at `offset` (0-based, in UTF-16 code units of the requirement text). */
export class Pep508Error extends Error {
  override readonly name = 'Pep508Error';
  constructor(
    readonly offset: number,
    readonly problem: string,
    readonly hint: string,
  ) {
    super(problem);
  }
}

/** The marker variables of PEP 508 (and `extras`/`dependency_groups` of PEP 751). */
const MARKER_VARIABLES: ReadonlySet<string> = new Set([
  'python_version',
  'python_full_version',
  'os_name',
  'sys_platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform_machine',
  'platform_python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
  'extras',
  'dependency_groups',
]);

const EXAMPLE = 'a PEP 508 requirement such as "requests[socks]>=2.31,<3 ; python_version >= \\"3.10\\""';
const OPERATORS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'] as const;
const IDENTIFIER_START = /[A-Za-z0-9]/;
const IDENTIFIER_CHAR = /[A-Za-z0-9._-]/;
const VERSION_CHAR = /[A-Za-z0-9._*+!-]/;
// PEP 508's python_str characters (besides the other quote): printable ASCII but `\` and quotes.
const STRING_CHAR = /[ A-Za-z0-9().{}\-_*#:;,/?[\]!~`@$%^&=+|<>]/;

/** Parse one requirement; throws Pep508Error. */
export function parseRequirement(text: string): Requirement {
  return new Parser(text).requirement();
}

/** Parse a marker expression alone (Poetry's `markers = "…"`); throws Pep508Error. */
export function parseMarker(text: string): Marker {
  const p = new Parser(text);
  const marker = p.marker();
  p.end('the end of the marker', 'join conditions with `and` / `or`');
  return marker;
}

/** `name[extra,…]spec,… @ url ; marker`, the form packaging prints. */
export function formatRequirement(r: Requirement): string {
  const extras = r.extras.length > 0 ? `[${r.extras.join(',')}]` : '';
  const specs = r.specifiers.map((s) => `${s.op}${s.version}`).join(',');
  const url = r.url !== undefined ? ` @ ${r.url}` : '';
  const marker = r.marker !== undefined ? `${r.url !== undefined ? ' ' : ''}; ${formatMarker(r.marker)}` : '';
  return `${r.name}${extras}${specs}${url}${marker}`;
}

export function formatMarker(m: Marker, parent?: 'and' | 'or'): string {
  if (m.kind === 'compare') return `${formatValue(m.left)} ${m.op} ${formatValue(m.right)}`;
  const text = `${formatMarker(m.left, m.kind)} ${m.kind} ${formatMarker(m.right, m.kind)}`;
  // `and` binds tighter than `or`: an `or` inside an `and` needs its parentheses back
  return parent === 'and' && m.kind === 'or' ? `(${text})` : text;
}

function formatValue(v: MarkerValue): string {
  if (v.kind === 'variable') return v.name;
  return v.value.includes('"') ? `'${v.value}'` : `"${v.value}"`;
}

/** PEP 503 normalised name: `Foo.Bar_baz` → `foo-bar-baz`. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

class Parser {
  private at = 0;

  constructor(private readonly text: string) {
    const bad = LINE_UNSAFE.exec(text);
    if (bad) {
      throw new Pep508Error(
        bad.index,
        `a control character (U+${bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}) in a requirement`,
        'a requirement is one line of printable text: remove the line break or control character',
      );
    }
  }

  requirement(): Requirement {
    this.skipSpace();
    if (this.peek() === '-') {
      throw this.error(
        'a pip option is not a requirement',
        'indexes and pip settings go in the target (`indices = [{ url = "…" }]`); write a requirement such as "requests>=2.31"',
      );
    }
    if (this.at >= this.text.length) throw this.error('empty requirement', EXAMPLE);
    const name = this.identifier('a project name', EXAMPLE);
    this.skipSpace();
    const extras = this.peek() === '[' ? this.extras() : [];
    this.skipSpace();
    let url: string | undefined;
    let specifiers: Specifier[] = [];
    if (this.peek() === '@') {
      this.at++;
      this.skipSpace();
      url = this.url();
    } else if (this.peek() === '(' || this.startsOperator()) {
      specifiers = this.versionSpec();
    }
    this.skipSpace();
    let marker: Marker | undefined;
    if (this.peek() === ';') {
      this.at++;
      marker = this.marker();
    }
    this.end(
      marker !== undefined
        ? '`and`, `or` or the end of the marker'
        : url !== undefined
          ? '` ; marker` or the end of the requirement'
          : 'a version specifier, `;` or the end of the requirement',
      marker !== undefined
        ? 'join marker conditions with `and` or `or`, e.g. "x ; python_version >= \\"3.10\\" and os_name == \\"posix\\""'
        : EXAMPLE,
    );
    return {
      name,
      extras,
      specifiers,
      ...(url !== undefined && { url }),
      ...(marker !== undefined && { marker }),
    };
  }

  marker(): Marker {
    let left = this.markerAnd();
    while (this.keyword('or')) left = { kind: 'or', left, right: this.markerAnd() };
    return left;
  }

  end(expected: string, hint: string): void {
    this.skipSpace();
    if (this.at < this.text.length) throw this.error(`expected ${expected}, found ${this.found()}`, hint);
  }

  private markerAnd(): Marker {
    let left = this.markerExpr();
    while (this.keyword('and')) left = { kind: 'and', left, right: this.markerExpr() };
    return left;
  }

  private markerExpr(): Marker {
    this.skipSpace();
    if (this.peek() === '(') {
      this.at++;
      const inner = this.marker();
      this.skipSpace();
      if (this.peek() !== ')')
        throw this.error(`expected \`)\`, found ${this.found()}`, 'close the parenthesis');
      this.at++;
      return inner;
    }
    const left = this.markerValue();
    this.skipSpace();
    const op = this.markerOp();
    const right = this.markerValue();
    return { kind: 'compare', left, op, right };
  }

  private markerOp(): string {
    for (const op of OPERATORS) {
      if (this.text.startsWith(op, this.at)) {
        this.at += op.length;
        return op;
      }
    }
    if (this.keyword('in')) return 'in';
    const start = this.at;
    if (this.keyword('not')) {
      if (this.keyword('in')) return 'not in';
      this.at = start;
    }
    throw this.error(
      `expected a marker operator, found ${this.found()}`,
      'compare with ==, !=, <, <=, >, >=, ~=, ===, in or not in, e.g. python_version >= "3.10"',
    );
  }

  private markerValue(): MarkerValue {
    this.skipSpace();
    const quote = this.peek();
    if (quote === '"' || quote === "'") {
      const start = this.at++;
      while (this.at < this.text.length && this.peek() !== quote) {
        if (!STRING_CHAR.test(this.peek()) && this.peek() !== (quote === '"' ? "'" : '"')) {
          throw this.error(
            `character ${JSON.stringify(this.peek())} is not allowed in a marker string`,
            'marker strings hold printable ASCII without backslashes',
          );
        }
        this.at++;
      }
      if (this.at >= this.text.length) {
        this.at = start;
        throw this.error('unterminated string in the marker', `close it with ${quote}`);
      }
      const value = this.text.slice(start + 1, this.at);
      this.at++;
      return { kind: 'string', value };
    }
    const start = this.at;
    while (/[a-z_]/.test(this.peek())) this.at++;
    const name = this.text.slice(start, this.at);
    if (!MARKER_VARIABLES.has(name)) {
      this.at = start;
      throw this.error(
        name === ''
          ? `expected a marker variable or a quoted string, found ${this.found()}`
          : `unknown marker variable \`${name}\``,
        `variables: ${[...MARKER_VARIABLES].join(', ')}; strings in quotes, e.g. sys_platform == "linux"`,
      );
    }
    return { kind: 'variable', name };
  }

  private extras(): string[] {
    this.at++; // [
    const extras: string[] = [];
    this.skipSpace();
    if (this.peek() === ']') {
      this.at++;
      return extras;
    }
    for (;;) {
      this.skipSpace();
      extras.push(this.identifier('an extra name', 'extras are names, e.g. requests[socks,security]'));
      this.skipSpace();
      if (this.peek() === ',') {
        this.at++;
        continue;
      }
      if (this.peek() === ']') {
        this.at++;
        return extras;
      }
      throw this.error(
        `expected \`,\` or \`]\` in the extras, found ${this.found()}`,
        'close the extras, e.g. flask[async]',
      );
    }
  }

  private versionSpec(): Specifier[] {
    const parenthesised = this.peek() === '(';
    if (parenthesised) this.at++;
    const specifiers: Specifier[] = [];
    for (;;) {
      this.skipSpace();
      specifiers.push(this.specifier());
      this.skipSpace();
      if (this.peek() !== ',') break;
      this.at++;
      this.skipSpace();
      // packaging accepts a trailing comma (`name>=3,`, one of PEP 508's own examples)
      if (!this.startsOperator()) break;
    }
    if (parenthesised) {
      if (this.peek() !== ')')
        throw this.error(`expected \`,\` or \`)\`, found ${this.found()}`, 'close the parenthesis');
      this.at++;
    }
    return specifiers;
  }

  private specifier(): Specifier {
    const opStart = this.at;
    const op = OPERATORS.find((o) => this.text.startsWith(o, this.at));
    if (op === undefined) {
      throw this.error(
        `expected a version operator, found ${this.found()}`,
        'an operator (==, !=, <, <=, >, >=, ~=, ===) and a version, e.g. requests>=2.31',
      );
    }
    this.at += op.length;
    this.skipSpace();
    const start = this.at;
    while (this.at < this.text.length && VERSION_CHAR.test(this.peek())) this.at++;
    const version = this.text.slice(start, this.at);
    if (version === '') {
      throw this.error(
        `expected a version after \`${op}\`, found ${this.found()}`,
        'an operator (==, !=, <, <=, >, >=, ~=, ===) and a version, e.g. requests>=2.31',
      );
    }
    const problem = versionProblem(op, version);
    if (problem !== undefined) {
      this.at = opStart;
      throw this.error(
        `invalid version specifier \`${op}${version}\`: ${problem}`,
        'see PEP 440, e.g. >=2.31, ==1.4.*, ~=1.2',
      );
    }
    return { op, version };
  }

  private url(): string {
    const start = this.at;
    while (this.at < this.text.length && !/[ \t]/.test(this.peek())) this.at++;
    const url = this.text.slice(start, this.at);
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (url === '' || parsed === undefined || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) {
      this.at = start;
      throw this.error(
        url === '' ? 'expected a URL after `@`' : `invalid URL ${JSON.stringify(url)}`,
        'an absolute URL, e.g. "pkg @ https://example.com/pkg-1.0.tar.gz" or "pkg @ git+https://host/repo@v1"',
      );
    }
    return url;
  }

  private identifier(what: string, hint: string): string {
    const start = this.at;
    if (!IDENTIFIER_START.test(this.peek()))
      throw this.error(`expected ${what}, found ${this.found()}`, hint);
    while (this.at < this.text.length && IDENTIFIER_CHAR.test(this.peek())) this.at++;
    // a name ends in a letter or digit: give back trailing `.`, `-`, `_`
    while (!IDENTIFIER_START.test(this.text[this.at - 1] ?? '')) this.at--;
    return this.text.slice(start, this.at);
  }

  /** A keyword as a whole word (`andd` is not `and`). */
  private keyword(word: string): boolean {
    const save = this.at;
    this.skipSpace();
    if (this.text.startsWith(word, this.at) && !/[A-Za-z0-9_]/.test(this.text[this.at + word.length] ?? '')) {
      this.at += word.length;
      return true;
    }
    this.at = save;
    return false;
  }

  private startsOperator(): boolean {
    return /[<>=!~]/.test(this.peek());
  }

  private skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.at++;
  }

  private peek(): string {
    return this.text[this.at] ?? '';
  }

  private found(): string {
    if (this.at >= this.text.length) return 'the end';
    const word = /^[A-Za-z0-9_]+/.exec(this.text.slice(this.at, this.at + 40))?.[0];
    return `\`${word ?? this.peek()}\``;
  }

  private error(problem: string, hint: string): Pep508Error {
    return new Pep508Error(this.at, problem, hint);
  }
}

/** Why `op version` is not a PEP 440 specifier, or undefined when it is one. */
function versionProblem(op: string, version: string): string | undefined {
  if (op === '===') return undefined; // arbitrary equality: any string
  const wildcard = version.endsWith('.*');
  const base = wildcard ? version.slice(0, -2) : version;
  // valid(): the library's PEP 440 pattern, one regex test (explain() costs far more per call)
  if (valid(base) === null) return `\`${version}\` is not a PEP 440 version`;
  const plus = base.indexOf('+');
  const local = plus === -1 ? undefined : base.slice(plus + 1);
  if (wildcard) {
    if (op !== '==' && op !== '!=') return '`.*` only goes with == and !=';
    if (local !== undefined) return 'a wildcard version has no local part';
    return undefined;
  }
  const release = /^[vV]?(?:\d+!)?(\d+(?:\.\d+)*)/.exec(base)?.[1] ?? '';
  if (op === '~=' && release.split('.').length < 2)
    return '~= needs at least two release segments, e.g. ~=1.4';
  if (op !== '==' && op !== '!=' && local !== undefined)
    return `a local version (+${local}) only goes with == and !=`;
  return undefined;
}
