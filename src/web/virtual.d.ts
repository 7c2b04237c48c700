/** Modules made by scripts/build-web.mjs at build time (esbuild virtual modules). */
declare module 'dhr-web:validators' {
  export const validators: Record<string, ((data: unknown) => boolean) & { errors?: unknown[] | null }>;
}
declare module 'dhr-web:data' {
  import type { RuleSummary } from './build/meta.js';
  export const VERSION: string;
  export const RULES: RuleSummary[];
  /** Rule id → explanation HTML (made at build time from docs/rules/<id>.md; escaped there). */
  export const EXPLANATIONS: Record<string, string>;
}
