/**
 * Shared settings every rule may read (RULES.md "Shared conventions"), so rules agree on them.
 * Anything the law or guidance may change is a setting with a default, never a constant in a rule.
 */
import type { Mode } from '../api/rule.js';

export type DeathType = 'homicide' | 'suicide' | 'unexplained' | 'other';
export type Guidance = 'home-office-2016' | 'home-office-2013' | 'home-office-2011' | 'draft-2024' | 'dardr-2024' | 'wales-susr';

export interface PseudonymSetting {
  label: string;
  aliases?: string[];
  role?: string;
}

export interface DocumentSetting {
  path: string;
  kind: 'overview' | 'executive-summary' | 'action-plan' | 'appendix';
}

export interface Settings {
  mode: Mode;
  guidance: Guidance;
  reviewType?: string;
  deathType?: DeathType;
  dates: Partial<Record<'death' | 'decision' | 'homeOfficeNotified' | 'firstPanel' | 'completion', string>>;
  area: { csp?: string; localAuthority?: string };
  /** Local agency names mapped to a sector id of AGENCIES.md. */
  agencies: Record<string, string>;
  pseudonyms: PseudonymSetting[];
  /** Real names that must never appear (and are never printed). */
  realNames: string[];
  /** Extra acronyms and their expansions. */
  acronyms: Record<string, string>;
  documents: DocumentSetting[];
  /** Months after which a review's length must be explained (GUIDANCE-STATUS.md). */
  completionMonths: number;
  /**
   * Which definition of domestic abuse the report should quote (GUIDANCE-STATUS.md §2). Unset,
   * `abuse-definitions` picks it from the date of death.
   */
  abuseDefinition?: 'either' | 'da-act-2021' | 'cross-gov-2013';
  /** Where the Home Office QA letter is published: in the report, or as its own page. */
  qaLetter: 'appendix' | 'separate';
  [key: string]: unknown;
}

export const DEFAULT_SETTINGS: Settings = {
  mode: 'submission',
  guidance: 'home-office-2016',
  dates: {},
  area: {},
  agencies: {},
  pseudonyms: [],
  realNames: [],
  acronyms: {},
  documents: [],
  completionMonths: 6,
  qaLetter: 'appendix',
};
