/**
 * `referencedFiles` decides which files the shells read into the snapshot before compiling: it
 * must read the pyproject the way compile does, or a file compile needs is missing (or a file
 * compile refuses, or never reads, is read — and hashed into the cache key).
 */
import { describe, expect, it } from 'vitest';
import { compileTargets, ConfigError, referencedFiles } from '../../../src/compiler/index.js';

const DEFAULTS = ['.python-version', '.dockerignore', 'uv.lock', 'poetry.lock', 'pdm.lock', 'pylock.toml'];
const PROJECT = '[project]\nname = "app"\nversion = "1"\nrequires-python = ">=3.11"\n';
const SETUPTOOLS = '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n';
const HATCHLING = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n';

/** A snapshot's files that remember every name compile asks for. */
class RecordingFiles extends Map<string, string | null> {
  readonly asked = new Set<string>();
  override get(key: string): string | null | undefined {
    this.asked.add(key);
    return super.get(key);
  }
}

/** The files compiling every target asks for (whatever each target's outcome). */
function filesCompileReads(pyproject: string, disk: Record<string, string>): Set<string> {
  const files = new RecordingFiles(Object.entries(disk));
  try {
    compileTargets({ pyprojectPath: 'pyproject.toml', pyprojectText: pyproject, files });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
  }
  return files.asked;
}

/** Each case: a pyproject, the files beside it, and the files beyond the defaults compile reads. */
const CASES: [string, string, Record<string, string>, string[]][] = [
  [
    'a dotted key at the top level',
    `tool.microb.target.api.requirements = "api.txt"\n${PROJECT}`,
    { 'api.txt': 'click\n' },
    ['api.txt'],
  ],
  [
    'an inline table of targets',
    `${PROJECT}[tool.microb]\ntarget = { web = { requirements = "web.txt" }, w2 = { lock = "locks/pylock.toml" } }\n`,
    { 'web.txt': 'click\n', 'locks/pylock.toml': '' },
    ['web.txt', 'locks/pylock.toml'],
  ],
  [
    'quoted keys',
    `${PROJECT}[tool."microb".target."worker"]\n"requirements" = 'worker.txt'\n`,
    { 'worker.txt': 'click\n' },
    ['worker.txt'],
  ],
  [
    'a key inherited through extends',
    `${PROJECT}[tool.microb.target.base]\nrequirements = "base.txt"\n[tool.microb.target.api]\nextends = "base"\n`,
    { 'base.txt': 'click\n' },
    ['base.txt'],
  ],
  [
    'a path outside the project: compile refuses it at the pyproject line and reads nothing',
    `${PROJECT}[tool.microb.target.api]\nrequirements = "../shared/requirements.txt"\n`,
    {},
    [],
  ],
  [
    'a target that does not compile (unknown key) reads none of its files',
    `${PROJECT}[tool.microb.target.api]\nrequirements = "api.txt"\nentrypont = ["app"]\n[tool.microb.target.ok]\nrequirements = "ok.txt"\n`,
    { 'api.txt': 'click\n', 'ok.txt': 'six\n' },
    ['ok.txt'],
  ],
  [
    'setuptools dynamic dependencies from files',
    `${PROJECT.replace('version = "1"\n', 'version = "1"\ndynamic = ["dependencies"]\n')}${SETUPTOOLS}[tool.setuptools.dynamic]\ndependencies = { file = ["requirements.in"] }\n`,
    { 'requirements.in': 'click\n' },
    ['requirements.in'],
  ],
  [
    'a [tool.setuptools.dynamic] left in a hatchling project: nobody reads its files',
    `${PROJECT.replace('version = "1"\n', 'version = "1"\ndynamic = ["dependencies"]\n')}${HATCHLING}[tool.setuptools.dynamic]\ndependencies = { file = ["requirements.in"] }\n`,
    { 'requirements.in': 'click\n' },
    [],
  ],
];

describe('referencedFiles reads the pyproject as compile does', () => {
  it.each(CASES)('%s', (_, pyproject, disk, read) => {
    const referenced = referencedFiles(pyproject);
    const asked = filesCompileReads(pyproject, disk);
    // every file compile reads is in the snapshot, and nothing more than the defaults and those
    expect([...asked].filter((f) => !referenced.includes(f))).toEqual([]);
    expect(referenced.filter((f) => !DEFAULTS.includes(f)).sort()).toEqual([...read].sort());
    expect([...asked].filter((f) => !DEFAULTS.includes(f)).sort()).toEqual([...read].sort());
  });

  it("a [project] compile refuses still names the targets' files: the shells mask what they hold", () => {
    // compile stops at the credential in the dependency URL before it reads req.txt; the action
    // reads req.txt all the same and masks the credential in it before compile's error is printed
    const pyproject = `${PROJECT}dependencies = ["lib @ git+https://ghp_token12345678@github.com/o/lib"]\n[tool.microb.target.default]\nrequirements = "req.txt"\n`;
    expect(referencedFiles(pyproject)).toEqual([...DEFAULTS, 'req.txt']);
  });

  it('never throws on what a fork may commit: broken TOML or a broken [tool.microb] names the defaults', () => {
    expect(referencedFiles('not toml [')).toEqual(DEFAULTS);
    expect(referencedFiles('[tool.microb]\ntarget = "api"\n')).toEqual(DEFAULTS);
    expect(referencedFiles('[tool.microb.target.a]\nrequirements = 5\n')).toEqual(DEFAULTS);
  });
});
