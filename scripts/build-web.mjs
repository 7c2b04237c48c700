// Build dist/web/dhr-lint.html: ONE self-contained page that lints reports in the browser, offline.
//
// - The engine (readers, pdf.js with its worker code, mammoth, the rules, the reporters) is bundled
//   for the browser and inlined as the source of a Web Worker the page starts from a Blob URL.
// - Node built-ins are swapped for small stand-ins (src/web/shims/); the build fails if any other
//   `node:` module is reached.
// - Ajv compiles JSON Schemas with `new Function`, which the page's Content-Security-Policy
//   forbids: every schema the config and the built-in rules need is compiled here (Ajv standalone).
// - The rules' explanations are converted from docs/rules/*.md to HTML here.
// - The page's Content-Security-Policy allows its own inline script and style by hash, the worker
//   from blob:, and no network request of any kind (connect-src 'none').
//
// Usage: node scripts/build-web.mjs [--out dist/web/dhr-lint.html] [--quiet]
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Ajv2020Module from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'src/web');
export const MAX_BYTES = 4 * 1024 * 1024;
export const DEFAULT_OUT = join(ROOT, 'dist/web/dhr-lint.html');

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const standaloneCode = standaloneModule.default ?? standaloneModule;

// ---- 1. What the page needs from the rules, computed in Node ----------------------------------

export async function loadMeta() {
  const dir = join(ROOT, 'node_modules/.cache/dhr-lint-web');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `meta-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [join(WEB, 'build/meta.ts')],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}

// ---- 2. Validators compiled ahead of time -------------------------------------------------------

const SCHEMA_BASE = 'https://dhr-lint.invalid/web/';

/**
 * The config schema holds every rule's options schema twice (top-level `rules` and
 * `overrides[].rules`) and the settings schema twice; compiled as it is, Ajv's code for it is
 * 0.8 MB. Compiled here instead is an equivalent schema: rule options as references to the rule
 * schemas (compiled once, shared with the rule validators), and repeated large parts moved to
 * `$defs`. Instance paths, keywords and params of errors stay the same (references do not change
 * where in the data an error is), which is all `src/config/validate.ts` reads.
 */
export function sharedConfigSchema(config, ruleIds) {
  const ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
  const LIST = ['oneOf', 'anyOf', 'allOf', 'prefixItems'];
  const MAP = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
  /** Apply `fn` to each subschema of a schema (only where JSON Schema has subschemas, not in enum or const). */
  const mapChildren = (schema, fn) => {
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
    const out = { ...schema };
    for (const k of ONE) if (k in out && typeof out[k] === 'object') out[k] = fn(out[k]);
    for (const k of LIST) if (Array.isArray(out[k])) out[k] = out[k].map(fn);
    for (const k of MAP) if (out[k] && typeof out[k] === 'object') out[k] = Object.fromEntries(Object.entries(out[k]).map(([n, v]) => [n, fn(v)]));
    return out;
  };
  const counts = new Map();
  const count = (schema) => {
    if (!schema || typeof schema !== 'object') return schema;
    const json = JSON.stringify(schema);
    counts.set(json, (counts.get(json) ?? 0) + 1);
    mapChildren(schema, count);
    return schema;
  };
  count(config);
  const defs = {};
  const defIds = new Map();
  const rewrite = (schema) => {
    if (!schema || typeof schema !== 'object') return schema;
    const json = JSON.stringify(schema);
    if (ruleIds.has(json)) return { $ref: ruleIds.get(json) };
    if (json.length > 400 && counts.get(json) > 1) {
      if (!defIds.has(json)) {
        const name = `shared${defIds.size}`;
        defIds.set(json, name);
        defs[name] = mapChildren(schema, rewrite);
      }
      return { $ref: `#/$defs/${defIds.get(json)}` };
    }
    return mapChildren(schema, rewrite);
  };
  const out = mapChildren(config, rewrite);
  if (Object.keys(defs).length) out.$defs = { ...(out.$defs ?? {}), ...defs };
  return out;
}

/** ESM source exporting `validators`: schema key → precompiled Ajv validate function. */
export function validatorsModule(meta) {
  // The same options as src/config/validate.ts, plus standalone ESM code.
  const ajv = new Ajv2020({ allErrors: false, strict: false, useDefaults: false, code: { source: true, esm: true } });
  const [configSchema, ...ruleSchemas] = meta.schemas();
  const refs = {};
  const keys = {};
  const ruleIds = new Map();
  ruleSchemas.forEach((schema, i) => {
    const json = JSON.stringify(schema);
    if (ruleIds.has(json)) return;
    const id = `${SCHEMA_BASE}rule-options-${i}.json`;
    ruleIds.set(json, id);
    ajv.addSchema(schema, id);
    refs[`rule${i}`] = id;
    keys[`rule${i}`] = meta.schemaKey(schema);
  });
  const shared = sharedConfigSchema(configSchema, ruleIds);
  const configId = `${SCHEMA_BASE}config.json`;
  ajv.addSchema({ ...shared, $id: configId }, configId);
  refs.config = configId;
  keys.config = meta.schemaKey(configSchema);
  const code = standaloneCode(ajv, refs);
  if (/new Function|\beval\(/.test(code)) throw new Error('standalone validator code uses eval');
  const table = Object.entries(keys)
    .map(([name, key]) => `${JSON.stringify(key)}: ${name}`)
    .join(',\n');
  return `${code}\nexport const validators = {\n${table}\n};\n`;
}

// ---- 3. Rule explanations: docs/rules/<id>.md → HTML ------------------------------------------

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);

function inline(nodes) {
  return (nodes ?? []).map(inlineNode).join('');
}

function inlineNode(node) {
  switch (node.type) {
    case 'text':
      return esc(node.value);
    case 'emphasis':
      return `<em>${inline(node.children)}</em>`;
    case 'strong':
      return `<strong>${inline(node.children)}</strong>`;
    case 'delete':
      return `<del>${inline(node.children)}</del>`;
    case 'inlineCode':
      return `<code>${esc(node.value)}</code>`;
    case 'break':
      return '<br>';
    case 'link':
      // Sources are web pages: shown as links that open outside the page (a choice the reader
      // makes; the page itself fetches nothing). Links to other files of the repository are text.
      return /^https?:\/\//i.test(node.url)
        ? `<a href="${esc(node.url)}" rel="noopener noreferrer" target="_blank">${inline(node.children)}<span class="vh"> (opens a web page)</span></a>`
        : inline(node.children);
    case 'image':
      return esc(node.alt ?? '');
    case 'html':
      return esc(node.value);
    default:
      return node.children ? inline(node.children) : esc(node.value ?? '');
  }
}

function block(node) {
  switch (node.type) {
    case 'paragraph':
      return `<p>${inline(node.children)}</p>`;
    case 'heading':
      return `<h4>${inline(node.children)}</h4>`;
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul';
      return `<${tag}>${node.children.map((item) => `<li>${item.children.map((c) => (c.type === 'paragraph' ? inline(c.children) : block(c))).join(' ')}</li>`).join('')}</${tag}>`;
    }
    case 'blockquote':
      return `<blockquote>${node.children.map(block).join('')}</blockquote>`;
    case 'code':
      return `<pre><code>${esc(node.value)}</code></pre>`;
    case 'table': {
      const [head, ...rows] = node.children;
      const cells = (row, tag) => row.children.map((c) => `<${tag}${tag === 'th' ? ' scope="col"' : ''}>${inline(c.children)}</${tag}>`).join('');
      return `<div class="scroll" role="region" tabindex="0" aria-label="Table"><table><thead><tr>${cells(head, 'th')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${cells(r, 'td')}</tr>`)
        .join('')}</tbody></table></div>`;
    }
    case 'thematicBreak':
      return '';
    case 'html':
      return '';
    default:
      return node.children ? node.children.map(block).join('') : '';
  }
}

/** The opening paragraphs and list (group, level, preset), and the sections "Why" and "What it checks". */
function explanation(markdown) {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const parts = [];
  let section = 'intro';
  const keep = new Set(['intro', 'Why', 'What it checks']);
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 1) continue;
    if (node.type === 'heading' && node.depth === 2) {
      section = inline(node.children).replace(/<[^>]+>/g, '').trim();
      if (keep.has(section)) parts.push(`<h3>${esc(section)}</h3>`);
      continue;
    }
    if (keep.has(section)) parts.push(block(node));
  }
  return parts.join('\n');
}

function explanations(meta) {
  const out = {};
  for (const rule of meta.rules()) {
    const file = rule.id === 'review-documents' ? join(ROOT, 'docs/reviews.md') : join(ROOT, 'docs/rules', `${rule.id}.md`);
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // test/rules-catalogue.test.ts fails on a rule without its page; the page shows the description.
      process.stderr.write(`build-web: no docs page for rule ${rule.id} (${relative(ROOT, file)})\n`);
      continue;
    }
    if (rule.id === 'review-documents') {
      // docs/reviews.md is about reviews in general: its opening paragraphs explain the notice.
      const tree = unified().use(remarkParse).use(remarkGfm).parse(text);
      const intro = [];
      for (const node of tree.children) {
        if (node.type === 'heading' && node.depth === 1) continue;
        if (node.type === 'heading') break;
        intro.push(block(node));
      }
      out[rule.id] = intro.join('\n');
    } else out[rule.id] = explanation(text);
  }
  return out;
}

// ---- 4. Bundles ---------------------------------------------------------------------------------

const shim = (name) => join(WEB, 'shims', `${name}.ts`);

export function pagePlugin(virtual, { node = false } = {}) {
  return {
    name: 'dhr-web',
    setup(b) {
      b.onResolve({ filter: /^dhr-web:/ }, (a) => ({ path: a.path, namespace: 'dhr-web' }));
      b.onLoad({ filter: /.*/, namespace: 'dhr-web' }, (a) => {
        if (!(a.path in virtual)) return { errors: [{ text: `unknown virtual module ${a.path}` }] };
        return { contents: virtual[a.path], loader: 'js', resolveDir: ROOT };
      });
      // pdf.js through unpdf's serverless build, with a page-progress hook.
      b.onResolve({ filter: /^unpdf$/ }, () => ({ path: shim('unpdf') }));
      // Ajv: validators compiled at build time (no `new Function` under the page's CSP).
      b.onResolve({ filter: /^ajv\/dist\/2020(\.js)?$/ }, (a) => (a.importer.endsWith(join('config', 'validate.ts')) ? { path: shim('ajv') } : undefined));
      // Node built-ins: stand-ins where the shared code needs one, an error for anything else.
      const stand = { path: 'path', url: 'url', crypto: 'crypto' };
      b.onResolve({ filter: /^(node:)?(path|url|crypto)$/ }, (a) => ({ path: shim(stand[a.path.replace(/^node:/, '')]) }));
      // (In a Node bundle made for tests, other built-ins stay external.)
      b.onResolve({ filter: /^node:/ }, (a) =>
        node
          ? { path: a.path, external: true }
          : { errors: [{ text: `Node built-in ${a.path} (imported by ${relative(ROOT, a.importer)}) cannot run in the page` }] },
      );
    },
  };
}

async function bundle(entry, virtual) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16.4'],
    // In the Web Worker there is no DOM: packages with a DOM-only browser build have a worker one.
    conditions: ['worker'],
    minify: true,
    legalComments: 'eof',
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '"about:blank"' },
    plugins: [pagePlugin(virtual)],
  });
  const text = result.outputFiles[0].text;
  const inputs = Object.keys(result.metafile.inputs);
  return { text, inputs };
}

/**
 * For tests: bundle a page module for Node with the page's stand-ins and precompiled validators,
 * so what runs in the browser can be compared with the CLI in Node. Returns the module.
 */
export async function importAsInPage(entry) {
  const meta = await loadMeta();
  const dir = join(ROOT, 'node_modules/.cache/dhr-lint-web');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `as-in-page-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [resolve(ROOT, entry)],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __dhrCreateRequire } from 'node:module'; const require = __dhrCreateRequire(import.meta.url);" },
    plugins: [pagePlugin({ 'dhr-web:validators': validatorsModule(meta) }, { node: true })],
  });
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * Make bundle text safe inside a <script> element: esbuild already escapes "</script" in strings;
 * "<!--" (in strings and regular expressions here) would put the HTML tokenizer in its escaped
 * script state, so it is written "\x3C!--", which means the same in a string or a pattern.
 */
function inlineSafe(text) {
  return text.replace(/<!--/g, '\\x3C!--');
}

function assertInlineSafe(text, what) {
  if (/<\/script/i.test(text) || /<!--/.test(text)) throw new Error(`${what}: contains "</script" or "<!--" and cannot be inlined`);
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// ---- 5. The page ----------------------------------------------------------------------------------

/** Bundled packages with their version and licence, for the notice at the top of the page. */
function notices(inputs) {
  const seen = new Map();
  for (const input of inputs) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!m || seen.has(m[1])) continue;
    try {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', m[1], 'package.json'), 'utf8'));
      seen.set(m[1], `${m[1]} ${pkg.version} (${typeof pkg.license === 'string' ? pkg.license : 'see its package'})`);
    } catch {
      seen.set(m[1], m[1]);
    }
  }
  return [...seen.values()].sort();
}

/**
 * Build the page. Returns its path and sizes; throws when it cannot be built or is over budget.
 * @param {{ out?: string }} [options]
 */
export async function buildWeb(options = {}) {
  const OUT = resolve(ROOT, options.out ?? DEFAULT_OUT);
  const started = Date.now();
  const meta = await loadMeta();
  const rules = meta.rules();
  const worker = await bundle(join(WEB, 'worker.ts'), { 'dhr-web:validators': validatorsModule(meta) });
  worker.text = inlineSafe(worker.text);
  const app = await bundle(join(WEB, 'app.ts'), {
    'dhr-web:data': `export const VERSION = ${JSON.stringify(meta.version)};\nexport const RULES = ${JSON.stringify(rules)};\nexport const EXPLANATIONS = ${JSON.stringify(explanations(meta))};\n`,
  });
  app.text = inlineSafe(app.text);
  for (const b of [worker, app]) {
    const bad = b.inputs.filter((i) => /^node:|(^|\/)src\/cli\//.test(i));
    if (bad.length) throw new Error(`the page bundle reached Node-only modules: ${bad.join(', ')}`);
  }
  assertInlineSafe(worker.text, 'worker bundle');
  assertInlineSafe(app.text, 'page script');

  const css = `${meta.reportCss}\n${readFileSync(join(WEB, 'page.css'), 'utf8').trim()}`;
  const script = app.text.trim();
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(css)}`,
    'worker-src blob:',
    "connect-src 'none'",
    "img-src 'none'",
    "font-src 'none'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  const template = readFileSync(join(WEB, 'page.html'), 'utf8');
  const licences = `dhr-lint ${meta.version} (MIT), built with: ${notices([...worker.inputs, ...app.inputs]).join('; ')}`.replace(/--/g, '- -');
  const fill = { CSP: esc(csp), VERSION: esc(meta.version), STYLE: css, SCRIPT: script, WORKER: worker.text.trim(), NOTICES: licences };
  const page = template.replace(/\{\{(CSP|VERSION|STYLE|SCRIPT|WORKER|NOTICES)\}\}/g, (_, key) => fill[key]);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, page);
  const size = statSync(OUT).size;
  if (size > MAX_BYTES) throw new Error(`${relative(ROOT, OUT)} is ${(size / 1048576).toFixed(2)} MB: over the 4 MB budget`);
  return {
    path: OUT,
    size,
    workerBytes: Buffer.byteLength(worker.text),
    scriptBytes: Buffer.byteLength(script),
    styleBytes: Buffer.byteLength(css),
    ms: Date.now() - started,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values: args } = parseArgs({ options: { out: { type: 'string' }, quiet: { type: 'boolean' } } });
  const built = await buildWeb({ out: args.out });
  if (!args.quiet) {
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    process.stdout.write(
      `${relative(ROOT, built.path)}: ${kb(built.size)} (worker ${kb(built.workerBytes)}, page script ${kb(built.scriptBytes)}, style ${kb(built.styleBytes)}) in ${(built.ms / 1000).toFixed(1)} s\n`,
    );
  }
}
