/**
 * The JSON Schema of `dhr-lint.config.{json,yaml,yml}`, generated from rule metadata so that a new
 * rule's options are validated (and autocompleted in editors) without touching this file.
 */
import type { Rule } from '../api/rule.js';

const LEVEL = { enum: ['off', 'info', 'warn', 'error'] };

const SETTINGS_SCHEMA = {
  type: 'object',
  description: 'Shared settings every rule may read (see docs/configuration.md).',
  additionalProperties: false,
  properties: {
    mode: { enum: ['draft', 'submission', 'publication'], description: 'Which copy this is; some rules only apply to a publication copy.' },
    guidance: {
      enum: ['home-office-2016', 'home-office-2013', 'home-office-2011', 'draft-2024', 'dardr-2024', 'wales-susr'],
      description: 'Statutory guidance the review follows.',
    },
    reviewType: { enum: ['auto', 'dhr', 'dardr', 'susr'], description: 'Name of the review; auto accepts DHR and DARDR wording.' },
    deathType: { enum: ['homicide', 'suicide', 'unexplained', 'other'] },
    dates: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        ['death', 'decision', 'homeOfficeNotified', 'firstPanel', 'completion'].map((k) => [
          k,
          { type: 'string', pattern: '^\\d{4}-\\d{2}(-\\d{2})?$', description: 'ISO date (YYYY-MM-DD or YYYY-MM).' },
        ]),
      ),
    },
    area: {
      type: 'object',
      additionalProperties: false,
      properties: { csp: { type: 'string' }, localAuthority: { type: 'string' } },
    },
    agencies: {
      type: 'object',
      description: 'Local agency names mapped to a sector id.',
      additionalProperties: { type: 'string' },
    },
    pseudonyms: {
      type: 'array',
      items: {
        type: 'object',
        required: ['label'],
        additionalProperties: false,
        properties: {
          label: { type: 'string', minLength: 1 },
          aliases: { type: 'array', items: { type: 'string' } },
          role: { type: 'string' },
        },
      },
    },
    realNames: { type: 'array', items: { type: 'string', minLength: 2 }, description: 'Never printed in output.' },
    acronyms: { type: 'object', additionalProperties: { type: 'string' } },
    documents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'kind'],
        additionalProperties: false,
        properties: {
          path: { type: 'string' },
          kind: { enum: ['overview', 'executive-summary', 'action-plan', 'appendix'] },
        },
      },
    },
    completionMonths: { type: 'number', minimum: 1, maximum: 60 },
    abuseDefinition: { enum: ['either', 'da-act-2021', 'cross-gov-2013'], description: 'Definition of domestic abuse the report should quote.' },
    qaLetter: { enum: ['appendix', 'separate'], description: 'Where the Home Office QA letter is published.' },
  },
} as const;

function ruleEntrySchema(rule: Rule<object>): Record<string, unknown> {
  const options = rule.meta.schema === false ? { type: 'object', maxProperties: 0 } : rule.meta.schema;
  return {
    description: rule.meta.description,
    oneOf: [
      LEVEL,
      { type: 'array', prefixItems: [LEVEL], items: false, minItems: 1 },
      { type: 'array', prefixItems: [LEVEL, options], items: false, minItems: 2 },
    ],
  };
}

export function buildConfigSchema(rules: readonly Rule<object>[]): Record<string, unknown> {
  const ruleProps = Object.fromEntries(rules.map((r) => [r.meta.id, ruleEntrySchema(r)]));
  const rulesSchema = { type: 'object', additionalProperties: false, properties: ruleProps };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://dhr-lint.invalid/schema/dhr-lint.config.schema.json',
    title: 'dhr-lint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: {
        description: 'Presets (dhr-lint:recommended, dhr-lint:strict, dhr-lint:publication) or paths to other config files, applied in order.',
        oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      },
      plugins: {
        description: 'Rule modules to add: paths relative to this file, or npm package names.',
        type: 'array',
        items: { type: 'string' },
      },
      rules: rulesSchema,
      settings: SETTINGS_SCHEMA,
      overrides: {
        type: 'array',
        items: {
          type: 'object',
          required: ['files'],
          additionalProperties: false,
          properties: {
            files: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
            rules: rulesSchema,
            settings: SETTINGS_SCHEMA,
          },
        },
      },
      ignores: { type: 'array', items: { type: 'string' }, description: 'Glob patterns of files not to lint.' },
    },
  };
}
