/** Config and rule-option validation with Ajv, turned into one readable line naming the key. */
import * as Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Rule } from '../api/rule.js';
import { buildConfigSchema } from './schema.js';

// Ajv ships CommonJS: under NodeNext the class sits on the module's default export.
const Ajv2020 = Ajv2020Module.default.default;

/** A configuration problem: the CLI prints the message and exits 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function newAjv(): InstanceType<typeof Ajv2020> {
  return new Ajv2020({ allErrors: false, strict: false, useDefaults: false });
}

const ruleValidators = new WeakMap<Rule<object>, ValidateFunction>();

/** Validate options given for one rule (before they are merged over its defaults). */
export function validateRuleOptions(rule: Rule<object>, options: unknown, where = `rule "${rule.meta.id}"`): void {
  if (rule.meta.schema === false) {
    if (options !== undefined && Object.keys(options as object).length > 0) {
      throw new ConfigError(`${where}: this rule takes no options`);
    }
    return;
  }
  let validate = ruleValidators.get(rule);
  if (!validate) {
    validate = newAjv().compile(rule.meta.schema) as ValidateFunction;
    ruleValidators.set(rule, validate);
  }
  if (!validate(options ?? {})) throw new ConfigError(`${where}: options ${describe(validate.errors ?? [])}`);
}

let cached: { rules: readonly Rule<object>[]; validate: ValidateFunction } | undefined;

/** Validate a whole config object (as parsed from a file) against the generated schema. */
export function validateConfig(config: unknown, rules: readonly Rule<object>[], file: string): void {
  if (!cached || cached.rules !== rules) {
    cached = { rules, validate: newAjv().compile(buildConfigSchema(rules)) };
  }
  const { validate } = cached;
  if (!validate(config)) throw new ConfigError(`${file}: ${describe(validate.errors ?? [], config)}`);
}

/** "rules.heading-numbering[1].allowGaps: must be boolean" from an Ajv error. */
function describe(errors: ErrorObject[], root?: unknown): string {
  // oneOf failures report every branch; the most specific (deepest) error says the most.
  const error = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  if (!error) return 'is invalid';
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const inRules = /(^|\.)rules$/.test(path);
    const what = inRules ? `unknown rule "${key}"` : `unknown key "${key}"`;
    return path ? `${path}: ${what}` : what;
  }
  if (error.keyword === 'oneOf' || error.keyword === 'enum') {
    const value = valueAt(root, error.instancePath);
    if (/^rules\.[^.[]+$/.test(path) || /\.rules\.[^.[]+$/.test(path) || /(^|\.)rules\.[^.]+\[0\]$/.test(path)) {
      return `${path}: level ${JSON.stringify(value)} is not one of off, info, warn, error (or [level, options])`;
    }
  }
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const detail = allowed ? `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : error.message ?? 'is invalid';
  return path ? `${path}: ${detail}` : detail;
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const part of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}
