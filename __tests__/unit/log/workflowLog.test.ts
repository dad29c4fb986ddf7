import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskedForms, neutralise, oneLine } from '../../../src/log/workflowLog.js';

/** Would the runner read `line` as a command? (v2 after TrimStart, or v1 `##[` anywhere) */
const isCommand = (line: string): boolean =>
  /^[\s\p{Z}\p{Cf}\u0085\u180e]*::/u.test(line) || line.includes('##[');
/** The runner's lines: CR, LF and CRLF end one. */
const runnerLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

describe('neutralise (issue 9, item 1)', () => {
  it.each([
    ['x\n::save-state name=a::b', 'x\n\\x3a:save-state name=a::b'],
    ['x\r::set-output name=a::b', 'x\\r::set-output name=a::b'],
    ['  ::error::x', '  \\x3a:error::x'],
    ['\u00a0\u200b::add-mask::x', '\u00a0\u200b\\x3a:add-mask::x'],
    ['a ##[set-output name=x;]y', 'a #\\x23[set-output name=x;]y'],
    ['a\u2028::x::\u2029\u0085\u0000\u001b[31m', 'a\\u2028::x::\\u2029\\x85\\x00\\x1b[31m'],
    ['plain text: ok', 'plain text: ok'],
  ])('%j → %j', (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });

  it('oneLine leaves no line break at all', () => {
    expect(oneLine('a\nb\r\nc')).toBe('a\\nb\\r\\nc');
  });

  it('property: no line of any text, however built, is a workflow command', () => {
    const piece = fc.constantFrom(
      '\n',
      '\r',
      '\u2028',
      '\u0085',
      ' ',
      '\t',
      '\u200b',
      '::',
      ':',
      '##[',
      '#',
      '[',
      'x',
      'set-output name=a::b',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), fc.string(), (parts, s) => {
        for (const line of runnerLines(neutralise(parts.join('') + s))) expect(isCommand(line)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('maskedForms (issue 9, item 14)', () => {
  it('the raw value and the encodings pip and URLs print', () => {
    expect(maskedForms('user@corp')).toEqual(expect.arrayContaining(['user@corp', 'user%40corp']));
    expect(maskedForms("a b!'")).toEqual(
      expect.arrayContaining(["a b!'", "a%20b!'", 'a%20b%21%27', "a+b!'"]),
    );
    expect(maskedForms('x')).toEqual(['x']);
    expect(maskedForms('')).toEqual([]);
    expect(maskedForms('line1\nline2')).toEqual(expect.arrayContaining(['line1', 'line2']));
  });
});
