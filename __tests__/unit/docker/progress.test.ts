import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFailure, ProgressLog } from '../../../src/docker/buildx/progress.js';

// real `docker buildx build --progress=plain` logs (engine 26.1, buildx 0.13), recorded on the e2e machine
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

const feed = (text: string, keep?: number) => {
  const log = new ProgressLog(keep);
  for (const line of text.split('\n')) log.add(line);
  return log.failure();
};

describe('ProgressLog', () => {
  it('names the failing RUN step and keeps its output, not the steps before it', () => {
    const f = feed(fixture('failed-run-step.log'));
    expect(f.step).toBe(
      '[3/3] RUN echo first line && echo second line >&2 && for i in 1 2 3; do echo "out $i"; done && exit 3',
    );
    expect(f.lastLines).toEqual(['first line', 'out 1', 'out 2', 'out 3', 'second line']);
    expect(f.error).toMatch(/^ERROR: failed to solve: .* exit code: 3$/);
  });

  it('keeps only the last N lines of a step', () => {
    const lines = [
      '#7 [builder 4/6] RUN pip install x',
      ...Array.from({ length: 30 }, (_, i) => `#7 1.${i} line ${i}`),
    ];
    lines.push('#7 ERROR: process "/bin/sh -c pip install x" did not complete successfully: exit code: 1');
    const f = feed(lines.join('\n'), 5);
    expect(f.step).toBe('[builder 4/6] RUN pip install x');
    expect(f.lastLines).toEqual(['line 25', 'line 26', 'line 27', 'line 28', 'line 29']);
    expect(f.error).toMatch(/#?ERROR: process/);
  });

  it('reports a failure outside any step (daemon unreachable) by its error line', () => {
    const f = feed(fixture('daemon-unreachable.log'));
    expect(f.step).toBeUndefined();
    expect(f.error).toBe(
      'ERROR: Cannot connect to the Docker daemon at unix:///nonexistent. Is the docker daemon running?',
    );
  });

  it('a push refused by the registry is the export step failing', () => {
    const f = feed(
      [
        '#12 exporting to image',
        '#12 exporting layers done',
        '#12 pushing layers',
        '#12 pushing layers 0.1s done',
        '#12 ERROR: failed to push 127.0.0.1:5999/app:1: unexpected status from HEAD request: 403 Forbidden',
        '------',
        ' > exporting to image:',
        '------',
        'ERROR: failed to solve: failed to push 127.0.0.1:5999/app:1: unexpected status from HEAD request: 403 Forbidden',
      ].join('\n'),
    );
    expect(f.step).toBe('exporting to image');
    expect(f.error).toMatch(/403 Forbidden/);
  });
});

describe('ProgressLog.stepCounts', () => {
  it("counts the Dockerfile's RUN/COPY steps and the cached ones; not buildx's own, not FROM", () => {
    const log = new ProgressLog();
    for (const line of fixture('failed-run-step.log').split('\n')) log.add(line);
    // [image 1/5] FROM … is CACHED in the log, but a FROM is no work
    expect(log.stepCounts()).toEqual({ total: 2, cached: 0, cachedNames: [] });
    for (const line of [
      '#20 [builder 3/5] COPY pyproject.toml /src/',
      '#20 CACHED',
      '#21 [deps 1/1] RUN pip install x',
      '#21 DONE 1.0s',
      // a build-contexts stand-in for a base image is a FROM too
      '#22 [context python:3.11-slim] mirror.local/python:3.11-slim',
      '#22 CACHED',
    ]) {
      log.add(line);
    }
    expect(log.stepCounts()).toEqual({
      total: 4,
      cached: 1,
      cachedNames: ['[builder 3/5] COPY pyproject.toml /src/'],
    });
  });
});

describe('formatFailure', () => {
  it('puts the step, its last lines and the error in one message', () => {
    const text = formatFailure(feed(fixture('failed-run-step.log')), 1);
    expect(text.split('\n')).toEqual([
      'docker buildx build failed at step [3/3] RUN echo first line && echo second line >&2 && for i in 1 2 3; do echo "out $i"; done && exit 3',
      'Last lines of the step:',
      '  first line',
      '  out 1',
      '  out 2',
      '  out 3',
      '  second line',
      expect.stringMatching(/^ERROR: failed to solve/),
    ]);
  });

  it('without a step: the exit code and the error', () => {
    expect(formatFailure(feed(fixture('daemon-unreachable.log')), 1)).toBe(
      'docker buildx build failed (exit code 1)\nERROR: Cannot connect to the Docker daemon at unix:///nonexistent. Is the docker daemon running?',
    );
  });
});
