import type { RuleMeta } from '../api/rule.js';
import { VERSION } from '../version.js';
import { DOCS_BASE } from './docs-url.js';

/**
 * Metadata of the engine's own notice that review rules could not run (a document of the review
 * was not given). Not a rule: it cannot be configured, and it is listed so reporters (SARIF) can
 * describe it.
 */
export const REVIEW_NOTICE_META: RuleMeta<object> = {
  id: 'review-documents',
  group: 'structure',
  description: 'Rules that compare the documents of a review need all of them',
  defaultLevel: 'info',
  sources: [{ title: 'Birmingham QA Panel letter (2016): the executive summary must align with the overview report' }],
  messages: {
    missingDocuments:
      'The {{missing}} was not given, so these checks did not run: {{rules}}. Lint the documents of the review together (e.g. dhr-lint overview.docx executive-summary.docx), or name them in settings.documents.',
  },
  schema: false,
  defaultOptions: {},
  docsUrl: `${DOCS_BASE}/v${VERSION}/docs/reviews.md`,
};
