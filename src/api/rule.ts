/**
 * The rule API: the only part of the core a rule imports (with the model's types).
 * Shaped like ESLint's: `meta` is data (docs, CLI, SARIF and config validation read it without
 * running the rule) and `create` returns visitors that the engine calls in one traversal.
 */
import type { Block, Level, Section, Span, Table, SourceLocation } from '../model/types.js';
import type { ReportDocument } from '../model/document.js';
import type { Settings } from '../config/settings.js';
import type { Review, ReviewRole } from '../review/review.js';

export type RuleGroup = 'structure' | 'analysis' | 'action-plan' | 'language' | 'anonymisation';
export type Mode = 'draft' | 'submission' | 'publication';

export interface RuleSource {
  title: string;
  url?: string;
}

export interface RuleMeta<Options extends object = Record<string, unknown>> {
  /** Kebab-case id, equal to the rule's folder name and docs slug. */
  id: string;
  group: RuleGroup;
  description: string;
  /** Level when the rule is on and the config gives none. */
  defaultLevel: Level;
  /**
   * Levels in the built-in presets. Absent: recommended = defaultLevel, strict = defaultLevel with
   * warn raised to error, publication = recommended.
   */
  presets?: { recommended?: Level | 'off'; strict?: Level | 'off'; publication?: Level | 'off' };
  /** Guidance, panel letters or published reports that justify the rule. */
  sources: RuleSource[];
  /** Message templates by id, with `{{placeholders}}`. */
  messages: Record<string, string>;
  /** JSON Schema of the options object; `false` when the rule takes none. */
  schema: Record<string, unknown> | false;
  defaultOptions: Options;
  /**
   * Set when the rule checks a review as a whole (several documents): it runs once per review with
   * `context.review`, and only when the review has the roles in `needs` (otherwise the engine says
   * once, for all such rules, which document is missing).
   */
  review?: { needs: ReviewRole[] };
  /** Docs page for rules from plugins; built-in rules get the versioned project URL. */
  docsUrl?: string;
}

export interface Suggestion {
  /** What the author could do, in one sentence. */
  desc: string;
  /** Replacement text for the reported span, when there is one. Never applied automatically. */
  replacement?: string;
}

export interface RelatedLocation {
  file?: string;
  message: string;
  location: SourceLocation & { section?: string[] };
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** The block the finding is about; omit for document-level findings. */
  block?: Block;
  /** A section (its heading is used as the location when `block` is absent). */
  section?: Section;
  /** Character range inside `block.text`, to locate the finding precisely. */
  span?: Span;
  /** A table row (0-based index into `table.rows`) when the finding is about one row. */
  row?: { table: Table; index: number };
  /** Lower the level of this finding (a weaker signal); a rule can never raise it above config. */
  level?: Level;
  suggestions?: Suggestion[];
  related?: RelatedLocation[];
  /** Machine-readable figures for other tools (e.g. sector shares); copied into JSON output. */
  details?: Record<string, unknown>;
  /** Text that must be masked in excerpts (personal data found by the rule). */
  sensitive?: boolean;
  /** Review rules: the document the finding is in (default: `context.document`). */
  document?: ReportDocument;
}

export interface RuleContext<Options extends object = Record<string, unknown>> {
  readonly id: string;
  readonly document: ReportDocument;
  /** Options merged over `meta.defaultOptions` and validated against `meta.schema`. */
  readonly options: Options;
  readonly settings: Settings;
  readonly mode: Mode;
  /** The review being checked (review rules only). */
  readonly review?: Review;
  report(descriptor: ReportDescriptor): void;
  /**
   * Publish a measurement that is not a finding (agency shares, the section checklist), for
   * reporters that show it (HTML, JSON `facts`). Keyed by rule id, then `name`.
   */
  publish(name: string, value: unknown): void;
}

/** Visitors; the engine walks the document once and calls every rule's visitors in turn. */
export interface RuleVisitors {
  /** Called once before the walk. */
  document?(): void;
  section?(section: Section): void;
  heading?(block: Block): void;
  paragraph?(block: Block): void;
  table?(block: Block): void;
  /** Called once after the walk. */
  'document:exit'?(): void;
}

export interface Rule<Options extends object = Record<string, unknown>> {
  meta: RuleMeta<Options>;
  create(context: RuleContext<Options>): RuleVisitors;
}

/** Identity helper that gives a rule module its types. */
export function defineRule<Options extends object>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

/** Fill `{{name}}` placeholders from `data`. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}

export const LEVELS: readonly Level[] = ['info', 'warn', 'error'];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}
