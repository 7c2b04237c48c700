/**
 * Build-time only (run in Node by scripts/build-web.mjs, never bundled into the page): what the
 * page needs precomputed from the rules — the JSON Schemas Ajv would compile at run time (compiled
 * ahead here, since the page's Content-Security-Policy forbids `new Function`), rule metadata for
 * the filters and explanations, and the HTML report's stylesheet.
 */
import { builtinRules } from '../../../rules/index.js';
import { buildConfigSchema } from '../../config/schema.js';
import { REVIEW_NOTICE_META } from '../../engine/notices.js';
import { docsUrlFor } from '../../engine/docs-url.js';
import { CSS } from '../../reporters/html.js';
import { VERSION } from '../../version.js';

export interface RuleSummary {
  id: string;
  group: string;
  description: string;
  defaultLevel: string;
  docsUrl: string;
  review: boolean;
}

export const version = VERSION;
export const reportCss = CSS;

/** Every schema `src/config/validate.ts` may hand to Ajv's `compile` for the built-in rules. */
export function schemas(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [buildConfigSchema(builtinRules)];
  for (const rule of builtinRules) if (rule.meta.schema !== false) out.push(rule.meta.schema);
  return out;
}

export function rules(): RuleSummary[] {
  return [...builtinRules.map((r) => r.meta), REVIEW_NOTICE_META].map((m) => ({
    id: m.id,
    group: m.group,
    description: m.description,
    defaultLevel: m.defaultLevel,
    docsUrl: docsUrlFor(m),
    review: Boolean(m.review) || m.id === REVIEW_NOTICE_META.id,
  }));
}

export { schemaKey } from '../schema-key.js';
