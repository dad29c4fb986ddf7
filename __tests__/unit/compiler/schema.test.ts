import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from '../../../scripts/schemaFiles.js';
import { PORT } from '../../../src/compiler/resolve/checkShape.js';
import { APK_PACKAGE, APT_PACKAGE, TARGET, type Shape } from '../../../src/compiler/resolve/keys.js';
import {
  BEYOND_SCHEMA,
  EDGE_CASES,
  edgeCasePyproject,
  schemaErrors,
  schemaText,
  schemaVerdict,
  validatorVerdict,
} from './schemaVerdict.js';

const root = path.resolve(import.meta.dirname, '../../..');

/** Every pyproject*.toml file under these directories (fixtures included), skipping node_modules. */
function pyprojects(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (entry === 'node_modules' || entry.startsWith('.')) return [];
    if (statSync(full).isDirectory()) return pyprojects(full);
    return /^pyproject.*\.toml$/.test(entry) ? [full] : [];
  });
}

describe('schema/ is generated from the key table', () => {
  it('the committed files are what `npm run schema` writes', async () => {
    for (const [file, text] of Object.entries(await schemaFiles()))
      expect(readFileSync(path.join(root, file), 'utf8'), `${file} is stale: run \`npm run schema\``).toBe(
        text,
      );
  });

  it('is draft 2020-12, and every key of the table is in it with a description', () => {
    const schema = JSON.parse(schemaText('microb.schema.json')) as {
      $schema: string;
      $defs: { target: { properties: Record<string, { description?: string }> } };
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const keys = schema.$defs.target.properties;
    expect(Object.keys(keys)).toEqual(Object.keys(TARGET.keys));
    for (const [key, spec] of Object.entries(keys)) expect(spec.description, key).toBeTruthy();
    const partial = JSON.parse(schemaText('schemastore/partial-microb.json')) as Record<string, unknown>;
    expect({ ...partial, $comment: undefined }).toEqual({ ...schema, $comment: undefined });
  });
});

describe('every example and test pyproject: the schema and the validator agree', () => {
  const files = [
    ...pyprojects(path.join(root, 'examples')),
    ...pyprojects(path.join(root, '__tests__')),
    ...pyprojects(path.join(root, 'bench')),
  ];

  it('finds the examples, unit and e2e fixtures', () => {
    expect(files.filter((f) => f.includes(`${path.sep}examples${path.sep}`)).length).toBeGreaterThanOrEqual(
      10,
    );
    expect(files.length).toBeGreaterThan(15);
  });

  for (const file of files) {
    const name = path.relative(root, file);
    it(name, () => {
      const text = readFileSync(file, 'utf8');
      const validator = validatorVerdict(text);
      const schema = schemaVerdict(text);
      expect(schema, schema === false ? schemaErrors() : '').toBe(validator);
      if (name.startsWith('examples')) expect(schema).toBe(true);
    });
  }
});

/** Values for one shape: mostly well-formed ones (from the table's own patterns), some junk. */
function value(shape: Shape, depth = 0): fc.Arbitrary<unknown> {
  const junk = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.integer({ min: -3, max: 70_000 }),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.constant('\uD800'),
    fc.constant(1.5),
    fc.date({ noInvalidDate: true }),
  );
  const good = ((): fc.Arbitrary<unknown> => {
    switch (shape.kind) {
      case 'string':
        if (shape.oneOf) return fc.constantFrom(...shape.oneOf.values, ...(shape.noneOf?.values ?? []));
        if (shape.pattern)
          return fc.oneof(
            fc.stringMatching(shape.pattern.regex, { size: 'xsmall' }),
            ...(shape.noneOf ? [fc.constantFrom(...shape.noneOf.values)] : []),
          );
        return fc.oneof(fc.string({ maxLength: 8 }), fc.constant('x'.repeat(15_001)));
      case 'integer':
        return fc.oneof(
          fc.integer({ min: shape.minimum - 2, max: Math.min(shape.maximum, shape.minimum + 100) }),
          fc.constant(shape.maximum + 1),
        );
      case 'boolean':
        return fc.boolean();
      case 'packages':
        return fc.array(
          fc.oneof(
            fc.stringMatching(APT_PACKAGE, { size: 'xsmall' }),
            fc.stringMatching(APK_PACKAGE, { size: 'xsmall' }),
          ),
          { maxLength: 2 },
        );
      case 'templates':
        return fc.dictionary(
          fc.oneof(fc.stringMatching(shape.keyPattern, { size: 'xsmall' }), fc.constantFrom('a-b', '1X', '')),
          fc.oneof(fc.string({ maxLength: 5 }), fc.constant('a\nb'), fc.integer(), fc.boolean()),
          { maxKeys: 2 },
        );
      case 'port':
        return fc.oneof(
          fc.integer({ min: -1, max: 66_000 }),
          fc.stringMatching(PORT),
          fc.constant('80/sctp'),
        );
      case 'pathOrFalse':
        return fc.oneof(fc.boolean(), fc.string({ maxLength: 6 }));
      case 'array': {
        const items = fc.array(value(shape.items, depth + 1), { maxLength: 3 });
        const { atMostOne } = shape;
        // more than one `primary = true` is BEYOND_SCHEMA: the schema says nothing about it
        return atMostOne
          ? items.filter(
              (list) =>
                list.filter(
                  (item) =>
                    typeof item === 'object' &&
                    item !== null &&
                    (item as Record<string, unknown>)[atMostOne.key] === true,
                ).length <= 1,
            )
          : items;
      }
      case 'record': {
        if (depth > 2) return fc.constant({});
        const keys = Object.entries(shape.keys).map(
          ([k, spec]) => [k, value(spec.shape, depth + 1)] as const,
        );
        return fc
          .record(Object.fromEntries(keys), { requiredKeys: [] })
          .chain((table) => fc.constantFrom(table, { ...table, unknown_key: 1 }));
      }
    }
  })();
  return fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: junk, weight: 1 });
}

/** A target table of 0–4 keys drawn from the key table, each with a value for its shape. */
const targetTable = fc
  .subarray(Object.keys(TARGET.keys), { maxLength: 4 })
  .chain((keys) =>
    fc.record(Object.fromEntries(keys.map((k) => [k, value(TARGET.keys[k]?.shape ?? { kind: 'boolean' })]))),
  );

describe('property: for generated configurations, schema-valid ⇔ validator-valid', () => {
  it('agrees on every generated target table (and accepts a fair share of them)', () => {
    let valid = 0;
    fc.assert(
      fc.property(targetTable, fc.constantFrom('default', 'dev', 'bad name'), (table, name) => {
        const text = stringify({
          project: { name: 'p', version: '1' },
          tool: { microb: { target: { [name]: table } } },
        });
        const validator = validatorVerdict(text);
        const schema = schemaVerdict(text);
        if (validator === true) valid++;
        expect(schema, `${text}\nschema: ${schemaErrors()}`).toBe(validator);
      }),
      { numRuns: 400 },
    );
    expect(valid).toBeGreaterThan(40);
  }, 120_000);

  it('agrees on hand-picked edges of each rule', () => {
    for (const body of EDGE_CASES) {
      const text = edgeCasePyproject(body);
      expect(schemaVerdict(text), body.slice(0, 80)).toBe(validatorVerdict(text));
    }
  });

  it("lets through what only microb check refuses, and says so in the key's description", () => {
    const indices = JSON.parse(schemaText('microb.schema.json')) as {
      $defs: { target: { properties: { indices: { description: string } } } };
    };
    expect(indices.$defs.target.properties.indices.description).toContain(
      'microb also checks: at most one index has `primary = true`',
    );
    for (const body of BEYOND_SCHEMA) {
      const text = edgeCasePyproject(body);
      expect([schemaVerdict(text), validatorVerdict(text)], body).toEqual([true, false]);
    }
  });
});
