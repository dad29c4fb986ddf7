import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('README.md', () => {
  it('holds the current docs/*.md and bench results (node scripts/readme.mjs)', () => {
    expect(() =>
      execFileSync('node', ['scripts/readme.mjs', '--check'], { cwd: root, stdio: 'pipe' }),
    ).not.toThrow();
  });
});
