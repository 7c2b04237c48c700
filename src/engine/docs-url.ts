import type { RuleMeta } from '../api/rule.js';
import { VERSION } from '../version.js';

/**
 * Docs links are versioned (as markdownlint does) so that an old report points at the rule text
 * that applied when it was linted. Rules from plugins bring their own `docsUrl`.
 */
export const DOCS_BASE = 'https://github.com/dhr-lint/dhr-lint/blob';

export function docsUrlFor(meta: RuleMeta<object> & { docsUrl?: string }): string {
  return meta.docsUrl ?? `${DOCS_BASE}/v${VERSION}/docs/rules/${meta.id}.md`;
}
