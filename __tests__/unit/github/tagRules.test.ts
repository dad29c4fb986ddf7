/**
 * The tag rule language against docker/metadata-action's README examples (the tables under
 * "type=semver", "type=pep440", "type=ref", "type=match", "type=schedule", "priority", "flavor"),
 * plus where we differ on purpose (PEP 440 post-releases, pull_request_target, type=default).
 */
import { describe, expect, it } from 'vitest';

import type { GitHubEventContext } from '../../../src/github/eventContext.js';
import { parseListInput } from '../../../src/github/listInput.js';
import { computeTags } from '../../../src/github/tags.js';
import {
  evaluateTagRules,
  formatDate,
  parseFlavor,
  parseTagRules,
  TagRuleError,
} from '../../../src/github/tagRules.js';

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
const NOW = new Date('2020-01-10T00:30:00.000Z');

function event(ref: string, eventName = 'push', payload: Record<string, unknown> = {}): GitHubEventContext {
  return { eventName, ref, sha: SHA, repository: 'o/app', serverUrl: 'https://github.example', payload };
}

function run(tags: string, ev: GitHubEventContext, flavor = '') {
  return evaluateTagRules(
    parseTagRules(parseListInput(tags, { ignoreComma: true })),
    parseFlavor(parseListInput(flavor, { ignoreComma: true })),
    { event: ev, now: NOW },
  );
}

describe('type=semver (metadata-action README table)', () => {
  const rows: [string, string, string | undefined, string][] = [
    ['v1.2.3', '{{raw}}', undefined, 'v1.2.3'],
    ['v1.2.3', '{{version}}', undefined, '1.2.3'],
    ['v1.2.3', '{{major}}.{{minor}}', undefined, '1.2'],
    ['v1.2.3', 'v{{major}}', undefined, 'v1'],
    ['v1.2.3', '{{minor}}', undefined, '2'],
    ['v1.2.3', '{{patch}}', undefined, '3'],
    ['p1/v1.2.3', '{{version}}', 'v(\\d.\\d.\\d)$', '1.2.3'],
    ['v2.0.8-beta.67', '{{raw}}', undefined, 'v2.0.8-beta.67'],
    ['v2.0.8-beta.67', '{{version}}', undefined, '2.0.8-beta.67'],
    ['v2.0.8-beta.67', '{{major}}', undefined, '2.0.8-beta.67'],
    ['v2.0.8-beta.67', '{{major}}.{{minor}}', undefined, '2.0.8-beta.67'],
  ];
  it.each(rows)('%s with %s (match %s) → %s', (tag, pattern, match, out) => {
    const rule = `type=semver,pattern=${pattern}${match ? `,match=${match}` : ''}`;
    const r = run(rule, event(`refs/tags/${tag}`));
    expect(r.tags[0]).toBe(out);
    expect(r.version).toBe(out);
    // a final release moves latest (flavor latest=auto); a pre-release does not
    expect(r.tags.includes('latest')).toBe(!tag.includes('beta'));
  });

  it('reads PEP 440 (the pep440 table) — a post-release is a release here, unlike metadata-action', () => {
    const rows: [string, string, string][] = [
      ['1.2.3', '{{raw}}', '1.2.3'],
      ['v1.2.3', '{{version}}', '1.2.3'],
      ['1.2.3', 'v{{major}}', 'v1'],
      ['v1.2.3rc2', '{{raw}}', 'v1.2.3rc2'],
      ['1.2.3rc2', '{{major}}.{{minor}}', '1.2.3rc2'],
      ['1.2.3beta2', '{{major}}.{{minor}}', '1.2.3b2'],
      ['1.0dev4', '{{major}}.{{minor}}', '1.0.dev4'],
      // metadata-action: 1.2.3.post1 (post-releases only get their full version)
      ['1.2.3post1', '{{major}}.{{minor}}', '1.2'],
      // an epoch: only the full version
      ['1!2.0', '{{major}}', '1-2.0'],
    ];
    for (const [tag, pattern, out] of rows) {
      expect(
        run(`type=pep440,pattern=${pattern}`, event(`refs/tags/${tag}`)).tags[0],
        `${tag} ${pattern}`,
      ).toBe(out);
      expect(
        run(`type=semver,pattern=${pattern}`, event(`refs/tags/${tag}`)).tags[0],
        `${tag} ${pattern}`,
      ).toBe(out);
    }
  });

  it('produces nothing for a branch, and warns for a tag that is no version', () => {
    expect(run('type=semver,pattern={{version}}', event('refs/heads/main')).tags).toEqual([]);
    const r = run('type=semver,pattern={{version}}', event('refs/tags/nightly-build'));
    expect(r.tags).toEqual([]);
    expect(r.warnings[0]).toContain('not a version');
  });

  it('takes value= instead of the git tag', () => {
    expect(run('type=semver,pattern={{version}},value=v1.0.0', event('refs/heads/main')).tags).toEqual([
      '1.0.0',
      'latest',
    ]);
  });
});

describe('type=ref (README table)', () => {
  const rows: [string, string, string, string][] = [
    ['pull_request', 'refs/pull/2/merge', 'pr', 'pr-2'],
    ['push', 'refs/heads/master', 'branch', 'master'],
    ['push', 'refs/heads/my/branch', 'branch', 'my-branch'],
    ['push', 'refs/tags/v1.2.3', 'tag', 'v1.2.3'],
    ['push', 'refs/tags/v2.0.8-beta.67', 'tag', 'v2.0.8-beta.67'],
    ['workflow_dispatch', 'refs/heads/master', 'branch', 'master'],
  ];
  it.each(rows)('%s %s event=%s → %s', (eventName, ref, ev, out) => {
    expect(run(`type=ref,event=${ev}`, event(ref, eventName)).tags[0]).toBe(out);
  });

  it('tags a tag push latest (latest=auto), a branch not', () => {
    expect(run('type=ref,event=tag', event('refs/tags/v1.2.3')).tags).toEqual(['v1.2.3', 'latest']);
    expect(run('type=ref,event=branch', event('refs/heads/main')).tags).toEqual(['main']);
  });

  it('pull_request_target: pr-N from the payload, and no branch tag from the base ref (our difference)', () => {
    const ev = event('refs/heads/main', 'pull_request_target', { pull_request: { number: 7 } });
    expect(run('type=ref,event=pr\ntype=ref,event=branch\ntype=edge,branch=main', ev).tags).toEqual(['pr-7']);
  });
});

describe('the other types', () => {
  it('type=sha short and long, with a custom prefix', () => {
    expect(run('type=sha', event('refs/heads/main')).tags).toEqual(['sha-860c190']);
    expect(run('type=sha,format=long,prefix=', event('refs/heads/main')).tags).toEqual([SHA]);
  });

  it('type=raw, in all three spellings', () => {
    expect(run('type=raw,value=foo\ntype=raw,bar\nbaz', event('refs/heads/main')).tags).toEqual([
      'foo',
      'bar',
      'baz',
    ]);
  });

  it('type=schedule: nightly, a date pattern (UTC and a time zone); nothing on a push', () => {
    expect(run('type=schedule', event('refs/heads/main', 'schedule')).tags).toEqual(['nightly']);
    expect(
      run("type=schedule,pattern={{date 'YYYYMMDD'}}", event('refs/heads/main', 'schedule')).tags,
    ).toEqual(['20200110']);
    expect(
      run(
        "type=schedule,pattern={{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}",
        event('refs/heads/main', 'schedule'),
      ).tags,
    ).toEqual(['20200110-093000']);
    expect(run('type=schedule', event('refs/heads/main')).tags).toEqual([]);
  });

  it('type=edge only on the default branch (or branch=)', () => {
    const payload = { repository: { default_branch: 'main' } };
    expect(run('type=edge', event('refs/heads/main', 'push', payload)).tags).toEqual(['edge']);
    expect(run('type=edge', event('refs/heads/dev', 'push', payload)).tags).toEqual([]);
    expect(run('type=edge,branch=dev', event('refs/heads/dev', 'push', payload)).tags).toEqual(['edge']);
  });

  it('type=match (README table)', () => {
    const rows: [string, string, string, string][] = [
      ['v1.2.3', '\\d.\\d.\\d', '0', '1.2.3'],
      ['v2.0.8-beta.67', 'v(.*)', '1', '2.0.8-beta.67'],
      ['v2.0.8-beta.67', 'v(\\d.\\d)', '1', '2.0'],
      ['20200110-RC2', '\\d+', '0', '20200110'],
      ['p1/v1.2.3', 'p1/v(\\d.\\d.\\d)', '1', '1.2.3'],
    ];
    for (const [tag, pattern, group, out] of rows) {
      expect(run(`type=match,pattern=${pattern},group=${group}`, event(`refs/tags/${tag}`)).tags[0]).toBe(
        out,
      );
    }
  });
});

describe('priority, enable, prefix, suffix, flavor', () => {
  it('sorts by priority; the first tag is the version; the first producing rule decides latest', () => {
    const r = run('type=sha\ntype=ref,event=tag\ntype=semver,pattern={{version}}', event('refs/tags/v1.2.3'));
    expect(r.tags).toEqual(['1.2.3', 'v1.2.3', 'sha-860c190', 'latest']);
    expect(r.version).toBe('1.2.3');
    const raised = run('type=sha,priority=2000\ntype=semver,pattern={{version}}', event('refs/tags/v1.2.3'));
    expect(raised.version).toBe('sha-860c190');
    // sha decides latest first (auto: false for sha)
    expect(raised.tags).toEqual(['sha-860c190', '1.2.3']);
  });

  it('enable= with a global expression; a non-boolean is an error', () => {
    const main = event('refs/heads/main', 'push', { repository: { default_branch: 'main' } });
    const dev = event('refs/heads/dev', 'push', { repository: { default_branch: 'main' } });
    const rules = 'type=raw,value=latest,enable={{is_default_branch}}';
    expect(run(rules, main).tags).toEqual(['latest']);
    expect(run(rules, dev).tags).toEqual([]);
    expect(() => run('type=raw,value=x,enable=yes', main)).toThrow(TagRuleError);
  });

  it('prefix=/suffix= on a rule, global expressions in them', () => {
    expect(run('type=sha,prefix={{branch}}-', event('refs/heads/main')).tags).toEqual(['main-860c190']);
    expect(run('type=raw,value=mytag-{{branch}}-{{sha}}', event('refs/heads/main')).tags).toEqual([
      'mytag-main-860c190',
    ]);
    expect(run('type=ref,event=branch,suffix=-slim', event('refs/heads/main')).tags).toEqual(['main-slim']);
  });

  it('flavor: latest=false/true, a prefix and suffix (onlatest)', () => {
    const tag = event('refs/tags/v1.2.3');
    expect(run('type=semver,pattern={{version}}', tag, 'latest=false').tags).toEqual(['1.2.3']);
    expect(run('type=ref,event=branch', event('refs/heads/main'), 'latest=true').tags).toEqual([
      'main',
      'latest',
    ]);
    expect(
      run('type=semver,pattern={{version}}', tag, 'prefix=py-\nsuffix=-slim,onlatest=true').tags,
    ).toEqual(['py-1.2.3-slim', 'latest-slim']);
    // a rule's own prefix wins over the flavor's
    expect(run('type=sha', event('refs/heads/main'), 'prefix=x-').tags).toEqual(['sha-860c190']);
  });

  it('rejects unknown types, attributes and flavor entries, and full references with images', () => {
    expect(() => parseTagRules(['type=bogus'])).toThrow(/unknown type "bogus"/);
    expect(() => parseTagRules(['type=sha,pattern=x'])).toThrow(/has no attribute "pattern"/);
    expect(() => parseTagRules(['type=semver'])).toThrow(/needs pattern=/);
    expect(() => parseTagRules(['ghcr.io/o/app:1.0'])).toThrow(/not a tag name/);
    expect(() => parseFlavor(['latest=maybe'])).toThrow(TagRuleError);
    expect(() => parseFlavor(['onlatest'])).toThrow(TagRuleError);
    expect(() => run('type=raw,value={{nope}}', event('refs/heads/main'))).toThrow(
      /unknown expression \{\{nope\}\}/,
    );
  });
});

describe('type=default: today behaviour, extendable by one line', () => {
  const events = [
    event('refs/heads/feature/x'),
    event('refs/tags/v1.2.3'),
    event('refs/tags/v0.3.1'),
    event('refs/tags/v2.0.0-rc.1'),
    event('refs/tags/1.2.3.post1'),
    event('refs/tags/nightly-build'),
    event('refs/pull/42/merge', 'pull_request', { pull_request: { number: 42 } }),
    event('refs/heads/main', 'schedule'),
    event('refs/heads/main', 'pull_request_target', { pull_request: { number: 3 } }),
    { ...event('refs/heads/main'), ref: '' },
  ];
  it.each(events.map((e) => [e.eventName, e.ref, e] as const))(
    '%s %s: empty tags = computeTags',
    (_n, _r, ev) => {
      const computed = computeTags(ev);
      const r = run('', ev);
      expect(r.tags).toEqual(computed.tags);
      expect(r.version).toBe(computed.version);
    },
  );

  it('one extra tag: the defaults plus a raw tag (latest stays last)', () => {
    expect(run('type=default\ntype=raw,value=stable', event('refs/tags/v1.2.3')).tags).toEqual([
      '1.2.3',
      '1.2',
      '1',
      'sha-860c190',
      'stable',
      'latest',
    ]);
  });
});

describe('formatDate', () => {
  it('moment tokens and [literals]', () => {
    const d = new Date('2026-03-04T05:06:07.089Z');
    expect(formatDate(d, 'YYYY-MM-DDTHH:mm:ss.SSS[Z]', 'UTC')).toBe('2026-03-04T05:06:07.089Z');
    expect(formatDate(d, 'YY M D H m s', 'UTC')).toBe('26 3 4 5 6 7');
    expect(() => formatDate(d, 'YYYY', 'Mars/Base')).toThrow(TagRuleError);
  });
});
