/** `--list-rules`, generated from rule metadata (never a hand-kept list). */
import type { Rule } from '../api/rule.js';
import { docsUrlFor } from '../engine/docs-url.js';

export function formatRuleList(rules: readonly Rule<object>[], json: boolean): string {
  if (json) {
    return `${JSON.stringify(
      rules.map((r) => ({
        id: r.meta.id,
        group: r.meta.group,
        defaultLevel: r.meta.defaultLevel,
        description: r.meta.description,
        docsUrl: docsUrlFor(r.meta),
      })),
      null,
      2,
    )}\n`;
  }
  const width = Math.max(...rules.map((r) => r.meta.id.length), 4);
  const lines = rules.map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.group.padEnd(13)}  ${r.meta.defaultLevel.padEnd(5)}  ${r.meta.description}`);
  return `${'rule'.padEnd(width)}  ${'group'.padEnd(13)}  level  description\n${lines.join('\n')}\n`;
}
