/**
 * docker/metadata-action's tag rule language, for the `tags` input when `images` is set, and its
 * `flavor` input. Pure: the event, the clock and the commit date come in as values.
 *
 * ```yaml
 * tags: |
 *   type=default                    # this action's computed tags (src/github/tags.ts)
 *   type=raw,value=stable           # …plus one more
 *   type=semver,pattern={{major}}.{{minor}},prefix=v
 *   type=sha,format=long
 * flavor: latest=false
 * ```
 *
 * Rules are metadata-action's — `schedule`, `semver` (and `pep440`, the same rule here), `match`,
 * `edge`, `ref` (`event=branch|tag|pr`), `raw`, `sha`, with `enable=`, `priority=`, `prefix=`,
 * `suffix=` — evaluated as it does: sorted by priority, the first tag produced is the version, the
 * first rule that produces one decides `latest` (with `flavor: latest=auto`).
 *
 * Where this differs from metadata-action, on purpose:
 * - `type=default`, our addition: the tag set this action computes with `tags` empty (see tags.ts),
 *   so one extra tag is one extra line instead of rewriting the whole list.
 * - `type=semver` reads PEP 440 versions too (`1.2.3rc1`, `1.2.3.post1`, `1!2.0`); a post-release is a
 *   release (it gets `{{major}}.{{minor}}`), a local version (`+cpu`) is not.
 * - On `pull_request*` runs `type=ref,event=branch` and `type=edge` produce nothing: the ref of a
 *   `pull_request_target` run is the base branch, and a PR must not push its branch's tag;
 *   `type=ref,event=pr` reads the PR number from the payload there.
 * - Templates are handlebars-like, not handlebars: `{{name}}` expressions and
 *   `{{date 'FORMAT' tz='Zone'}}` / `{{commit_date …}}` with moment's common tokens
 *   (YYYY YY MM M DD D HH H mm m ss s SSS, `[literal]`); an unknown expression is an error.
 */
import { type GitHubEventContext, payloadString, pullRequestNumber } from './eventContext.js';
import { parseAttributes } from './listInput.js';
import { parseReleaseVersion } from './releaseVersion.js';
import { computeTags, sanitizeTag, SHORT_SHA_LENGTH } from './tags.js';

export class TagRuleError extends Error {
  override readonly name = 'TagRuleError';
}

export const RULE_TYPES = [
  'default',
  'schedule',
  'semver',
  'pep440',
  'match',
  'edge',
  'ref',
  'raw',
  'sha',
] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** metadata-action's default priorities; `default` sorts with `schedule`, first. */
export const DEFAULT_PRIORITY: Readonly<Record<RuleType, number>> = {
  default: 1000,
  schedule: 1000,
  semver: 900,
  pep440: 900,
  match: 800,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100,
};

export interface TagRule {
  readonly type: RuleType;
  /** Lower-cased keys; `prefix`/`suffix` present only when given (or a type's default). */
  readonly attrs: Readonly<Record<string, string>>;
  readonly priority: number;
  /** The line as written, for messages. */
  readonly source: string;
}

export interface Flavor {
  readonly latest: 'auto' | 'true' | 'false';
  readonly prefix: string;
  readonly prefixLatest: boolean;
  readonly suffix: string;
  readonly suffixLatest: boolean;
}

export const DEFAULT_FLAVOR: Flavor = {
  latest: 'auto',
  prefix: '',
  prefixLatest: false,
  suffix: '',
  suffixLatest: false,
};

/** The rules used when `tags` is empty. */
export const DEFAULT_RULES: readonly string[] = ['type=default'];

const ALLOWED_ATTRS: Readonly<Record<RuleType, readonly string[]>> = {
  default: [],
  schedule: ['pattern'],
  semver: ['pattern', 'value', 'match'],
  pep440: ['pattern', 'value', 'match'],
  match: ['pattern', 'group', 'value'],
  edge: ['branch'],
  ref: ['event'],
  raw: ['value'],
  sha: ['format'],
};
const GLOBAL_ATTRS = ['enable', 'priority', 'prefix', 'suffix'];

function setAttr(attrs: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(attrs, key, { value, enumerable: true, writable: true, configurable: true });
}
const has = (attrs: object, key: string): boolean => Object.prototype.hasOwnProperty.call(attrs, key);

/**
 * One `tags` line as a rule: `type=…,key=value,…` (CSV, so a value may be quoted); a line
 * without `type=` is `type=raw` and a bare field is its value (`foo` = `type=raw,value=foo`).
 */
export function parseTagRule(line: string): TagRule {
  const attrs: Record<string, string> = {};
  let type: RuleType | undefined;
  for (const { key, value } of parseAttributes(line)) {
    if (key === '') setAttr(attrs, 'value', value);
    else if (key === 'type') {
      if (!(RULE_TYPES as readonly string[]).includes(value)) {
        throw new TagRuleError(`tags: "${line}": unknown type "${value}" (one of ${RULE_TYPES.join(', ')})`);
      }
      type = value as RuleType;
    } else setAttr(attrs, key, value);
  }
  type ??= 'raw';
  for (const key of Object.keys(attrs)) {
    if (!GLOBAL_ATTRS.includes(key) && !ALLOWED_ATTRS[type].includes(key)) {
      throw new TagRuleError(
        `tags: "${line}": type=${type} has no attribute "${key}" (it takes ${[...ALLOWED_ATTRS[type], ...GLOBAL_ATTRS].join(', ')})`,
      );
    }
  }
  const need = (key: string) => {
    if (!has(attrs, key)) throw new TagRuleError(`tags: "${line}": type=${type} needs ${key}=`);
  };
  switch (type) {
    case 'schedule':
      if (!has(attrs, 'pattern')) setAttr(attrs, 'pattern', 'nightly');
      break;
    case 'semver':
    case 'pep440':
    case 'match':
      need('pattern');
      if (type === 'match') {
        if (!has(attrs, 'group')) setAttr(attrs, 'group', '0');
        if (!/^\d+$/.test(attrs['group'] ?? ''))
          throw new TagRuleError(`tags: "${line}": group= must be a number`);
      }
      break;
    case 'ref':
      need('event');
      if (!['branch', 'tag', 'pr'].includes(attrs['event'] ?? '')) {
        throw new TagRuleError(`tags: "${line}": event= must be branch, tag or pr`);
      }
      if (attrs['event'] === 'pr' && !has(attrs, 'prefix')) setAttr(attrs, 'prefix', 'pr-');
      break;
    case 'raw':
      need('value');
      if (/[/:@\s]/.test(attrs['value'] ?? '')) {
        throw new TagRuleError(
          `tags: "${line}" is not a tag name: with images set, tags holds tag rules (type=…) or bare tag ` +
            'names, which images are combined with — leave images empty to give full references (ghcr.io/o/app:1.0)',
        );
      }
      break;
    case 'sha':
      if (!has(attrs, 'prefix')) setAttr(attrs, 'prefix', 'sha-');
      if (!has(attrs, 'format')) setAttr(attrs, 'format', 'short');
      if (!['short', 'long'].includes(attrs['format'] ?? '')) {
        throw new TagRuleError(`tags: "${line}": format= must be short or long`);
      }
      break;
    default:
      break;
  }
  let priority = DEFAULT_PRIORITY[type];
  if (has(attrs, 'priority')) {
    const p = attrs['priority'] ?? '';
    if (!/^-?\d+$/.test(p)) throw new TagRuleError(`tags: "${line}": priority= must be a whole number`);
    priority = Number(p);
  }
  return { type, attrs, priority, source: line };
}

/** The `tags` lines as rules, highest priority first (a stable sort: equal priorities keep their order). */
export function parseTagRules(lines: readonly string[]): TagRule[] {
  const rules = (lines.length > 0 ? lines : DEFAULT_RULES).map(parseTagRule);
  return rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.priority - a.r.priority || a.i - b.i)
    .map((x) => x.r);
}

/** The `flavor` lines: `latest=auto|true|false`, `prefix=…[,onlatest=true]`, `suffix=…[,onlatest=true]`. */
export function parseFlavor(lines: readonly string[]): Flavor {
  let latest: Flavor['latest'] = 'auto';
  let prefix = '';
  let suffix = '';
  let prefixLatest = false;
  let suffixLatest = false;
  for (const line of lines) {
    let last: 'prefix' | 'suffix' | '' = '';
    for (const { key, value } of parseAttributes(line)) {
      if (key === 'latest') {
        if (value !== 'auto' && value !== 'true' && value !== 'false') {
          throw new TagRuleError(`flavor: "${line}": latest= must be auto, true or false`);
        }
        latest = value;
      } else if (key === 'prefix') {
        prefix = value;
        last = 'prefix';
      } else if (key === 'suffix') {
        suffix = value;
        last = 'suffix';
      } else if (key === 'onlatest') {
        if (value !== 'true' && value !== 'false') {
          throw new TagRuleError(`flavor: "${line}": onlatest= must be true or false`);
        }
        if (last === 'prefix') prefixLatest = value === 'true';
        else if (last === 'suffix') suffixLatest = value === 'true';
      } else {
        throw new TagRuleError(`flavor: "${line}": unknown entry (latest=, prefix=, suffix=, onlatest=)`);
      }
    }
  }
  return { latest, prefix, prefixLatest, suffix, suffixLatest };
}

export interface TagRuleContext {
  readonly event: GitHubEventContext;
  /** The build's clock, for `{{date}}`. */
  readonly now: Date;
  /** The commit's time, for `{{commit_date}}`; falls back to `now`. */
  readonly commitDate?: Date;
  /** DOCKER_METADATA_SHORT_SHA_LENGTH; default 7. */
  readonly shortShaLength?: number;
}

export interface RuleTags {
  /** The OCI version label and the `version` output: the first tag, or type=default's own version. */
  readonly version: string | undefined;
  /** Tag names in order: the version, the others by priority, `latest` last. */
  readonly tags: readonly string[];
  /** Rules that could not apply to this run, e.g. a tag that is not a version for type=semver. */
  readonly warnings: readonly string[];
}

/** The tag names the rules give for this run (images not applied). */
export function evaluateTagRules(rules: readonly TagRule[], flavor: Flavor, ctx: TagRuleContext): RuleTags {
  const { event } = ctx;
  const warnings: string[] = [];
  const shortSha = event.sha.slice(0, ctx.shortShaLength ?? SHORT_SHA_LENGTH);
  const tmpl = (text: string, extra: Record<string, string> = {}) =>
    renderTemplate(text, ctx, shortSha, extra);
  const tagName = strip(event.ref, 'refs/tags/');
  const onPullRequest = event.eventName.startsWith('pull_request');
  const branch = onPullRequest ? undefined : strip(event.ref, 'refs/heads/');

  let version: string | undefined;
  let versionSet = false;
  const tags: string[] = [];
  let latest: boolean | undefined;
  const latestFor = (auto: boolean) => (flavor.latest === 'auto' ? auto : flavor.latest === 'true');
  const affix = (value: string, rule: TagRule) => {
    const prefix = has(rule.attrs, 'prefix') ? tmpl(rule.attrs['prefix'] ?? '') : tmpl(flavor.prefix);
    const suffix = has(rule.attrs, 'suffix') ? tmpl(rule.attrs['suffix'] ?? '') : tmpl(flavor.suffix);
    return `${prefix}${value}${suffix}`;
  };
  const add = (raw: string, autoLatest: boolean, ownVersion?: string) => {
    if (raw === '') return;
    const tag = sanitizeTag(raw);
    if (tag === '') return;
    if (!versionSet) {
      versionSet = true;
      version = ownVersion === undefined ? tag : ownVersion === '' ? undefined : ownVersion;
    }
    if (!tags.includes(tag)) tags.push(tag);
    latest ??= latestFor(autoLatest);
  };

  for (const rule of rules) {
    const enabled = tmpl(rule.attrs['enable'] ?? 'true');
    if (enabled !== 'true' && enabled !== 'false') {
      throw new TagRuleError(`tags: "${rule.source}": enable= must be true or false, not "${enabled}"`);
    }
    if (enabled === 'false') continue;
    const a = rule.attrs;
    switch (rule.type) {
      case 'default': {
        const computed = computeTags(event);
        const own = computed.tags.filter((t) => t !== 'latest');
        own.forEach((t, i) => {
          const value = affix(t, rule);
          // the rule's version is the computed one (undefined when the event names none: then `sha-…` is no version)
          add(
            value,
            computed.tags.includes('latest'),
            i === 0 ? (computed.version !== undefined ? sanitizeTag(value) : '') : undefined,
          );
        });
        break;
      }
      case 'schedule':
        if (event.eventName.includes('schedule')) add(affix(tmpl(a['pattern'] ?? ''), rule), false);
        break;
      case 'semver':
      case 'pep440': {
        let raw = a['value'] ? tmpl(a['value']) : tagName;
        if (raw === undefined) break;
        if (a['match']) {
          const m = new RegExp(a['match']).exec(raw);
          if (!m) {
            warnings.push(`${rule.source}: ${a['match']} does not match ${raw}`);
          } else raw = m[1] ?? m[0];
        }
        raw = raw.replace(/\//g, '-');
        const v = parseReleaseVersion(raw);
        if (!v) {
          warnings.push(`${rule.source}: "${raw}" is not a version (SemVer or PEP 440)`);
          break;
        }
        const [major = 0, minor = 0, patch = 0] = v.release;
        const values = {
          raw,
          version: v.normalized,
          major: `${major}`,
          minor: `${minor}`,
          patch: `${patch}`,
        };
        const pattern = a['pattern'] ?? '';
        // a pre-release (or an epoch) gets only its full version: `1.2` must not move to an rc
        const partialOk = !v.prerelease && v.epoch === 0;
        const rendered =
          partialOk || /^\{\{\s*raw\s*\}\}$/.test(pattern) ? tmpl(pattern, values) : v.normalized;
        add(affix(rendered, rule), !v.prerelease);
        break;
      }
      case 'match': {
        const raw = a['value'] ? tmpl(a['value']) : tagName;
        if (raw === undefined) break;
        const p = a['pattern'] ?? '';
        const asRegex = /^\/(.+)\/([a-z]*)$/.exec(p);
        const m = (asRegex ? new RegExp(asRegex[1] ?? '', asRegex[2]) : new RegExp(p)).exec(raw);
        const group = m?.[Number(a['group'] ?? '0')];
        if (group === undefined) {
          warnings.push(`${rule.source}: no match (group ${a['group'] ?? '0'}) in ${raw}`);
          break;
        }
        add(affix(group, rule), true);
        break;
      }
      case 'edge': {
        const want = a['branch'] || payloadString(event.payload, 'repository', 'default_branch');
        if (branch !== undefined && branch === want) add(affix('edge', rule), false);
        break;
      }
      case 'ref': {
        if (a['event'] === 'branch' && branch !== undefined) add(affix(branch, rule), false);
        if (a['event'] === 'tag' && tagName !== undefined) add(affix(tagName, rule), true);
        if (a['event'] === 'pr') {
          const fromRef = /^refs\/pull\/(.+?)(?:\/merge|\/head)?$/.exec(event.ref)?.[1];
          const pr = fromRef ?? (onPullRequest ? pullRequestNumber(event)?.toString() : undefined);
          if (pr !== undefined) add(affix(pr, rule), false);
        }
        break;
      }
      case 'raw':
        add(affix(tmpl(a['value'] ?? ''), rule), false);
        break;
      case 'sha':
        if (event.sha) add(affix(a['format'] === 'long' ? event.sha : shortSha, rule), false);
        break;
    }
  }
  if (latest === true && tags.length > 0) {
    const name = `${flavor.prefixLatest ? flavor.prefix : ''}latest${flavor.suffixLatest ? flavor.suffix : ''}`;
    const tag = sanitizeTag(name);
    if (!tags.includes(tag)) tags.push(tag);
  }
  return { version, tags, warnings };
}

function strip(value: string, prefix: string): string | undefined {
  return value.startsWith(prefix) ? value.slice(prefix.length) : undefined;
}

/**
 * `{{name}}` and `{{date 'FORMAT' tz='Zone'}}` expressions. Linear: one left-to-right scan, no
 * backtracking regular expression over the whole text.
 */
export function renderTemplate(
  text: string,
  ctx: TagRuleContext,
  shortSha: string,
  extra: Readonly<Record<string, string>> = {},
): string {
  const { event } = ctx;
  const branch = strip(event.ref, 'refs/heads/');
  const defaultBranch = payloadString(event.payload, 'repository', 'default_branch');
  const isDefault =
    branch !== undefined &&
    branch !== '' &&
    (branch === defaultBranch || /create|discussion|issues|schedule/.test(event.eventName));
  const simple: Record<string, string> = {
    branch: branch ?? '',
    tag: strip(event.ref, 'refs/tags/') ?? '',
    sha: shortSha,
    base_ref:
      (event.ref.startsWith('refs/tags/') &&
        payloadString(event.payload, 'base_ref')?.replace(/^refs\/heads\//, '')) ||
      (event.ref.startsWith('refs/pull/') && payloadString(event.payload, 'pull_request', 'base', 'ref')) ||
      '',
    is_default_branch: `${isDefault}`,
    is_not_default_branch: `${!isDefault}`,
    ...extra,
  };
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    const close = text.indexOf('}}', open + 2);
    if (close < 0) throw new TagRuleError(`"${text}": {{ without }}`);
    out += text.slice(i, open);
    out += expression(text.slice(open + 2, close).trim(), simple, ctx, text);
    i = close + 2;
  }
  return out;
}

function expression(expr: string, simple: Record<string, string>, ctx: TagRuleContext, text: string): string {
  if (Object.prototype.hasOwnProperty.call(simple, expr)) return simple[expr] ?? '';
  const m = /^(date|commit_date)\s+'([^']*)'(?:\s+tz='([^']*)')?$/.exec(expr);
  if (m) {
    const when = m[1] === 'commit_date' ? (ctx.commitDate ?? ctx.now) : ctx.now;
    return formatDate(when, m[2] ?? '', m[3] || 'UTC');
  }
  throw new TagRuleError(
    `"${text}": unknown expression {{${expr}}} (known: ${Object.keys(simple).join(', ')}, date 'FORMAT', commit_date 'FORMAT')`,
  );
}

/** moment's common format tokens over the date's fields in `timeZone`. */
export function formatDate(date: Date, format: string, timeZone: string): string {
  let parts: Record<string, string>;
  try {
    const dtf = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    parts = Object.fromEntries(dtf.formatToParts(date).map((p) => [p.type, p.value]));
  } catch {
    throw new TagRuleError(`unknown time zone tz='${timeZone}'`);
  }
  const n = (k: string) => String(Number(parts[k] ?? '0'));
  const p2 = (k: string) => n(k).padStart(2, '0');
  const tokens: Record<string, () => string> = {
    YYYY: () => parts['year'] ?? '',
    YY: () => (parts['year'] ?? '').slice(-2),
    MM: () => p2('month'),
    M: () => n('month'),
    DD: () => p2('day'),
    D: () => n('day'),
    HH: () => p2('hour'),
    H: () => n('hour'),
    mm: () => p2('minute'),
    m: () => n('minute'),
    ss: () => p2('second'),
    s: () => n('second'),
    SSS: () => String(date.getUTCMilliseconds()).padStart(3, '0'),
  };
  let out = '';
  const re = /\[([^\]]*)\]|YYYY|YY|SSS|MM|DD|HH|mm|ss|M|D|H|m|s/g;
  let last = 0;
  for (const match of format.matchAll(re)) {
    out += format.slice(last, match.index);
    out += match[1] !== undefined ? match[1] : (tokens[match[0]]?.() ?? match[0]);
    last = match.index + match[0].length;
  }
  return out + format.slice(last);
}
