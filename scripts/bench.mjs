// `npm run bench`: whole-process timings (median wall time and peak memory over several runs) of
// dhr-lint against the raw parsers and markdownlint-cli2 on the same files, in the same run.
// Targets live in the issues; this script only measures and prints ratios.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const root = new URL('..', import.meta.url).pathname;
const work = join(root, '.bench');
mkdirSync(work, { recursive: true });
const hasTime = existsSync('/usr/bin/time');
const cli = join(root, 'bin/dhr-lint.js');

/** A ~1 MB Markdown report: the long fixture report repeated (falls back to the example). */
function markdownInput() {
  const out = join(work, 'report-1mb.md');
  const source = [join(root, 'fixtures/long-report/report.md'), join(root, 'examples/overview-report.md')].find(existsSync);
  const text = readFileSync(source, 'utf8');
  let body = text;
  while (Buffer.byteLength(body) < 1_000_000) body += `\n\n${text}`;
  writeFileSync(out, body);
  return out;
}

function measure(label, command, args, runs = RUNS) {
  const walls = [];
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const run = hasTime
      ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
      : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (run.status !== 0 && run.status !== 1) {
      console.error(`${label}: exit ${run.status}\n${(run.stderr ?? '').slice(-500)}`);
      return undefined;
    }
    if (hasTime) rss.push(Number(run.stderr.trim().split('\n').pop()) / 1024);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { label, wall: median(walls), rss: rss.length ? median(rss) : undefined };
}

const rows = [];
const row = (label, command, args) => {
  const r = measure(label, command, args);
  if (r) rows.push(r);
  return r;
};
const ratio = (a, b) => (a && b ? (a.wall / b.wall).toFixed(2) : 'n/a');
const measureRuns = (label, args, runs) => {
  const r = measure(label, process.execPath, args, runs);
  if (r) rows.push(r);
  return r;
};

console.log(`dhr-lint benchmark: ${RUNS} runs each, median wall time; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`);
const nodeFloor = row('node -e 0', process.execPath, ['-e', '0']);
const version = row('dhr-lint --version', process.execPath, [cli, '--version']);

const md = markdownInput();
const mdSize = `${(statSync(md).size / 1e6).toFixed(2)} MB`;
const parse = row(`remark-parse + gfm (${mdSize} .md)`, process.execPath, [join(root, 'scripts/bench/parse-md.mjs'), md]);
const lintMd = row(`dhr-lint (${mdSize} .md, all rules)`, process.execPath, [cli, '--no-config-lookup', '--format', 'json', '--output-file', join(work, 'out.json'), md]);
const mdlBin = join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const markdownlint = existsSync(mdlBin) ? row(`markdownlint-cli2 (${mdSize} .md)`, process.execPath, [mdlBin, md]) : undefined;

const docx = join(root, 'fixtures/long-report/report-styled.docx');
let docxRatio;
if (existsSync(docx)) {
  const raw = row('mammoth extractRawText (long .docx)', process.execPath, [join(root, 'scripts/bench/docx-raw.mjs'), 'raw', docx]);
  const html = row('mammoth convertToHtml (long .docx)', process.execPath, [join(root, 'scripts/bench/docx-raw.mjs'), 'html', docx]);
  const lintDocx = row('dhr-lint (long .docx)', process.execPath, [cli, '--no-config-lookup', '--format', 'json', '--output-file', join(work, 'out-docx.json'), docx]);
  docxRatio = { raw: ratio(lintDocx, raw), html: ratio(lintDocx, html) };
}
const pdf = join(root, 'fixtures/long-report/report.pdf');
let pdfRatio;
if (existsSync(pdf)) {
  const text = row('pdf.js text of every page (long .pdf)', process.execPath, [join(root, 'scripts/bench/pdf-text.mjs'), pdf]);
  if (spawnSync('pdftotext', ['-v']).status === 0) row('pdftotext, native floor (long .pdf)', 'pdftotext', [pdf, join(work, 'out.txt')]);
  const lintPdf = row('dhr-lint (long .pdf)', process.execPath, [cli, '--no-config-lookup', '--format', 'json', '--output-file', join(work, 'out-pdf.json'), pdf]);
  pdfRatio = ratio(lintPdf, text);
}

// Many files: 40 reports of mixed formats, one review per folder, serial vs parallel, then cached.
let batchRatio;
let cacheRatio;
if (process.env.BENCH_BATCH !== '0') {
  const sources = [
    join(root, 'fixtures/long-report/report.md'),
    join(root, 'fixtures/long-report/report-styled.docx'),
    join(root, 'fixtures/long-report/report-unstyled.docx'),
    join(root, 'fixtures/long-report/report.pdf'),
  ].filter(existsSync);
  const batch = join(work, 'batch');
  rmSync(batch, { recursive: true, force: true });
  for (let i = 0; i < 40; i++) {
    const source = sources[i % sources.length];
    const folder = join(batch, `case-${String(i).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    copyFileSync(source, join(folder, `overview${source.slice(source.lastIndexOf('.'))}`));
  }
  const batchArgs = ['--no-config-lookup', '--format', 'json', '--output-file', join(work, 'out-batch.json'), batch];
  const saved = RUNS;
  const serial = measureRuns('dhr-lint 40 reports, --concurrency 1', [cli, ...batchArgs, '--concurrency', '1'], 3);
  const parallel = measureRuns('dhr-lint 40 reports, --concurrency 2', [cli, ...batchArgs, '--concurrency', '2'], 3);
  batchRatio = ratio(serial, parallel);
  const cacheFile = join(work, 'bench.cache');
  rmSync(cacheFile, { force: true });
  const cold = measureRuns('dhr-lint 40 reports, --cache (first run)', [cli, ...batchArgs, '--cache', '--cache-location', cacheFile], 1);
  const warm = measureRuns('dhr-lint 40 reports, --cache (unchanged)', [cli, ...batchArgs, '--cache', '--cache-location', cacheFile], 3);
  cacheRatio = ratio(cold, warm);
  void saved;
}

const width = Math.max(...rows.map((r) => r.label.length));
console.log(`\n${'command'.padEnd(width)}  median wall  peak RSS`);
for (const r of rows) console.log(`${r.label.padEnd(width)}  ${`${r.wall.toFixed(0)} ms`.padStart(11)}  ${r.rss ? `${r.rss.toFixed(0)} MB`.padStart(8) : '     n/a'}`);
console.log('\nratios (target in brackets):');
console.log(`  --version / node -e 0            ${ratio(version, nodeFloor)}  (≤ 1.5)`);
console.log(`  lint .md / remark-parse + gfm    ${ratio(lintMd, parse)}  (≤ 1.3)`);
console.log(`  lint .md / markdownlint-cli2     ${ratio(lintMd, markdownlint)}  (≤ 0.75)`);
if (docxRatio) console.log(`  lint .docx / mammoth raw text    ${docxRatio.raw}  (≤ 1.5)   / mammoth HTML ${docxRatio.html}`);
if (pdfRatio) console.log(`  lint .pdf / pdf.js text          ${pdfRatio}  (≤ 1.3)`);
if (batchRatio) console.log(`  40 reports: serial / parallel    ${batchRatio}  (≥ 1.7)`);
if (cacheRatio) console.log(`  40 reports: first / cached run   ${cacheRatio}  (≥ 10)`);
const batchRows = rows.filter((r) => r.label.startsWith('dhr-lint 40 reports') && r.rss);
if (batchRows.length) console.log(`  40 reports: peak memory          ${Math.max(...batchRows.map((r) => r.rss)).toFixed(0)} MB  (< 500)`);
