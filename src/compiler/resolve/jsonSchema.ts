/**
 * The JSON Schema (draft 2020-12) of `[tool.microb]`, generated from the key table (keys.ts) that
 * the validator (checkShape.ts) enforces: `npm run schema` writes it to schema/.
 */
import { PORT } from './checkShape.js';
import {
  APK_PACKAGE,
  APT_PACKAGE,
  MAX_STRING,
  MICROB_TABLE,
  NO_CONTROL,
  TARGET,
  type KeySpec,
  type RecordShape,
  type Shape,
  type StringShape,
} from './keys.js';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type Schema = { [key: string]: Json };

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
/**
 * Every string's bounds, inlined (no `$ref` with siblings: editors on older drafts ignore those):
 * at most MAX_STRING code points. The schema keeps to what taplo (Even Better TOML's engine)
 * compiles and evaluates like ajv: no `\p{…}` classes (its regex engine refuses them and then
 * refuses every file), no `minContains` (it reads `contains` as draft 7: at least one).
 */
const TEXT = { type: 'string', maxLength: MAX_STRING };

/** The schema of the `[tool.microb]` table. */
export function microbJsonSchema(): Schema {
  return {
    $schema: DRAFT,
    title: '[tool.microb]',
    description: MICROB_TABLE.description,
    ...microbBody(),
  };
}

/**
 * A schema for a whole pyproject.toml that checks only `[tool.microb]` (everything else is
 * allowed): what taplo's `#:schema` directive or a `.taplo.toml` rule points at.
 */
export function pyprojectJsonSchema(): Schema {
  const { $defs, ...microb } = microbBody();
  return {
    $schema: DRAFT,
    title: 'pyproject.toml ([tool.microb] checked)',
    type: 'object',
    properties: {
      tool: {
        type: 'object',
        properties: { microb: { $ref: '#/$defs/microb' } },
      },
    },
    $defs: { ...($defs as Schema), microb: { description: MICROB_TABLE.description, ...microb } },
  };
}

function microbBody(): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      target: {
        description: 'Targets, one image each: [tool.microb.target.NAME].',
        type: 'object',
        maxProperties: MICROB_TABLE.maxTargets,
        propertyNames: { pattern: MICROB_TABLE.targetName.source },
        additionalProperties: { $ref: '#/$defs/target' },
      },
    },
    $defs: { target: targetSchema() },
  };
}

function targetSchema(): Schema {
  const base = record(TARGET);
  // package names follow the flavor: apk's for alpine, apt's otherwise
  const packages = (regex: RegExp): Schema => ({
    properties: {
      build_deps: { type: 'array', items: { type: 'string', pattern: regex.source } },
      system_deps: { type: 'array', items: { type: 'string', pattern: regex.source } },
    },
  });
  const allOf = [
    ...((base.allOf as Json[] | undefined) ?? []),
    {
      if: { properties: { flavor: { const: 'alpine' } }, required: ['flavor'] },
      then: packages(APK_PACKAGE),
      else: packages(APT_PACKAGE),
    },
  ];
  return { ...base, allOf };
}

function record(shape: RecordShape): Schema {
  const rules: Json[] = (shape.rules ?? []).map((rule): Json => {
    switch (rule.kind) {
      case 'exclusive':
        return { not: { required: [...rule.keys] } };
      case 'needs':
        return {
          if: { anyOf: rule.ifAny.map((k) => ({ required: [k] })) },
          then: { anyOf: rule.anyOf.map((k) => ({ required: [k] })) },
        };
      case 'emptyWhen':
        return {
          if: { properties: { [rule.when]: { const: rule.equals } }, required: [rule.when] },
          then: { properties: { [rule.key]: { type: 'array', maxItems: 0 } } },
        };
      case 'when':
        return {
          if: { required: [rule.present] },
          then: { properties: { [rule.key]: { type: 'string', pattern: rule.regex.source } } },
        };
    }
  });
  return {
    title: shape.title,
    type: 'object',
    properties: Object.fromEntries(Object.entries(shape.keys).map(([key, spec]) => [key, property(spec)])),
    ...(shape.required && { required: shape.required.map((r) => r.key) }),
    additionalProperties: false,
    ...(rules.length > 0 && { allOf: rules }),
  };
}

function property(spec: KeySpec): Schema {
  const description = spec.beyondSchema
    ? `${spec.description} (microb also checks: ${spec.beyondSchema}.)`
    : spec.description;
  return {
    description,
    ...shapeSchema(spec.shape),
    ...(spec.default !== undefined && { default: spec.default as Json }),
    ...(spec.examples && { examples: spec.examples as Json[] }),
  };
}

function stringSchema(shape: StringShape): Schema {
  return {
    ...TEXT,
    ...(shape.pattern && { pattern: shape.pattern.regex.source }),
    ...(shape.oneOf && { enum: [...shape.oneOf.values] }),
    ...(shape.noneOf && { allOf: [{ not: { enum: [...shape.noneOf.values] } }] }),
  };
}

function shapeSchema(shape: Shape): Schema {
  switch (shape.kind) {
    case 'string':
      return stringSchema(shape);
    case 'integer':
      return { type: 'integer', minimum: shape.minimum, maximum: shape.maximum };
    case 'boolean':
      return { type: 'boolean' };
    case 'packages':
      return { type: 'array', items: TEXT };
    case 'templates':
      return {
        type: 'object',
        propertyNames: { pattern: shape.keyPattern.source },
        additionalProperties: {
          anyOf: [{ ...TEXT, pattern: NO_CONTROL.source }, { type: 'number' }, { type: 'boolean' }],
        },
      };
    case 'port':
      return {
        anyOf: [
          { type: 'integer', minimum: 1, maximum: 65535 },
          { type: 'string', pattern: PORT.source },
        ],
      };
    case 'pathOrFalse':
      return { anyOf: [{ const: false }, stringSchema(shape.string)] };
    case 'array':
      return {
        type: 'array',
        items: shapeSchema(shape.items),
        ...(shape.minItems && { minItems: shape.minItems.count }),
        // atMostOne: not in the schema (counting needs minContains: 0); the key's beyondSchema
      };
    case 'record':
      return record(shape);
  }
}
