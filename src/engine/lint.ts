/**
 * The rule engine: runs every configured rule over one document in a single walk, applies
 * directives and severities, and returns findings with locations. It knows no rule by name.
 */
import type { Block, Level, Section, SourceLocation } from '../model/types.js';
import type { ReportDocument } from '../model/document.js';
import {
  formatMessage,
  levelRank,
  type Mode,
  type ReportDescriptor,
  type Rule,
  type RuleContext,
  type RuleVisitors,
} from '../api/rule.js';
import type { Settings } from '../config/settings.js';
import type { Finding } from './finding.js';
import { docsUrlFor } from './docs-url.js';
import type { Review } from '../review/review.js';
import { REVIEW_NOTICE_META } from './notices.js';

export interface ActiveRule {
  rule: Rule<object>;
  level: Level;
  /** Options already merged over the defaults and validated. */
  options: object;
}

export interface LintRun {
  rules: ActiveRule[];
  settings: Settings;
  mode: Mode;
  /** Replace personal data and configured names in excerpts (`--redact`). */
  redact?: (text: string) => string;
}

/**
 * One share of the rules, when several threads lint the same documents to finish sooner: each
 * runs every `count`-th rule (by id) and the caller merges the findings. Notices about the run
 * itself come from share 0 only.
 */
export interface RuleShard {
  index: number;
  count: number;
}

/** The rules of `rules` that belong to `shard` (all of them without a shard). */
export function rulesOfShard<T extends ActiveRule>(rules: T[], shard?: RuleShard): T[] {
  if (!shard || shard.count <= 1) return rules;
  const ids = [...new Set(rules.map((r) => r.rule.meta.id))].sort();
  const mine = new Set(ids.filter((_, i) => i % shard.count === shard.index));
  return rules.filter((r) => mine.has(r.rule.meta.id));
}

export interface DocumentLint {
  findings: Finding[];
  suppressedCount: number;
  facts: Record<string, Record<string, unknown>>;
}

/** An error inside a rule: reported as "could not lint" with the rule named, not a crash. */
export class RuleError extends Error {
  constructor(
    readonly ruleId: string,
    cause: unknown,
  ) {
    super(`rule "${ruleId}" failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RuleError';
  }
}

const EXCERPT_LENGTH = 100;

/**
 * Time spent in each rule (ms), collected when `enableRuleTiming()` was called: the CLI does so
 * when the TIMING environment variable is set, as ESLint does. Shared model indexes are charged
 * to the first rule that asks for them.
 */
let timing: Map<string, number> | undefined;

export function enableRuleTiming(): Map<string, number> {
  timing ??= new Map();
  return timing;
}

/** The timing map when timing is on (worker threads add theirs to it). */
export function ruleTiming(): Map<string, number> | undefined {
  return timing;
}

export function lintDocument(doc: ReportDocument, run: LintRun): DocumentLint {
  const perDocument = run.rules.filter((r) => !r.rule.meta.review);
  const sink = new FindingSink();
  const listeners = createListeners(perDocument, doc, run, sink);
  walk(doc, listeners);
  return sink.result(doc);
}

/**
 * Lint every document of a review: each with its own rules and config, then the review rules once
 * (with the config of the review's primary document). Returns results per document.
 */
export function lintReview(review: Review, runFor: (doc: ReportDocument) => LintRun, shard?: RuleShard): Map<ReportDocument, DocumentLint> {
  const sink = new FindingSink();
  for (const doc of review.documents) {
    const run = runFor(doc);
    walk(doc, createListeners(rulesOfShard(run.rules, shard).filter((r) => !r.rule.meta.review), doc, run, sink));
  }
  const primary = review.primary;
  const run = runFor(primary);
  const reviewRules = run.rules.filter((r) => r.rule.meta.review);
  const runnable = reviewRules.filter((r) => r.rule.meta.review!.needs.every((role) => review.get(role)));
  const skipped = reviewRules.filter((r) => !runnable.includes(r));
  if (skipped.length && (shard?.index ?? 0) === 0) sink.add(primary, missingDocumentsNotice(review, skipped));
  const mine = new Set(rulesOfShard(run.rules, shard));
  walk(primary, createListeners(runnable.filter((r) => mine.has(r)), primary, run, sink, review));
  const out = new Map<ReportDocument, DocumentLint>();
  for (const doc of review.documents) out.set(doc, sink.result(doc));
  return out;
}

/** Findings collected per document during a run. */
class FindingSink {
  private readonly findings = new Map<ReportDocument, Finding[]>();
  private readonly suppressed = new Map<ReportDocument, number>();
  private readonly facts = new Map<ReportDocument, Record<string, Record<string, unknown>>>();

  publish(doc: ReportDocument, ruleId: string, name: string, value: unknown): void {
    const all = this.facts.get(doc) ?? {};
    (all[ruleId] ??= {})[name] = value;
    this.facts.set(doc, all);
  }

  add(doc: ReportDocument, finding: Finding): void {
    const list = this.findings.get(doc) ?? [];
    list.push(finding);
    this.findings.set(doc, list);
  }

  suppress(doc: ReportDocument): void {
    this.suppressed.set(doc, (this.suppressed.get(doc) ?? 0) + 1);
  }

  result(doc: ReportDocument): DocumentLint {
    const findings = [...(this.findings.get(doc) ?? [])].sort(compareFindings);
    return { findings, suppressedCount: this.suppressed.get(doc) ?? 0, facts: byKey(this.facts.get(doc) ?? {}) };
  }
}

/** Facts by rule id in id order, whichever rule published first (and whichever thread ran it). */
export function byKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface Listener {
  id: string;
  visitors: RuleVisitors;
}

function createListeners(rules: ActiveRule[], doc: ReportDocument, run: LintRun, sink: FindingSink, review?: Review): Listener[] {
  const listeners: Listener[] = [];
  for (const active of rules) {
    const { rule, level } = active;
    const id = rule.meta.id;
    const context: RuleContext<object> = {
      id,
      document: doc,
      options: active.options,
      settings: run.settings,
      mode: run.mode,
      review,
      report(descriptor) {
        const target = descriptor.document ?? doc;
        if (review && !review.documents.includes(target)) throw new Error('reported a finding in a document outside the review');
        if (isSuppressed(target, id, descriptor)) sink.suppress(target);
        else sink.add(target, toFinding(target, active, level, descriptor, run));
      },
      publish(name, value) {
        sink.publish(doc, id, name, value);
      },
    };
    try {
      const started = timing ? performance.now() : 0;
      listeners.push({ id, visitors: rule.create(context) });
      if (timing) timing.set(id, (timing.get(id) ?? 0) + performance.now() - started);
    } catch (error) {
      throw new RuleError(id, error);
    }
  }
  return listeners;
}

/** One walk over the blocks, calling every listener's visitors in turn. */
function walk(doc: ReportDocument, listeners: Listener[]): void {
  if (listeners.length === 0) return;
  const call = (name: keyof RuleVisitors, arg?: Block | Section): void => {
    for (const { id, visitors } of listeners) {
      const visitor = visitors[name] as ((a?: Block | Section) => void) | undefined;
      if (!visitor) continue;
      const started = timing ? performance.now() : 0;
      try {
        visitor(arg);
      } catch (error) {
        throw new RuleError(id, error);
      }
      if (timing) timing.set(id, (timing.get(id) ?? 0) + performance.now() - started);
    }
  };

  // Which visitors exist at all: skip the walk's calls for kinds nobody listens to.
  const wants = (name: keyof RuleVisitors): boolean => listeners.some((l) => l.visitors[name]);
  const wantsSection = wants('section');
  const wantsHeading = wants('heading');
  const wantsParagraph = wants('paragraph');
  const wantsTable = wants('table');

  call('document');
  if (wantsSection) call('section', doc.root);
  if (wantsSection || wantsHeading || wantsParagraph || wantsTable) {
    for (const block of doc.blocks) {
      if (block.kind === 'heading') {
        if (wantsSection && block.section.heading === block) call('section', block.section);
        if (wantsHeading) call('heading', block);
      } else if (block.kind === 'table') {
        if (wantsTable) call('table', block);
      } else if (wantsParagraph) {
        call('paragraph', block);
      }
    }
  }
  call('document:exit');
}

/** One info finding for all review rules that could not run, naming the missing document. */
function missingDocumentsNotice(review: Review, skipped: ActiveRule[]): Finding {
  const missing = [...new Set(skipped.flatMap((r) => r.rule.meta.review!.needs.filter((role) => !review.get(role))))];
  const names: Record<string, string> = { overview: 'overview report', 'executive-summary': 'executive summary', 'action-plan': 'action plan' };
  const ids = skipped.map((r) => r.rule.meta.id);
  return {
    ruleId: REVIEW_NOTICE_META.id,
    messageId: 'missingDocuments',
    level: 'info',
    message: formatMessage(REVIEW_NOTICE_META.messages.missingDocuments!, {
      missing: missing.map((m) => names[m] ?? m).join(' and '),
      rules: ids.join(', '),
    }),
    location: {},
    section: [],
    docsUrl: docsUrlFor(REVIEW_NOTICE_META),
  };
}

function isSuppressed(doc: ReportDocument, ruleId: string, d: ReportDescriptor): boolean {
  const index = d.block?.index ?? d.row?.table.block.index ?? d.section?.heading?.index;
  if (index === undefined) return false;
  return doc.suppressions.some(
    (s) => index >= s.from && index < s.to && (s.rules.length === 0 || s.rules.includes(ruleId)),
  );
}

function toFinding(doc: ReportDocument, active: ActiveRule, level: Level, d: ReportDescriptor, run: LintRun): Finding {
  const meta = active.rule.meta;
  const template = meta.messages[d.messageId];
  if (template === undefined) throw new Error(`unknown messageId "${d.messageId}"`);
  const block = d.block ?? d.row?.table.block ?? d.section?.heading;
  const section = d.block?.section ?? d.row?.table.block.section ?? d.section ?? block?.section;
  let location: SourceLocation = {};
  if (d.row) location = { ...d.row.table.rows[d.row.index]!.location };
  else if (block) location = doc.locate(block, d.block ? d.span : undefined);
  // A rule may lower a finding's level for weaker evidence, never raise it above the configured level.
  const finalLevel = d.level && levelRank(d.level) < levelRank(level) ? d.level : level;
  let excerpt: string | undefined;
  if (d.block) {
    const raw = d.span ? d.block.text.slice(d.span.start, d.span.end) : d.block.text;
    excerpt = shorten(raw);
  } else if (d.row) {
    excerpt = shorten(d.row.table.rows[d.row.index]!.cells.join(' | '));
  }
  if (excerpt !== undefined) {
    if (d.sensitive) excerpt = mask(excerpt);
    else if (run.redact) excerpt = run.redact(excerpt);
  }
  let message = formatMessage(template, d.data);
  if (run.redact) message = run.redact(message);
  const path = section ? doc.sectionPath(section).map((s) => doc.sectionLabel(s)) : [];
  return {
    ruleId: meta.id,
    messageId: d.messageId,
    level: finalLevel,
    message,
    location,
    section: path,
    sectionId: section ? doc.templateIdOf(section) : undefined,
    excerpt,
    suggestions: d.suggestions,
    related: d.related,
    details: d.details,
    docsUrl: docsUrlFor(meta),
  };
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > EXCERPT_LENGTH ? `${oneLine.slice(0, EXCERPT_LENGTH - 1)}…` : oneLine;
}

/** Keep the shape of personal data, not the data: "AB12 3CD" → "A•••••CD"-like masking. */
export function mask(text: string): string {
  if (text.length <= 3) return '•'.repeat(text.length);
  return text[0] + text.slice(1, -2).replace(/[\p{L}\p{N}]/gu, '•') + text.slice(-2);
}

/** The order findings are reported in: by position, then rule id (stable for equal keys). */
export function compareFindings(a: Finding, b: Finding): number {
  const pa = a.location.paragraph ?? a.location.line ?? 0;
  const pb = b.location.paragraph ?? b.location.line ?? 0;
  return (
    (a.location.line ?? 0) - (b.location.line ?? 0) ||
    pa - pb ||
    (a.location.column ?? 0) - (b.location.column ?? 0) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
