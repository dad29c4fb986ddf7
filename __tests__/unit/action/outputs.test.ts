import { describe, expect, it } from 'vitest';

import {
  formatAnnotationsOutput,
  formatJsonOutput,
  formatLabelsOutput,
  versionOutput,
} from '../../../src/action/outputs.js';

describe('outputs in metadata-action formats', () => {
  const labels = {
    'org.opencontainers.image.title': 'app',
    'org.opencontainers.image.description': 'An app,\nwith = signs',
    'org.opencontainers.image.version': '1.2.3',
  };

  it('labels: KEY=VALUE lines, a line break in a value becomes a space', () => {
    expect(formatLabelsOutput(labels)).toBe(
      'org.opencontainers.image.title=app\n' +
        'org.opencontainers.image.description=An app, with = signs\n' +
        'org.opencontainers.image.version=1.2.3',
    );
    expect(formatLabelsOutput({})).toBe('');
  });

  it('json: {tags, labels, annotations}, labels an object (the old labels output)', () => {
    const json = JSON.parse(
      formatJsonOutput({ tags: ['r/app:1.2.3'], labels, annotations: ['index:a=b'] }),
    ) as Record<string, unknown>;
    expect(json).toEqual({ tags: ['r/app:1.2.3'], labels, annotations: ['index:a=b'] });
  });

  it('annotations: one per line', () => {
    expect(formatAnnotationsOutput(['index:a=b', 'manifest:c=d'])).toBe('index:a=b\nmanifest:c=d');
  });

  it("version: the image's version label when it has one, else the event's", () => {
    expect(versionOutput(labels, 'main')).toBe('1.2.3');
    expect(versionOutput({}, 'main')).toBe('main');
    expect(versionOutput({}, undefined)).toBe('');
  });
});
