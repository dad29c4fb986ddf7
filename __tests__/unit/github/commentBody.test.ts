import { describe, expect, it } from 'vitest';

import {
  commentMarker,
  MAX_COMMENT_LENGTH,
  renderDockerfileComment,
} from '../../../src/github/commentBody.js';
import { redactSecrets } from '../../../src/github/redact.js';

describe('renderDockerfileComment', () => {
  it('starts with the marker and is the same for the same input', () => {
    const input = { target: 'api', dockerfile: 'FROM python:3.11\n', base: { status: 'unchanged' as const } };
    const body = renderDockerfileComment(input);
    expect(body.split('\n')[0]).toBe(commentMarker('api'));
    expect(renderDockerfileComment(input)).toBe(body);
  });

  it('fences a Dockerfile that contains backticks so it cannot end the block', () => {
    const dockerfile = 'FROM x\nRUN echo "```" && echo "````"\n';
    const body = renderDockerfileComment({ target: 't', dockerfile, base: { status: 'added' } });
    expect(body).toContain('`````dockerfile\nFROM x');
    expect(body).toMatch(/\n`````\n<\/details>/);
  });

  it('stays under GitHub’s comment limit, keeping the diff', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `RUN echo line ${i} ${'x'.repeat(20)}`).join('\n');
    const body = renderDockerfileComment({
      target: 't',
      dockerfile: `${big}\nRUN new\n`,
      base: { status: 'changed', baseDockerfile: `${big}\nRUN old\n` },
    });
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body).toMatch(/^-RUN old$/m);
    expect(body).toMatch(/^\+RUN new$/m);
    expect(body).toContain('too long for a comment');
  });
});

describe('redactSecrets', () => {
  it('masks values (longest first, URL-encoded too) and URL credentials, not short strings', () => {
    expect(redactSecrets('p@ss:word and p%40ss%3Aword and abc', ['p@ss:word', 'abc'])).toBe(
      '*** and *** and abc',
    );
    expect(redactSecrets('tokenX tokenXYZ', ['tokenX', 'tokenXYZ'])).toBe('*** ***');
    expect(redactSecrets('--index-url https://user:s3cr3t@pypi.example/simple', [])).toBe(
      '--index-url https://pypi.example/simple',
    );
    // the compiler's one redaction: any scheme and case, a token written as the user name too
    expect(
      redactSecrets('git+HTTPS://ghp_abcdef@github.example/x.git and Ftp://u:p@files.example/a', []),
    ).toBe('git+HTTPS://github.example/x.git and Ftp://files.example/a');
  });
});
