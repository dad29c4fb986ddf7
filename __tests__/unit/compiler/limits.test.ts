import { describe, expect, it } from 'vitest';
import { MAX_REQUIREMENTS, MAX_TARGETS } from '../../../src/compiler/pyproject/limits.js';
import { boundedDistance, closest } from '../../../src/compiler/pyproject/suggest.js';
import { checkTargets } from '../../../src/compiler/index.js';
import { configError, PROJECT, snapshot } from './helpers.js';

describe('item 6: bounded work for any pyproject', () => {
  it(`more than ${MAX_TARGETS} targets is a clear error at [tool.microb.target]`, () => {
    const tables = Array.from({ length: MAX_TARGETS + 1 }, (_, i) => `[tool.microb.target.t${i}]\n`).join('');
    const error = configError(`${PROJECT}${tables}`);
    expect(error.problem).toBe(`${MAX_TARGETS + 1} targets, more than the ${MAX_TARGETS} microb compiles`);
    expect(`${error.location.line}:${error.location.column}`).toBe('5:14');
  });

  it(`more than ${MAX_REQUIREMENTS} requirements in a list is a clear error`, () => {
    const deps = Array.from({ length: MAX_REQUIREMENTS + 1 }, (_, i) => `"p${i}"`).join(',');
    const error = configError(`${PROJECT}dependencies = [${deps}]\n`);
    expect(error.field).toBe('project.dependencies');
    expect(error.hint).toMatch(/requirements\/lock file/);
  });

  it(`${MAX_TARGETS} targets are all checked (each once, from one parse)`, () => {
    const tables = Array.from({ length: MAX_TARGETS }, (_, i) => `[tool.microb.target.t${i}]\n`).join('');
    const broken = `[tool.microb.target.bad]\nflavour = "alpine"\n`;
    const { targets, errors } = checkTargets(
      snapshot(`${PROJECT}${tables.replace('[tool.microb.target.t999]\n', broken)}`),
    );
    expect(targets).toHaveLength(MAX_TARGETS);
    expect(errors.map((e) => e.problem)).toEqual(['unknown key `flavour` in target "bad"']);
    expect(errors[0]?.hint).toBe('did you mean `flavor`?');
  });

  it('suggestions: the same answers, with work bounded for long words', () => {
    expect(closest('flavour', ['flavor', 'env'])).toBe('flavor');
    expect(closest('pyhton_version', ['python_version', 'flavor'])).toBe('python_version');
    expect(closest('zzzzzz', ['flavor'])).toBeUndefined();
    expect(closest('x'.repeat(100_000), ['x'.repeat(100_000)])).toBeUndefined();
    expect(boundedDistance('kitten', 'sitting', 10)).toBe(3);
    expect(boundedDistance('kitten', 'sitting', 2)).toBe(2);
    expect(boundedDistance('abc', 'abc', 1)).toBe(0);
  });
});
