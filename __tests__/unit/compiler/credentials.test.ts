import { describe, expect, it } from 'vitest';
import { findUrlCredential, redactUrlCredentials } from '../../../src/compiler/index.js';
import { configError, compileText, PROJECT } from './helpers.js';

describe('one credential check: any scheme, any case, a real URL parser', () => {
  const refused = [
    'git+HTTPS://ghp_x@github.com/o/r',
    'Https://u:p@host/pkg.whl',
    'ftp://u:p@host/pkg.tar.gz',
    'HTTP://token@host/x',
    'git+ssh://git:secret@github.com/o/r',
    'svn+https://u@host/x',
    'https://u:p@[broken/x',
  ];
  for (const url of refused) {
    it(`refuses ${url}`, () => {
      expect(findUrlCredential(`pkg @ ${url}`)).toMatchObject({ index: 6 });
    });
  }
  const allowed = [
    'git+ssh://git@github.com/o/r@v1',
    'ssh://git@host/r',
    'https://host/simple',
    'git+https://github.com/o/r@v1#egg=r',
    'https://host/p@1.0/x.whl',
    'user@example.com',
  ];
  for (const url of allowed) {
    it(`allows ${url}`, () => {
      expect(findUrlCredential(`pkg @ ${url}`)).toBeUndefined();
    });
  }

  it('redacts every URL credential of a text, keeping the rest', () => {
    expect(
      redactUrlCredentials(
        '["a @ git+HTTPS://ghp_x@github.com/o/r", "b @ Https://u:p@h/x", "c @ ftp://u:p@h/y", "d @ git+ssh://git@h/z"]',
      ),
    ).toBe('["a @ git+HTTPS://github.com/o/r", "b @ Https://h/x", "c @ ftp://h/y", "d @ git+ssh://git@h/z"]');
  });
});

describe('the check applies to every URL-bearing requirement', () => {
  const T = '[tool.microb.target.default]';
  it.each([
    [
      'dependencies',
      `[project]\nname = "a"\nversion = "1"\ndependencies = ["p @ git+HTTPS://ghp_x@github.com/o/r"]\n`,
      '4:22',
      'project.dependencies.0',
    ],
    [
      'build requires',
      `[build-system]\nrequires = ["b @ ftp://u:p@h/b.tar.gz"]\n[project]\nname = "a"\nversion = "1"\n`,
      '2:18',
      'build-system.requires.0',
    ],
    [
      'extras',
      `[project]\nname = "a"\nversion = "1"\n[project.optional-dependencies]\nx = ["p @ Https://u:p@h/x.whl"]\n`,
      '5:11',
      'project.optional-dependencies.x.0',
    ],
    [
      'indices',
      `${PROJECT}${T}\nindices = [{ url = "Https://u:p@h/simple" }]\n`,
      '6:21',
      'tool.microb.target.default.indices.0.url',
    ],
  ])('%s', (_what, text, at, field) => {
    const error = configError(text);
    expect(`${error.location.line}:${error.location.column}`).toBe(at);
    expect(error.field).toBe(field);
    expect(error.problem).toMatch(/URL contains credentials/);
    expect(error.hint).toMatch(/indices/);
  });

  it('add_files URLs (written into the ADD line)', () => {
    const error = configError(`${PROJECT}${T}\nadd_files = [{ src = "HTTPS://tok@h/f", dst = "/app/f" }]\n`);
    expect(error.field).toBe('tool.microb.target.default.add_files.0.src');
    expect(`${error.location.line}:${error.location.column}`).toBe('6:23');
    expect(error.problem).toMatch(/https URL contains credentials/);
  });

  it('requirements-file lines, located in that file', () => {
    const error = configError(
      `${PROJECT}${T}\nrequirements = "requirements.txt"\n`,
      {},
      { 'requirements.txt': 'ok==1\n  x @ git+HTTPS://ghp_x@github.com/o/r\n' },
    );
    expect(error.location).toEqual({ file: 'proj/requirements.txt', line: 2, column: 7 });
    expect(error.problem).toMatch(/contains credentials/);
  });

  it('the dependency label and plan carry no credential (none can get there)', () => {
    const r = compileText(`${PROJECT}dependencies = ["p @ git+ssh://git@github.com/o/r"]\n`);
    expect(r.plan.dependencies).toEqual(['p @ git+ssh://git@github.com/o/r']);
  });
});
