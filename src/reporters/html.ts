/**
 * One self-contained HTML page for people who do not live in a terminal: report authors, panel
 * chairs, CSP officers. Per document: the counts, a checklist of the template sections (present,
 * weak, missing), the agency balance as a bar chart, the action-plan rows with what each lacks,
 * and the findings grouped by section with their excerpts (already masked by the engine under
 * `--redact`).
 *
 * The page loads nothing: no script, font, image or stylesheet from anywhere, and a
 * Content-Security-Policy that forbids every fetch (the one stylesheet is allowed by its hash), so
 * it can be opened offline on a council laptop or attached to an e-mail. Filtering by level works
 * without a script (checkboxes and CSS `:has()`); printing hides the controls. Everything that
 * comes from a document or a configuration is HTML-escaped; links are only the rules' docs pages.
 */
import type { Finding, FileResult } from '../engine/finding.js';
import type { Level } from '../model/types.js';
import type { Reporter } from './types.js';
import { displayPath } from './paths.js';
import { sha256Hex } from './fingerprint.js';
import { byPosition, countAll, countFile, pageAndParagraph, sectionPath, type Counts } from './summary.js';

// ---- template sections (shared/domain/TEMPLATES.md §2 and §3: required and expected only) ------

interface ChecklistItem {
  /** Template ids; any one present satisfies the item. */
  ids: string[];
  label: string;
  status: 'required' | 'expected';
  note?: string;
}

/** TEMPLATES.md §2, overview report, in template order. */
export const OVERVIEW_CHECKLIST: readonly ChecklistItem[] = [
  { ids: ['title-page'], label: 'Title page', status: 'expected' },
  { ids: ['preface'], label: 'Preface', status: 'expected' },
  { ids: ['introduction'], label: 'Introduction', status: 'required' },
  { ids: ['timescales'], label: 'Timescales', status: 'required' },
  { ids: ['confidentiality'], label: 'Confidentiality', status: 'expected' },
  { ids: ['terms-of-reference'], label: 'Terms of Reference', status: 'required' },
  { ids: ['methodology'], label: 'Methodology', status: 'required' },
  { ids: ['family-involvement'], label: 'Involvement of family and friends', status: 'required' },
  { ids: ['contributors'], label: 'Contributors to the Review', status: 'required' },
  { ids: ['panel-members'], label: 'The Review Panel Members', status: 'required' },
  { ids: ['chair-author'], label: 'Author of the Overview Report', status: 'required' },
  { ids: ['parallel-reviews'], label: 'Parallel Reviews', status: 'expected' },
  { ids: ['equality-diversity'], label: 'Equality and Diversity', status: 'required' },
  { ids: ['dissemination'], label: 'Dissemination', status: 'expected' },
  { ids: ['background-facts'], label: 'Background Information (The Facts)', status: 'required' },
  { ids: ['chronology'], label: 'Chronology', status: 'required', note: 'may be merged with the facts' },
  { ids: ['overview'], label: 'Overview', status: 'expected' },
  { ids: ['analysis'], label: 'Analysis', status: 'required' },
  { ids: ['conclusions'], label: 'Conclusions', status: 'required' },
  { ids: ['lessons'], label: 'Lessons to be learnt', status: 'required', note: 'may be merged with the recommendations' },
  { ids: ['recommendations'], label: 'Recommendations', status: 'required' },
  { ids: ['action-plan'], label: 'Action plan', status: 'required', note: 'may be a separate document' },
];

/** TEMPLATES.md §3, executive summary, in template order. */
export const SUMMARY_CHECKLIST: readonly ChecklistItem[] = [
  { ids: ['preface'], label: 'Preface', status: 'expected' },
  { ids: ['review-process'], label: 'The Review Process', status: 'required' },
  { ids: ['contributors'], label: 'Contributors to the Review', status: 'expected' },
  { ids: ['panel-members'], label: 'The Review Panel Members', status: 'expected' },
  { ids: ['chair-author'], label: 'Chair of the DHR and Author', status: 'expected' },
  { ids: ['terms-of-reference'], label: 'Terms of Reference', status: 'required' },
  { ids: ['summary-chronology'], label: 'Summary of Chronology', status: 'required' },
  { ids: ['key-issues', 'conclusions'], label: 'Conclusions and key issues', status: 'required' },
  { ids: ['lessons'], label: 'Lessons to be learned', status: 'required', note: 'may be merged' },
  { ids: ['recommendations'], label: 'Recommendations', status: 'required' },
];

const SECTION_RULES = new Set(['overview-sections', 'exec-summary-sections']);
/** Messages of the section rules that are about an absent section, not a weak one. */
const ABSENT_MESSAGES = new Set(['missingRequired', 'missingExpected', 'fewHeadings', 'noTitlePage', 'foundWithoutHeading', 'notFoundInText']);

/** What an action-plan row lacks, by `action-plan-smart` message id. */
const LACKS: Record<string, string> = {
  missingAction: 'an action',
  vagueAction: 'an output (the action is an activity)',
  hedgedAction: 'a firm action (it is hedged)',
  missingOwner: 'a lead agency',
  vagueOwner: 'a single lead',
  noMeasure: 'a measure of completion',
  missingDate: 'a target date',
  weakDate: 'a checkable date',
  missingScope: 'a scope',
};

/** Plain words for the agency groups agency-balance counts (rules/_shared/agencies.json). */
const SECTORS: Record<string, string> = {
  police: 'Police',
  'criminal-justice': 'Criminal justice',
  health: 'Health',
  'adult-social-care': 'Adult social care',
  'children-social-care': "Children's social care",
  education: 'Education',
  housing: 'Housing',
  'local-authority': 'Other council services',
  'da-specialist': 'Specialist domestic abuse services',
  'substance-misuse': 'Drug and alcohol services',
  'welfare-money': 'Benefits and money advice',
  fire: 'Fire and rescue',
  'multi-agency': 'Multi-agency forums',
  other: 'Other agencies',
};

const KINDS: Record<string, string> = {
  overview: 'Overview report',
  'executive-summary': 'Executive summary',
  'action-plan': 'Action plan',
  unknown: 'Document of unrecognised kind',
};
const FORMATS: Record<string, string> = { markdown: 'Markdown', text: 'plain text', docx: 'Word', pdf: 'PDF' };
const LEVELS: Record<Level, string> = { error: 'Error', warn: 'Warning', info: 'Info' };

// ---- colours (all text pairs at least 4.5:1; checked in test/reporters/html.test.ts) -------------

export const PALETTE = {
  text: '#1b1b1b',
  muted: '#4a4a4a',
  background: '#ffffff',
  panel: '#f3f4f6',
  border: '#8a8f98',
  link: '#0b4f9c',
  errorBg: '#a4161a',
  errorText: '#ffffff',
  warnBg: '#ffd866',
  warnText: '#1b1b1b',
  infoBg: '#1f5fa8',
  infoText: '#ffffff',
  okBg: '#1e6b34',
  okText: '#ffffff',
  bar: '#1f5fa8',
} as const;

const P = PALETTE;
export const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{color:${P.text};background:${P.background};font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:64rem;padding:0 1rem 3rem}
a{color:${P.link};text-underline-offset:.15em}
a:focus-visible,input:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid ${P.link};outline-offset:2px}
.skip{position:absolute;left:-999rem;top:0;background:${P.background};padding:.5rem 1rem;z-index:1}
.skip:focus{left:1rem}
h1{font-size:1.75rem;margin:1.5rem 0 .25rem}
h2{font-size:1.4rem;margin:0 0 .25rem;overflow-wrap:anywhere}
h3{font-size:1.15rem;margin:1.75rem 0 .5rem;border-bottom:1px solid ${P.border};padding-bottom:.2rem}
h4{font-size:1rem;margin:1.25rem 0 .4rem;overflow-wrap:anywhere}
p{margin:.4rem 0}
.muted{color:${P.muted}}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
header.top{border-bottom:3px solid ${P.text};padding-bottom:.75rem}
nav{margin:1rem 0;padding:.75rem 1rem;background:${P.panel};border-radius:.4rem}
nav h2{font-size:1rem;margin:0 0 .25rem}
nav ol{margin:.25rem 0 .5rem;padding-left:1.25rem}
fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;align-items:center}
legend{font-weight:600;float:left;margin-right:.5rem}
label{cursor:pointer}
input[type=checkbox]{width:1.1rem;height:1.1rem;vertical-align:-.15rem;accent-color:${P.link}}
article.doc{margin-top:2rem;padding-top:1rem;border-top:3px solid ${P.text}}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.badge{display:inline-block;border-radius:.3rem;padding:.05rem .5rem;font-weight:600;font-size:.875rem;border:1px solid transparent;white-space:nowrap;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.b-error,.s-missing{background:${P.errorBg};color:${P.errorText}}
.b-warn,.s-weak{background:${P.warnBg};color:${P.warnText};border-color:#8a6d00}
.b-info{background:${P.infoBg};color:${P.infoText}}
.s-present{background:${P.okBg};color:${P.okText}}
.b-plain{background:${P.panel};color:${P.text};border-color:${P.border}}
.fatal{border-left:.35rem solid ${P.errorBg};padding:.5rem .75rem;background:${P.panel}}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:.25rem 0 .5rem;font-size:.95rem}
caption{text-align:left;padding:.25rem 0}
th,td{border-bottom:1px solid ${P.border};padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid ${P.text}}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.bar{width:55%}
svg.bar{display:block;width:100%;height:1.1rem;background:${P.panel}}
svg.bar rect{fill:${P.bar}}
ul.lacks{margin:0;padding-left:1.1rem}
ol.findings{list-style:none;margin:0;padding:0}
li.finding{border:1px solid ${P.border};border-left-width:.4rem;border-radius:.3rem;padding:.5rem .75rem;margin:.5rem 0;break-inside:avoid}
li.level-error{border-left-color:${P.errorBg}}
li.level-warn{border-left-color:#b08800}
li.level-info{border-left-color:${P.infoBg}}
.finding .msg{margin:.25rem 0}
.finding .meta{font-size:.875rem;color:${P.muted};margin:.25rem 0 0}
blockquote.excerpt{margin:.35rem 0;padding:.25rem .75rem;border-left:3px solid ${P.border};background:${P.panel};overflow-wrap:anywhere}
ul.suggestions{margin:.25rem 0;padding-left:1.25rem;list-style:disc}
details{margin:.5rem 0}
summary{cursor:pointer;color:${P.link};font-weight:600}
caption{caption-side:top;font-weight:600;color:${P.text}}
code{font-family:ui-monospace,SFMono-Regular,Consolas,monospace;font-size:.9em}
footer{margin-top:3rem;border-top:1px solid ${P.border};padding-top:.75rem;color:${P.muted};font-size:.875rem}
body:has(#show-error:not(:checked)) li.level-error,body:has(#show-warn:not(:checked)) li.level-warn,body:has(#show-info:not(:checked)) li.level-info{display:none}
@media (max-width:40rem){html{font-size:15px}body{padding:0 .6rem 2rem}h1{font-size:1.4rem}td.bar{width:40%}th,td{padding:.3rem .35rem}}
@media print{html{font-size:10pt}body{max-width:none;padding:0}nav,.skip,.no-print{display:none!important}a{color:inherit}li.finding .rule a::after{content:" (" attr(href) ")";font-size:.8em;overflow-wrap:anywhere}article.doc{break-before:page;border-top:0}article.doc:first-of-type{break-before:auto}h3,h4{break-after:avoid}tr{break-inside:avoid}}
`.trim();

/** `'sha256-…'` of the stylesheet, for the Content-Security-Policy. */
function styleHash(css: string): string {
  const hex = sha256Hex(css);
  let binary = '';
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return `'sha256-${btoa(binary)}'`;
}

/** No fetch of any kind; only the page's own stylesheet (by hash). */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${styleHash(CSS)}; img-src 'none'; font-src 'none'; connect-src 'none'; script-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'`;

// ---- escaping ---------------------------------------------------------------------------------

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values: every character with a meaning in HTML, and control characters. */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

/** Only http(s) links are made links (the rules' docs pages); anything else is shown as text. */
function link(url: string, text: string): string {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---- the page -----------------------------------------------------------------------------------

export const html: Reporter = (results, context) => {
  const total = countAll(results);
  const docs = results.map((result, i) => ({ result, id: `doc-${i + 1}`, path: displayPath(context.cwd, result.filePath) }));
  const title = docs.length === 1 ? `dhr-lint: ${docs[0]!.path}` : `dhr-lint: ${plural(docs.length, 'document')}`;
  const parts: string[] = [];
  parts.push(
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="dhr-lint ${escapeHtml(context.version)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to the report</a>',
    '<header class="top">',
    '<h1>dhr-lint report</h1>',
    `<p class="muted">${escapeHtml(plural(docs.length, 'document'))} checked against the Home Office DHR guidance and the QA Panel's common concerns. Findings are prompts for the author to judge, not verdicts.</p>`,
    `<ul class="counts" aria-label="Totals">${countBadges(total)}</ul>`,
    context.maxWarnings !== undefined && total.warnings > context.maxWarnings
      ? `<p><strong>Too many warnings: ${total.warnings} (the maximum set is ${context.maxWarnings}).</strong></p>`
      : '',
    '</header>',
    '<nav aria-labelledby="nav-title">',
    '<h2 id="nav-title">Documents</h2>',
    `<ol>${docs.map((d) => `<li><a href="#${d.id}">${escapeHtml(d.path)}</a> <span class="muted">(${escapeHtml(countText(countFile(d.result)))})</span></li>`).join('')}</ol>`,
    '<fieldset class="no-print"><legend>Show findings:</legend>',
    ...(['error', 'warn', 'info'] as const).map((l) => `<label><input type="checkbox" id="show-${l}" checked> ${{ error: 'Errors', warn: 'Warnings', info: 'Info' }[l]}</label>`),
    '</fieldset>',
    '</nav>',
    '<main id="main" tabindex="-1">',
  );
  for (const d of docs) parts.push(documentReport(d.result, d.id, d.path));
  parts.push(
    '</main>',
    `<footer><p>Made by dhr-lint ${escapeHtml(context.version)}. This page is self-contained: it loads nothing from the network. It quotes short excerpts of the reports: share it only as you would share the reports themselves.</p></footer>`,
    '</body>',
    '</html>',
    '',
  );
  return parts.filter((p) => p !== '').join('\n');
};

function countText(c: Counts): string {
  if (c.fatals) return 'not linted';
  const bits = [plural(c.errors, 'error'), plural(c.warnings, 'warning'), `${c.infos} info`];
  if (c.suppressed) bits.push(`${c.suppressed} suppressed`);
  return bits.join(', ');
}

function countBadges(c: Counts): string {
  const items = [
    `<li><span class="badge b-error">${plural(c.errors, 'error')}</span></li>`,
    `<li><span class="badge b-warn">${plural(c.warnings, 'warning')}</span></li>`,
    `<li><span class="badge b-info">${c.infos} info</span></li>`,
  ];
  if (c.suppressed) items.push(`<li><span class="badge b-plain">${c.suppressed} suppressed by directives</span></li>`);
  if (c.fatals) items.push(`<li><span class="badge b-plain">${plural(c.fatals, 'file')} not linted</span></li>`);
  return items.join('');
}

function documentReport(result: FileResult, id: string, path: string): string {
  const out: string[] = [`<article class="doc" id="${id}" aria-labelledby="${id}-title">`, `<h2 id="${id}-title">${escapeHtml(path)}</h2>`];
  const outline = result.outline;
  const facts = [
    outline ? (KINDS[outline.kind] ?? outline.kind) : undefined,
    result.format ? (FORMATS[result.format] ?? result.format) : undefined,
    outline?.pages !== undefined ? plural(outline.pages, 'page') : undefined,
    outline ? plural(outline.sections.length, 'heading') : undefined,
  ].filter((x): x is string => Boolean(x));
  if (facts.length) out.push(`<p class="muted">${escapeHtml(facts.join(' · '))}</p>`);
  if (result.fatal !== undefined) {
    out.push(`<p class="fatal"><strong>Not linted:</strong> ${escapeHtml(result.fatal)}</p>`, '</article>');
    return out.join('\n');
  }
  out.push(`<ul class="counts" aria-label="Counts for this document">${countBadges(countFile(result))}</ul>`);
  out.push(checklists(result, id));
  out.push(agencyBalance(result, id));
  out.push(actionPlan(result, id));
  out.push(findingsBySection(result, id));
  out.push('</article>');
  return out.filter(Boolean).join('\n');
}

// ---- checklist ------------------------------------------------------------------------------------

type SectionEntry = NonNullable<FileResult['outline']>['sections'][number];

function checklists(result: FileResult, id: string): string {
  const outline = result.outline;
  if (!outline) return '';
  const out: string[] = [];
  const summarySections = outline.sections.filter((s) => s.part === 'executive-summary');
  if (outline.kind === 'overview') {
    const sections = outline.sections.filter((s) => s.part !== 'executive-summary' && s.part !== 'qa-letter');
    out.push(checklist(`${id}-sections`, 'Template sections', 'an overview report', OVERVIEW_CHECKLIST, sections, result.findings, 'overview-sections'));
    if (summarySections.length) {
      out.push(checklist(`${id}-es-sections`, 'Template sections of the executive summary', 'an executive summary', SUMMARY_CHECKLIST, summarySections, result.findings, 'exec-summary-sections'));
    }
  } else if (outline.kind === 'executive-summary') {
    out.push(checklist(`${id}-sections`, 'Template sections', 'an executive summary', SUMMARY_CHECKLIST, outline.sections, result.findings, 'exec-summary-sections'));
  }
  return out.join('\n');
}

function checklist(
  hid: string,
  heading: string,
  what: string,
  items: readonly ChecklistItem[],
  sections: SectionEntry[],
  findings: Finding[],
  ruleId: string,
): string {
  const sectionFindings = findings.filter((f) => SECTION_RULES.has(f.ruleId));
  const counts = { present: 0, weak: 0, missing: 0 };
  const rows = items.map((item) => {
    const found = sections.filter((s) => s.sectionIds.some((sid) => item.ids.includes(sid)));
    let present = found.length > 0;
    const notes: string[] = [];
    if (item.ids.includes('title-page') && !present) {
      // A title page is a block of lines, not a heading: the section rule says when it is missing.
      present = !sectionFindings.some((f) => f.messageId === 'noTitlePage' && f.ruleId === ruleId);
      if (present) notes.push('Title lines open the document');
    }
    const weak = sectionFindings.filter((f) => f.sectionId !== undefined && item.ids.includes(f.sectionId) && !ABSENT_MESSAGES.has(f.messageId));
    const status = !present ? 'missing' : weak.length ? 'weak' : 'present';
    counts[status]++;
    const statusText = { missing: 'Missing', weak: 'Weak', present: 'Present' }[status];
    const as = found
      .slice(0, 3)
      .map((s) => escapeHtml(`${s.number ? `${s.number} ` : ''}${s.title}`.trim() || '(untitled)'))
      .join('; ');
    if (as) notes.push(`Found as: ${as}${found.length > 3 ? ` and ${found.length - 3} more` : ''}`);
    for (const f of weak) notes.push(escapeHtml(f.message));
    if (!present) notes.push(item.note ? `Not found as a heading (${escapeHtml(item.note)})` : 'Not found as a heading');
    const html = `<tr><th scope="row">${escapeHtml(item.label)} <span class="muted">(${item.status})</span></th><td><span class="badge s-${status}">${statusText}</span></td><td>${notes.join('<br>')}</td></tr>`;
    return { status, html };
  });
  const head = '<thead><tr><th scope="col">Section</th><th scope="col">Status</th><th scope="col">Notes</th></tr></thead>';
  const attention = rows.filter((r) => r.status !== 'present');
  return [
    `<section aria-labelledby="${hid}">`,
    `<h3 id="${hid}">${escapeHtml(heading)}</h3>`,
    `<p>Of the ${items.length} sections the Home Office model layout requires or expects in ${escapeHtml(what)}: <strong>${counts.present} present, ${counts.weak} weak, ${counts.missing} missing</strong>. Read from the headings dhr-lint recognised (<code>dhr-lint --outline</code> lists them); "weak" means the ${escapeHtml(ruleId)} rule found the section empty, misplaced or out of order.</p>`,
    attention.length
      ? `<div class="scroll" role="region" aria-label="Sections to look at" tabindex="0"><table><caption>Sections to look at</caption>${head}<tbody>${attention.map((r) => r.html).join('')}</tbody></table></div>`
      : '',
    `<details><summary>All ${items.length} sections, in template order</summary>`,
    `<div class="scroll" role="region" aria-label="All sections" tabindex="0"><table>${head}<tbody>${rows.map((r) => r.html).join('')}</tbody></table></div>`,
    '</details>',
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

// ---- agency balance ----------------------------------------------------------------------------

/** Sector → share (0..1) as agency-balance publishes it (the shares, or its details holding them). */
function shares(result: FileResult): [string, number][] | undefined {
  const published = result.facts?.['agency-balance']?.shares;
  if (!published || typeof published !== 'object') return undefined;
  const inner = (published as { shares?: unknown }).shares;
  const map = (inner && typeof inner === 'object' ? inner : published) as Record<string, unknown>;
  const entries = Object.entries(map).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && e[1] >= 0 && e[1] <= 1);
  return entries.length ? entries.sort((a, b) => b[1] - a[1]) : undefined;
}

function agencyBalance(result: FileResult, id: string): string {
  const list = shares(result);
  if (!list) return '';
  const published = result.facts!['agency-balance']!.shares as { paragraphs?: unknown; sections?: unknown; unit?: unknown };
  const hid = `${id}-agencies`;
  const where = Array.isArray(published.sections) && published.sections.length ? ` in ${published.sections.map((s) => `“${String(s)}”`).join(', ')}` : '';
  const counted = typeof published.paragraphs === 'number' ? ` (${plural(published.paragraphs, 'paragraph')} counted${where})` : where;
  const flagged = result.findings.filter((f) => f.ruleId === 'agency-balance');
  const rows = list.map(([key, share]) => {
    const pct = Math.round(share * 1000) / 10;
    return `<tr><th scope="row">${escapeHtml(SECTORS[key] ?? key.replace(/-/g, ' '))}</th><td class="bar"><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect x="0" y="0" height="10" width="${(share * 100).toFixed(1)}"></rect></svg></td><td class="num">${pct}%</td></tr>`;
  });
  return [
    `<section aria-labelledby="${hid}">`,
    `<h3 id="${hid}">Agency balance</h3>`,
    `<p>Share of the agency discussion by sector${escapeHtml(counted)}. The QA Panel asks that health, social care, housing and education are "given similar weight in the analysis" as the police.${
      flagged.length ? ` ${plural(flagged.length, 'finding')} of agency-balance below.` : ''
    }</p>`,
    `<div class="scroll" role="region" aria-labelledby="${hid}" tabindex="0"><table>`,
    '<thead><tr><th scope="col">Sector</th><th scope="col"><span class="vh">Bar chart of the </span>Share</th><th scope="col">Percent</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></div>`,
    '</section>',
  ].join('\n');
}

// ---- action plan --------------------------------------------------------------------------------

function actionPlan(result: FileResult, id: string): string {
  const smart = result.findings.filter((f) => f.ruleId === 'action-plan-smart');
  if (!smart.length) return '';
  const rows = new Map<string, Finding[]>();
  for (const f of [...smart].sort(byPosition)) {
    const key = f.excerpt ?? `${f.location.docxRow ?? f.location.line ?? f.location.paragraph ?? ''}`;
    rows.set(key, [...(rows.get(key) ?? []), f]);
  }
  const hid = `${id}-action-plan`;
  const body = [...rows].map(([row, list]) => {
    const lacks = [...new Set(list.map((f) => LACKS[f.messageId] ?? f.messageId))];
    return `<tr><td>${escapeHtml(row)}</td><td><ul class="lacks">${lacks.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></td><td>${list
      .map((f) => `<span class="badge b-${f.level}">${LEVELS[f.level]}</span> ${escapeHtml(f.message)}`)
      .join('<br>')}</td></tr>`;
  });
  return [
    `<section aria-labelledby="${hid}">`,
    `<h3 id="${hid}">Action plan rows that need work</h3>`,
    `<p>${plural(rows.size, 'row')} of the action plan ${rows.size === 1 ? 'is' : 'are'} not yet SMART ("output focused", as the QA Panel asks).</p>`,
    `<div class="scroll" role="region" aria-labelledby="${hid}" tabindex="0"><table>`,
    '<thead><tr><th scope="col">Row</th><th scope="col">What it lacks</th><th scope="col">Findings</th></tr></thead>',
    `<tbody>${body.join('')}</tbody></table></div>`,
    '</section>',
  ].join('\n');
}

// ---- findings ------------------------------------------------------------------------------------

function findingsBySection(result: FileResult, id: string): string {
  const hid = `${id}-findings`;
  const out = [`<section aria-labelledby="${hid}">`, `<h3 id="${hid}">Findings</h3>`];
  if (!result.findings.length) {
    out.push(`<p>No findings.${result.suppressedCount ? ` ${plural(result.suppressedCount, 'finding')} silenced by directives.` : ''}</p>`, '</section>');
    return out.join('\n');
  }
  const groups = new Map<string, Finding[]>();
  for (const f of [...result.findings].sort(byPosition)) {
    const key = sectionPath(f.section) || 'The whole document';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [section, list] of groups) {
    out.push(`<h4>${escapeHtml(section)} <span class="muted">(${list.length})</span></h4>`, '<ol class="findings">');
    for (const f of list) out.push(findingItem(f));
    out.push('</ol>');
  }
  out.push('</section>');
  return out.join('\n');
}

function findingItem(f: Finding): string {
  const { line, column } = f.location;
  const where = [line !== undefined ? `line ${line}${column !== undefined ? `:${column}` : ''}` : '', pageAndParagraph(f)].filter(Boolean).join(' · ');
  const parts = [
    `<li class="finding level-${f.level}">`,
    `<p class="msg"><span class="badge b-${f.level}">${LEVELS[f.level]}</span> ${escapeHtml(f.message)}</p>`,
  ];
  if (f.excerpt) parts.push(`<blockquote class="excerpt"><span class="vh">Excerpt: </span>${escapeHtml(f.excerpt)}</blockquote>`);
  if (f.suggestions?.length) {
    parts.push(
      `<ul class="suggestions" aria-label="Suggestions">${f.suggestions
        .map((s) => `<li>${escapeHtml(s.desc)}${s.replacement !== undefined ? ` <span class="muted">(replace with “${escapeHtml(s.replacement)}”)</span>` : ''}</li>`)
        .join('')}</ul>`,
    );
  }
  const meta = [where ? escapeHtml(where) : '', `<span class="rule">Rule ${link(f.docsUrl, f.ruleId)}</span>`].filter(Boolean);
  parts.push(`<p class="meta">${meta.join(' · ')}</p>`, '</li>');
  return parts.join('');
}
