/**
 * The built-in rules, in catalogue order (shared/domain/RULES.md). The CLI and the library entry
 * hand this list to the engine; the engine itself never imports a rule.
 */
import type { Rule } from '../src/api/rule.js';
import headingNumbering from './heading-numbering/index.js';
import templateResidue from './template-residue/index.js';

export const builtinRules: Rule<object>[] = [headingNumbering, templateResidue] as unknown as Rule<object>[];
