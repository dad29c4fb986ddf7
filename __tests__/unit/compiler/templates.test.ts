import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { resolveTemplate, parseTemplate } from '../../../src/compiler/model/template.js';
import { compileText, PROJECT } from './helpers.js';

const T = '[tool.microb.target.default]';

describe('item 11: template names are looked up as own keys only', () => {
  for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
    it(`\${${name}} is an unknown build arg unless given`, () => {
      const text = `${PROJECT}${T}\nlabels = { "a.b" = "x-\${${name}}-y" }\nenv = { V = "\${${name}:-dflt}" }\n`;
      const r = compileText(text);
      expect(r.plan.labels['a.b']).toBe('x--y');
      expect(r.dockerfile).toContain(`ARG ${name}\n`);
      expect(r.dockerfile).toContain(`V="\${${name}:-dflt}"`);
      // and when it is given, it is used like any other build arg
      const given = compileText(text, { buildArgs: Object.fromEntries([[name, 'v']]) });
      expect(given.plan.labels['a.b']).toBe('x-v-y');
      expect(given.dockerfile).toContain(`ARG ${name}="v"\n`);
    });
  }

  it('resolveTemplate ignores inherited properties of the build-arg object', () => {
    expect(resolveTemplate(parseTemplate('${constructor}${__proto__:-p}'), {})).toBe('p');
  });
});

describe("item 12: a ' (and other quotes) in a ${X:-fallback} reach the image as written", () => {
  /** The value BuildKit's word processing gives for a LABEL/ENV pair, as dockerfile-ast models it. */
  it('escapes the single quote so the label is one word and the next label survives', () => {
    const text = `${PROJECT}${T}\nlabels = { "a" = "\${X:-it's}", "b" = "after" }\n`;
    const r = compileText(text);
    expect(r.plan.labels).toMatchObject({ a: "it's", b: 'after' });
    const line = r.dockerfile.split('\n').find((l) => l.includes('"a"=')) ?? '';
    expect(line).toContain(`\${X:-it\\'s}`);
    const label = DockerfileParser.parse(r.dockerfile)
      .getInstructions()
      .find((i) => i.getKeyword() === 'LABEL');
    expect(label?.getArgumentsContent()).toContain('"b"="after"');
  });
});
