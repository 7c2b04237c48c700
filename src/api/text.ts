/**
 * Model helpers a rule may use, re-exported here so that rules depend on the rule API only
 * (never on the model's internals or on another rule).
 */
export { parseHeadingNumber, guessHeading, type HeadingNumber } from '../model/headings.js';
export { normaliseHeading, matchTemplateIds, templateSection, TEMPLATE_SECTIONS } from '../model/templates.js';
export { splitSentences, findQuotations, countWords, isLetterOrNumber } from '../model/text.js';
