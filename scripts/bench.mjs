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

/** One timed run: wall time in ms and peak RSS in MB (undefined when it failed). */
function once(label, command, args) {
  const start = process.hrtime.bigint();
  const run = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 && run.status !== 1) {
    console.error(`${label}: exit ${run.status}\n${(run.stderr ?? '').slice(-500)}`);
    return undefined;
  }
  return { wall, rss: hasTime ? Number(run.stderr.trim().split('\n').pop()) / 1024 : undefined };
}

/**
 * The commands of one comparison, run in turn (A, B, A, B, …) rather than one after the other, so
 * that a change in the machine's load while they run falls on all of them alike.
 */
function measureGroup(commands, runs = RUNS) {
  const samples = commands.map(() => ({ walls: [], rss: [], failed: false }));
  for (let i = 0; i < runs; i++) {
    commands.forEach(({ label, command, args }, k) => {
      if (samples[k].failed) return;
      const r = once(label, command, args);
      if (!r) samples[k].failed = true;
      else {
        samples[k].walls.push(r.wall);
        if (r.rss !== undefined) samples[k].rss.push(r.rss);
      }
    });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return commands.map(({ label }, k) => {
    const { walls, rss, failed } = samples[k];
    if (failed) return undefined;
    const r = { label, wall: median(walls), min: Math.min(...walls), rss: rss.length ? median(rss) : undefined };
    rows.push(r);
    return r;
  });
}

const rows = [];
const node = (label, args) => ({ label, command: process.execPath, args });
const ratio = (a, b) => (a && b ? (a.wall / b.wall).toFixed(2) : 'n/a');

console.log(`dhr-lint benchmark: ${RUNS} runs each, the commands compared taking turns, median wall time; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`);
const [nodeFloor, version] = measureGroup([node('node -e 0', ['-e', '0']), node('dhr-lint --version', [cli, '--version'])]);

const md = markdownInput();
const mdSize = `${(statSync(md).size / 1e6).toFixed(2)} MB`;
const mdlBin = join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const [parse, lintMd, markdownlint] = measureGroup([
  node(`remark-parse + gfm (${mdSize} .md)`, [join(root, 'scripts/bench/parse-md.mjs'), md]),
  node(`dhr-lint (${mdSize} .md, all rules)`, [cli, '--no-config-lookup', '--format', 'json', '--output-file', join(work, 'out.json'), md]),
  ...(existsSync(mdlBin) ? [node(`markdownlint-cli2 (${mdSize} .md)`, [mdlBin, md])] : []),
]);

const docx = join(root, 'fixtures/long-report/report-styled.docx');
let docxRatio;
if (existsSync(docx)) {
  const [raw, html, lintDocx] = measureGroup([
    node('mammoth extractRawText (long .docx)', [join(root, 'scripts/bench/docx-raw.mjs'), 'raw', docx]),
    node('mammoth convertToHtml (long .docx)', [join(root, 'scripts/bench/docx-raw.mjs'), 'html', docx]),
    node('dhr-lint (long .docx)', [cli, '--no-config-lookup', '--format', 'json', '--output-file', join(work, 'out-docx.json'), docx]),
  ]);
  docxRatio = { raw: ratio(lintDocx, raw), html: ratio(lintDocx, html) };
}
const pdf = join(root, 'fixtures/long-report/report.pdf');
let pdfRatio;
if (existsSync(pdf)) {
  const native = spawnSync('pdftotext', ['-v']).status === 0;
  const [text, lintPdf] = measureGroup([
    node('pdf.js text of every page (long .pdf)', [join(root, 'scripts/bench/pdf-text.mjs'), pdf]),
    node('dhr-lint (long .pdf)', [cli, '--no-config-lookup', '--format', 'json', '--output-file', join(work, 'out-pdf.json'), pdf]),
    ...(native ? [{ label: 'pdftotext, native floor (long .pdf)', command: 'pdftotext', args: [pdf, join(work, 'out.txt')] }] : []),
  ]);
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
  const [serial, parallel] = measureGroup(
    [node('dhr-lint 40 reports, --concurrency 1', [cli, ...batchArgs, '--concurrency', '1']), node('dhr-lint 40 reports, --concurrency 2', [cli, ...batchArgs, '--concurrency', '2'])],
    3,
  );
  batchRatio = ratio(serial, parallel);
  const cacheFile = join(work, 'bench.cache');
  rmSync(cacheFile, { force: true });
  const cacheArgs = [cli, ...batchArgs, '--cache', '--cache-location', cacheFile];
  const [cold] = measureGroup([node('dhr-lint 40 reports, --cache (first run)', cacheArgs)], 1);
  const [warm] = measureGroup([node('dhr-lint 40 reports, --cache (unchanged)', cacheArgs)], 3);
  cacheRatio = ratio(cold, warm);
}

const width = Math.max(...rows.map((r) => r.label.length));
console.log(`\n${'command'.padEnd(width)}  median wall  fastest  peak RSS`);
for (const r of rows) console.log(`${r.label.padEnd(width)}  ${`${r.wall.toFixed(0)} ms`.padStart(11)}  ${`${r.min.toFixed(0)} ms`.padStart(7)}  ${r.rss ? `${r.rss.toFixed(0)} MB`.padStart(8) : '     n/a'}`);
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
