/** Library entry: lint bytes from code, write rules, or reuse the model. */
export { lintBytes, readDocument } from './core.js';
export { ReportDocument } from './model/document.js';
export { defineRule, formatMessage } from './api/rule.js';
export type { Rule, RuleMeta, RuleContext, RuleVisitors, ReportDescriptor, Mode } from './api/rule.js';
export type * from './model/types.js';
export type { Finding, FileResult } from './engine/finding.js';
export { resolveConfig, presetLayer, type ResolvedConfig, type ConfigLayer } from './config/resolve.js';
export { builtinRules } from '../rules/index.js';
export { VERSION } from './version.js';
export { annotateDocx, type AnnotateOptions, type AnnotateResult } from './annotate/docx-comments.js';
