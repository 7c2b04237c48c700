/**
 * The built-in rules, in catalogue order (shared/domain/RULES.md). The CLI and the library entry
 * hand this list to the engine; the engine itself never imports a rule.
 */
import type { Rule } from '../src/api/rule.js';
import overviewSections from './overview-sections/index.js';
import execSummarySections from './exec-summary-sections/index.js';
import execSummaryAlignment from './exec-summary-alignment/index.js';
import termsOfReference from './terms-of-reference/index.js';
import chairIndependence from './chair-independence/index.js';
import familyInvolvement from './family-involvement/index.js';
import equalityDiversity from './equality-diversity/index.js';
import timescales from './timescales/index.js';
import qaLetterAppendix from './qa-letter-appendix/index.js';
import headingNumbering from './heading-numbering/index.js';
import templateResidue from './template-residue/index.js';
import agencyBalance from './agency-balance/index.js';
import analysisDepth from './analysis-depth/index.js';
import abuseDefinitions from './abuse-definitions/index.js';
import actionPlanStructure from './action-plan-structure/index.js';
import actionPlanSmart from './action-plan-smart/index.js';
import recommendationsTraceable from './recommendations-traceable/index.js';
import victimBlamingLanguage from './victim-blaming-language/index.js';
import abuseTerminology from './abuse-terminology/index.js';
import personalData from './personal-data/index.js';
import pseudonymConsistency from './pseudonym-consistency/index.js';
import acronymsDefined from './acronyms-defined/index.js';
import publicationMarkings from './publication-markings/index.js';

export const builtinRules: Rule<object>[] = [overviewSections, execSummarySections, execSummaryAlignment, termsOfReference, chairIndependence, familyInvolvement, equalityDiversity, timescales, qaLetterAppendix, headingNumbering, templateResidue, agencyBalance, analysisDepth, abuseDefinitions, actionPlanStructure, actionPlanSmart, recommendationsTraceable, victimBlamingLanguage, abuseTerminology, personalData, pseudonymConsistency, acronymsDefined, publicationMarkings] as unknown as Rule<object>[];
