/** List inputs parsed as build-push-action's Util.getList does (its own test cases where they apply). */
import { describe, expect, it } from 'vitest';

import { ListInputError, parseAttributes, parseListInput } from '../../../src/github/listInput.js';

describe('parseListInput', () => {
  it('splits on newlines and commas (tags, platforms)', () => {
    expect(parseListInput('linux/amd64,linux/arm64\n  linux/arm/v7  \n\n')).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/arm/v7',
    ]);
    expect(parseListInput('')).toEqual([]);
  });

  it('ignoreComma keeps one item per line (cache-to, outputs, build-contexts)', () => {
    expect(
      parseListInput('type=registry,ref=r/app:cache,mode=max\ntype=local,dest=/tmp/c', { ignoreComma: true }),
    ).toEqual(['type=registry,ref=r/app:cache,mode=max', 'type=local,dest=/tmp/c']);
  });

  it('a quoted item holds commas and newlines (multi-line secrets), "" is a quote', () => {
    const text = 'GIT_AUTH_TOKEN=abc\n"MYSECRET=aaaa\nbbbb\ncccc"\n"QUOTED=a ""b"" c"';
    expect(parseListInput(text, { ignoreComma: true, trimWhitespace: false })).toEqual([
      'GIT_AUTH_TOKEN=abc',
      'MYSECRET=aaaa\nbbbb\ncccc',
      'QUOTED=a "b" c',
    ]);
    // a quoted comma inside a field is joined back (csv-parse records joined with ",")
    expect(parseListInput('"type=image,name=a,b",push=true', { ignoreComma: true })).toEqual([
      'type=image,name=a,b,push=true',
    ]);
  });

  it('a quote inside an unquoted field is a character; quote=false ignores quotes (outputs)', () => {
    expect(parseListInput('a"b,c', { ignoreComma: true })).toEqual(['a"b,c']);
    expect(parseListInput('"type=local,dest=x"', { ignoreComma: true, quote: false })).toEqual([
      '"type=local,dest=x"',
    ]);
  });

  it('CRLF line ends', () => {
    expect(parseListInput('a=1\r\nb=2\r\n', { ignoreComma: true })).toEqual(['a=1', 'b=2']);
  });

  it('an unclosed quote is an error, not a guess', () => {
    expect(() => parseListInput('"MYSECRET=aaa\nbbb', { ignoreComma: true })).toThrow(ListInputError);
  });

  it('is linear: 200k items in well under a second', () => {
    const text = 'x=1,'.repeat(200_000);
    const t = Date.now();
    expect(parseListInput(text)).toHaveLength(200_000);
    expect(Date.now() - t).toBeLessThan(1000);
  });
});

describe('parseAttributes', () => {
  it('key=value pairs, a bare field has key ""', () => {
    expect(parseAttributes('type=raw, Value = foo ,bar,pattern={{major}}={{minor}}')).toEqual([
      { key: 'type', value: 'raw' },
      { key: 'value', value: 'foo' },
      { key: '', value: 'bar' },
      { key: 'pattern', value: '{{major}}={{minor}}' },
    ]);
  });
});
