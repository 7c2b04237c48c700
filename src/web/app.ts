/**
 * The checker page (main thread): choosing files and options, progress, results, filters,
 * explanations and downloads. The linting runs in a Web Worker (worker.ts) made from a Blob of
 * the worker source inlined in the page; nothing is fetched and nothing is stored.
 *
 * Results reuse the HTML report (src/reporters/html.ts, made in the worker): its per-document
 * summary, section checklist, agency chart and action-plan table are shown as they are; the
 * findings are rendered here as elements carrying `data-rule-id` and `data-level`, so they can
 * be filtered by severity and rule and each can open its rule's explanation.
 */
import { EXPLANATIONS, RULES, VERSION } from 'dhr-web:data';
import type { Mode } from '../api/rule.js';
import type { PresetName } from '../config/resolve.js';
import type { FileResult, Finding } from '../engine/finding.js';
import { byPosition, countAll, countFile, pageAndParagraph, sectionPath, type Counts } from '../reporters/summary.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';
import { formatSize } from '../model/limits.js';

type Done = Extract<WorkerResponse, { type: 'done' }>;
type ConfigReply = Extract<WorkerResponse, { type: 'config' }>;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
};

const ui = {
  drop: $('drop'),
  files: $<HTMLInputElement>('files'),
  fileList: $('file-list'),
  mode: $<HTMLSelectElement>('mode'),
  preset: $<HTMLSelectElement>('preset'),
  presetNote: $('preset-note'),
  config: $<HTMLInputElement>('config'),
  configClear: $<HTMLButtonElement>('config-clear'),
  configStatus: $('config-status'),
  redact: $<HTMLInputElement>('redact'),
  check: $<HTMLButtonElement>('check'),
  cancel: $<HTMLButtonElement>('cancel'),
  progressBox: $('progress-box'),
  progressLabel: $('progress-label'),
  progress: $<HTMLProgressElement>('progress'),
  status: $('status'),
  error: $('error'),
  results: $('results'),
  summary: $('summary'),
  totals: $('totals'),
  downloadJson: $<HTMLButtonElement>('download-json'),
  downloadHtml: $<HTMLButtonElement>('download-html'),
  filterRule: $<HTMLSelectElement>('filter-rule'),
  shown: $('shown'),
  docLinks: $('doc-links'),
  documents: $('documents'),
  dialog: $<HTMLDialogElement>('rule-dialog'),
  dialogTitle: $('rule-dialog-title'),
  dialogBody: $('rule-dialog-body'),
  dialogClose: $<HTMLButtonElement>('rule-dialog-close'),
};
const levelBoxes = [...document.querySelectorAll<HTMLInputElement>('input[data-level]')];

const RULE_INFO = new Map(RULES.map((r) => [r.id, r]));
const RULE_ORDER = new Map(RULES.map((r, i) => [r.id, i]));
const LEVEL_NAMES = { error: 'Error', warn: 'Warning', info: 'Info' } as const;
const CONFIG_EXTENSIONS = /\.(json|ya?ml)$/i;

// ---- the worker ------------------------------------------------------------------------------

const workerUrl = URL.createObjectURL(new Blob([$('dhr-lint-worker').textContent ?? ''], { type: 'text/javascript' }));
let worker: Worker;
let nextId = 1;
const pending = new Map<number, (reply: WorkerResponse) => void>();
let onProgress: ((p: Extract<WorkerResponse, { type: 'progress' }>) => void) | undefined;

function startWorker(): void {
  worker = new Worker(workerUrl, { name: 'dhr-lint' });
  worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
    const reply = event.data;
    if (reply.type === 'progress') onProgress?.(reply);
    else if (reply.type !== 'ready') {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    }
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    for (const [id, resolve] of pending) resolve({ type: 'failed', id, config: false, message: event.message || 'the checker stopped unexpectedly' });
    pending.clear();
  });
}

type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

function ask(body: RequestBody, transfer: Transferable[] = []): Promise<WorkerResponse> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ ...body, id } as WorkerRequest, transfer);
  });
}

// ---- state ---------------------------------------------------------------------------------------

let files: File[] = [];
let config: { name: string; text: string } | undefined;
/** The configuration as the worker holds it (resent after a restart). */
let configReady: Promise<ConfigReply | undefined> = Promise.resolve(undefined);
let running = 0;
let last: Done | undefined;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function setStatus(text: string): void {
  ui.status.textContent = text;
}

function showError(lines: string[]): void {
  ui.error.replaceChildren(...lines.map((line) => el('p', {}, line)));
  ui.error.hidden = lines.length === 0;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

// ---- choosing files ------------------------------------------------------------------------------

/** Files with the same name (from different folders) get a number, so results can tell them apart. */
function uniqueNames(list: File[]): { file: File; name: string }[] {
  const seen = new Map<string, number>();
  return list.map((file) => {
    const n = (seen.get(file.name) ?? 0) + 1;
    seen.set(file.name, n);
    return { file, name: n === 1 ? file.name : file.name.replace(/(\.[^.]+)?$/, ` (${n})$1`) };
  });
}

function setFiles(list: File[]): void {
  files = list;
  ui.fileList.replaceChildren(
    ...uniqueNames(files).map(({ file, name }) => el('li', {}, `${name} `, el('span', { class: 'muted' }, `(${formatSize(file.size)})`))),
  );
  ui.check.disabled = files.length === 0;
  if (files.length) void run();
}


function takeDropped(list: File[]): void {
  const configs = list.filter((f) => CONFIG_EXTENSIONS.test(f.name));
  const reports = list.filter((f) => !CONFIG_EXTENSIONS.test(f.name));
  if (configs.length) void loadConfig(configs[0]!, reports.length === 0);
  if (reports.length) setFiles(reports);
}

ui.files.addEventListener('change', () => setFiles([...(ui.files.files ?? [])]));
ui.drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  ui.drop.classList.add('over');
});
ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('over'));
ui.drop.addEventListener('drop', (event) => {
  event.preventDefault();
  ui.drop.classList.remove('over');
  takeDropped([...(event.dataTransfer?.files ?? [])]);
});
// A file dropped anywhere else must not replace the page.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => {
  event.preventDefault();
  if (event.dataTransfer?.files.length) takeDropped([...event.dataTransfer.files]);
});

// ---- options and configuration ---------------------------------------------------------------------

ui.mode.addEventListener('change', () => void rerun());
ui.preset.addEventListener('change', () => {
  if (ui.preset.value === 'dhr-lint:publication' && ui.mode.value !== 'publication') {
    ui.mode.value = 'publication';
    ui.presetNote.textContent = 'The publication rule set checks a publication copy: "Which copy is this?" is set to Publication copy.';
  } else ui.presetNote.textContent = '';
  void rerun();
});
ui.redact.addEventListener('change', () => void rerun());
ui.check.addEventListener('click', () => void run());
ui.cancel.addEventListener('click', () => {
  worker.terminate();
  for (const [id, resolve] of pending) resolve({ type: 'failed', id, config: false, message: 'stopped' });
  pending.clear();
  startWorker();
  configReady = config ? sendConfig() : Promise.resolve(undefined);
  running++;
  finishProgress();
  setStatus('Stopped. Choose files or press "Check again" to start over.');
});

function sendConfig(): Promise<ConfigReply | undefined> {
  const body = config ? { type: 'config' as const, name: config.name, text: config.text } : { type: 'config' as const, name: '' };
  return ask(body).then((reply) => (reply.type === 'config' ? reply : undefined));
}

async function loadConfig(file: File, rerunAfter = true): Promise<void> {
  let text: string;
  try {
    text = await file.text();
  } catch {
    showConfig({ ok: false, message: `${file.name}: cannot read the file` });
    return;
  }
  config = { name: file.name, text };
  configReady = sendConfig();
  const reply = await configReady;
  if (!reply) return;
  if (!reply.ok) config = undefined;
  showConfig(reply);
  if (reply.ok && reply.mode) ui.mode.value = reply.mode;
  if (rerunAfter) await rerun();
}

function showConfig(reply: { ok: true; extends?: PresetName[]; mode?: Mode } | { ok: false; message: string }): void {
  if (!reply.ok) {
    ui.configStatus.className = 'note config-bad';
    ui.configStatus.textContent = `This configuration cannot be used: ${reply.message}`;
    ui.configClear.hidden = true;
    ui.preset.disabled = false;
    ui.config.value = '';
    return;
  }
  ui.configStatus.className = 'note config-ok';
  if (!config) {
    ui.configStatus.textContent = '';
    ui.configClear.hidden = true;
    ui.preset.disabled = false;
    ui.presetNote.textContent = '';
    return;
  }
  const bits = [`Using ${config.name}`];
  if (reply.extends) bits.push(`it extends ${reply.extends.join(', ') || 'nothing (only its own rules)'}`);
  if (reply.mode) bits.push(`its settings say this is a ${reply.mode} copy`);
  ui.configStatus.textContent = `${bits.join('; ')}.`;
  ui.configClear.hidden = false;
  ui.preset.disabled = reply.extends !== undefined;
  ui.presetNote.textContent = reply.extends !== undefined ? "The configuration's extends sets the rule set." : '';
}

ui.config.addEventListener('change', () => {
  const file = ui.config.files?.[0];
  if (file) void loadConfig(file);
});
ui.configClear.addEventListener('click', () => {
  config = undefined;
  ui.config.value = '';
  configReady = sendConfig();
  showConfig({ ok: true });
  ui.config.focus();
  void rerun();
});

// ---- running -----------------------------------------------------------------------------------------

function rerun(): Promise<void> {
  return files.length ? run() : Promise.resolve();
}

function finishProgress(): void {
  onProgress = undefined;
  ui.progressBox.hidden = true;
  ui.cancel.hidden = true;
}

async function run(): Promise<void> {
  const ticket = ++running;
  const named = uniqueNames(files);
  showError([]);
  delete ui.results.dataset.state;
  ui.results.dataset.run = String(ticket);
  const started = performance.now();
  ui.progressBox.hidden = false;
  ui.cancel.hidden = false;
  ui.progress.removeAttribute('value');
  ui.progressLabel.textContent = 'Opening the files…';
  setStatus(`Checking ${plural(named.length, 'document')}…`);
  let payload: { name: string; bytes: ArrayBuffer }[];
  try {
    payload = await Promise.all(named.map(async ({ file, name }) => ({ name, bytes: await file.arrayBuffer() })));
  } catch {
    finishProgress();
    setStatus('');
    showError(['A file could not be opened (was it moved or deleted?). Choose it again.']);
    return;
  }
  const cfg = await configReady;
  if (ticket !== running) return;
  if (cfg && !cfg.ok) {
    finishProgress();
    return;
  }
  onProgress = (p) => {
    if (ticket !== running) return;
    const which = p.count > 1 ? ` (${p.index + 1} of ${p.count})` : '';
    if (p.stage === 'checking') {
      ui.progress.removeAttribute('value');
      ui.progressLabel.textContent = `Checking ${plural(p.count, 'document')} against the rules…`;
    } else if (p.pages) {
      ui.progress.max = p.pages;
      ui.progress.value = p.page ?? 0;
      ui.progressLabel.textContent = `Reading ${p.name}${which}: page ${p.page} of ${p.pages}`;
    } else {
      ui.progress.removeAttribute('value');
      ui.progressLabel.textContent = `Reading ${p.name}${which}…`;
    }
  };
  const reply = await ask(
    { type: 'lint', files: payload, mode: ui.mode.value as Mode, preset: ui.preset.value as PresetName, redact: ui.redact.checked },
    payload.map((p) => p.bytes),
  );
  if (ticket !== running) return;
  finishProgress();
  if (reply.type === 'failed') {
    setStatus('');
    showError([reply.config ? `The configuration cannot be used: ${reply.message}` : `The check could not be done: ${reply.message}`]);
    return;
  }
  if (reply.type !== 'done') return;
  last = reply;
  const seconds = (performance.now() - started) / 1000;
  ui.results.dataset.ms = String(Math.round(performance.now() - started));
  ui.results.dataset.readMs = String(Math.round(reply.readMs));
  ui.results.dataset.lintMs = String(Math.round(reply.lintMs));
  renderResults(reply.results, reply.html);
  const total = countAll(reply.results);
  setStatus(`Checked ${plural(reply.results.length, 'document')} in ${seconds.toFixed(1)} s: ${countText(total)}.`);
  ui.results.dataset.state = 'done';
}

function countText(c: Counts): string {
  const bits = [plural(c.errors, 'error'), plural(c.warnings, 'warning'), `${c.infos} info`];
  if (c.suppressed) bits.push(`${c.suppressed} silenced by directives`);
  if (c.fatals) bits.push(`${plural(c.fatals, 'file')} not checked`);
  return bits.join(', ');
}

// ---- results -------------------------------------------------------------------------------------------

function badge(level: Finding['level']): HTMLElement {
  return el('span', { class: `badge b-${level}` }, LEVEL_NAMES[level]);
}

function renderResults(results: FileResult[], reportHtml: string): void {
  ui.results.hidden = false;
  const total = countAll(results);
  ui.summary.textContent = `${plural(results.length, 'document')} checked against the Home Office DHR guidance and the QA Panel's common concerns.`;
  const totals = [
    el('li', {}, el('span', { class: 'badge b-error' }, plural(total.errors, 'error'))),
    el('li', {}, el('span', { class: 'badge b-warn' }, plural(total.warnings, 'warning'))),
    el('li', {}, el('span', { class: 'badge b-info' }, `${total.infos} info`)),
  ];
  if (total.suppressed) totals.push(el('li', {}, el('span', { class: 'badge b-plain' }, `${total.suppressed} silenced by directives`)));
  if (total.fatals) totals.push(el('li', {}, el('span', { class: 'badge b-plain' }, `${plural(total.fatals, 'file')} not checked`)));
  ui.totals.replaceChildren(...totals);

  // The rule filter lists the rules that have findings, in catalogue order.
  const byRule = new Map<string, number>();
  for (const r of results) for (const f of r.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const selected = ui.filterRule.value;
  ui.filterRule.replaceChildren(
    el('option', { value: '' }, 'All rules'),
    ...[...byRule]
      .sort((a, b) => (RULE_ORDER.get(a[0]) ?? 999) - (RULE_ORDER.get(b[0]) ?? 999) || a[0].localeCompare(b[0]))
      .map(([id, n]) => el('option', { value: id }, `${id} (${n})`)),
  );
  ui.filterRule.value = byRule.has(selected) ? selected : '';

  const reportArticles = reportSections(reportHtml, results.length);
  ui.docLinks.replaceChildren(
    ...results.map((r, i) => el('li', {}, el('a', { href: `#doc-${i + 1}` }, r.filePath), ' ', el('span', { class: 'muted' }, `(${r.fatal !== undefined ? 'not checked' : countText(countFile(r))})`))),
  );
  ui.documents.replaceChildren(...results.map((r, i) => documentArticle(r, i, reportArticles?.[i])));
  applyFilters();
}

/**
 * The HTML report's articles, one per file, without their findings section (the page renders the
 * findings itself). Undefined when the report's shape is not the expected one.
 */
function reportSections(reportHtml: string, count: number): HTMLElement[] | undefined {
  // Without its <head>: the report's own stylesheet would be checked against this page's CSP.
  const parsed = new DOMParser().parseFromString(reportHtml.replace(/<head>[\s\S]*?<\/head>/i, ''), 'text/html');
  const articles = [...parsed.querySelectorAll<HTMLElement>('main article.doc')];
  if (articles.length !== count) return undefined;
  return articles.map((article) => {
    // Defence in depth: the report escapes everything it quotes, and the page's CSP would not run
    // an inline handler anyway; still, nothing executable is carried over.
    for (const node of article.querySelectorAll('script,iframe,object,embed,link,meta,style')) node.remove();
    for (const node of article.querySelectorAll('*')) {
      for (const attr of [...node.attributes]) if (/^on/i.test(attr.name) || /^\s*javascript:/i.test(attr.value)) node.removeAttribute(attr.name);
    }
    for (const section of article.querySelectorAll(':scope > section')) {
      const heading = section.querySelector('h3');
      if (heading?.id.endsWith('-findings')) section.remove();
    }
    return document.importNode(article, true);
  });
}

function documentArticle(result: FileResult, index: number, fromReport: HTMLElement | undefined): HTMLElement {
  const id = `doc-${index + 1}`;
  const article = fromReport ?? el('article', { class: 'doc', 'aria-labelledby': `${id}-title` }, el('h2', { id: `${id}-title` }, result.filePath));
  article.id = id;
  article.dataset.file = result.filePath;
  if (!fromReport) {
    if (result.fatal !== undefined) article.append(el('p', { class: 'fatal' }, el('strong', {}, 'Not checked:'), ` ${result.fatal}`));
    else article.append(el('ul', { class: 'counts', 'aria-label': 'Counts for this document' }, el('li', {}, countText(countFile(result)))));
  }
  if (result.fatal === undefined) article.append(findingsSection(result, id));
  return article;
}

function findingsSection(result: FileResult, id: string): HTMLElement {
  const hid = `${id}-findings`;
  const section = el('section', { 'aria-labelledby': hid, class: 'findings-section' }, el('h3', { id: hid }, 'Findings'));
  if (!result.findings.length) {
    section.append(el('p', {}, `No findings.${result.suppressedCount ? ` ${plural(result.suppressedCount, 'finding')} silenced by directives.` : ''}`));
    return section;
  }
  const groups = new Map<string, Finding[]>();
  for (const f of [...result.findings].sort(byPosition)) {
    const key = sectionPath(f.section) || 'The whole document';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [name, list] of groups) {
    const count = el('span', { class: 'muted count' }, `(${list.length})`);
    section.append(el('div', { class: 'group' }, el('h4', {}, `${name} `, count), el('ol', { class: 'findings' }, ...list.map(findingItem))));
  }
  return section;
}

function findingItem(f: Finding): HTMLElement {
  const li = el('li', { class: `finding level-${f.level}`, 'data-rule-id': f.ruleId, 'data-level': f.level });
  li.append(el('p', { class: 'msg' }, badge(f.level), ` ${f.message}`));
  if (f.excerpt) li.append(el('blockquote', { class: 'excerpt' }, el('span', { class: 'vh' }, 'Excerpt: '), f.excerpt));
  if (f.suggestions?.length) {
    li.append(
      el(
        'ul',
        { class: 'suggestions', 'aria-label': 'Suggestions' },
        ...f.suggestions.map((s) =>
          el('li', {}, s.desc, ...(s.replacement !== undefined ? [' ', el('span', { class: 'muted' }, `(replace with “${s.replacement}”)`)] : [])),
        ),
      ),
    );
  }
  const { line, column } = f.location;
  const where = [line !== undefined ? `line ${line}${column !== undefined ? `:${column}` : ''}` : '', pageAndParagraph(f)].filter(Boolean).join(' · ');
  const about = el('button', { type: 'button', class: 'linklike', 'data-rule': f.ruleId, 'aria-haspopup': 'dialog' }, f.ruleId);
  about.setAttribute('aria-label', `Rule ${f.ruleId}: what it checks and why`);
  const meta = el('p', { class: 'meta' });
  if (where) meta.append(where, ' · ');
  meta.append(el('span', { class: 'rule' }, 'Rule ', about));
  li.append(meta);
  return li;
}

// ---- filters -------------------------------------------------------------------------------------------

function applyFilters(): void {
  const levels = new Set(levelBoxes.filter((b) => b.checked).map((b) => b.dataset.level));
  const rule = ui.filterRule.value;
  let shown = 0;
  let all = 0;
  for (const group of ui.documents.querySelectorAll<HTMLElement>('.group')) {
    let visible = 0;
    for (const li of group.querySelectorAll<HTMLElement>('li.finding')) {
      all++;
      const show = levels.has(li.dataset.level) && (!rule || li.dataset.ruleId === rule);
      li.hidden = !show;
      if (show) visible++;
    }
    group.hidden = visible === 0;
    const count = group.querySelector('.count');
    if (count) count.textContent = `(${visible})`;
    shown += visible;
  }
  ui.shown.textContent = shown === all ? `Showing all ${plural(all, 'finding')}.` : `Showing ${shown} of ${plural(all, 'finding')}.`;
}

for (const box of levelBoxes) box.addEventListener('change', applyFilters);
ui.filterRule.addEventListener('change', applyFilters);

// ---- rule explanations ---------------------------------------------------------------------------------

let opener: HTMLElement | undefined;

function openRule(id: string, from: HTMLElement): void {
  const info = RULE_INFO.get(id);
  opener = from;
  ui.dialogTitle.textContent = id;
  const explanation = EXPLANATIONS[id];
  const body = document.createElement('div');
  if (explanation) body.innerHTML = explanation; // made at build time from docs/rules/<id>.md, every text escaped there
  else body.append(el('p', {}, info ? `${info.description}. Group: ${info.group}; default level: ${info.defaultLevel}.` : 'No explanation is bundled for this rule.'));
  const online = info ? el('p', { class: 'muted' }, 'The full page, with options and examples: ', el('code', {}, info.docsUrl)) : '';
  ui.dialogBody.replaceChildren(body, online);
  ui.dialog.showModal();
  ui.dialogClose.focus();
}

ui.documents.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLElement>('button[data-rule]');
  if (button) openRule(button.dataset.rule!, button);
});
ui.dialogClose.addEventListener('click', () => ui.dialog.close());
ui.dialog.addEventListener('close', () => opener?.focus());
ui.dialog.addEventListener('click', (event) => {
  if (event.target === ui.dialog) ui.dialog.close();
});

// ---- downloads (only when asked) -------------------------------------------------------------------------

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

ui.downloadJson.addEventListener('click', () => {
  if (last) download('dhr-lint-results.json', 'application/json', last.json);
});
ui.downloadHtml.addEventListener('click', () => {
  if (last) download('dhr-lint-report.html', 'text/html', last.html);
});

// ---- start -----------------------------------------------------------------------------------------------

startWorker();
ui.check.disabled = true;
document.documentElement.dataset.ready = 'true';
document.documentElement.dataset.version = VERSION;
