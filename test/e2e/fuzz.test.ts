/**
 * Seeded fuzzing: mutate the bytes of fixture .docx, .pdf and .md files and check that every run
 * ends in exit 0, 1 or 2, with one result per file, no stack trace, within the time limit.
 * Bounded for CI; `FUZZ_COUNT` and `FUZZ_SEED` make a longer or different run.
 */
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, STACK_TRACE } from './run-cli.js';

const COUNT = Number(process.env.FUZZ_COUNT ?? 24);
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

/** mulberry32: small, seeded, good enough to pick mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const pick = (n: number): number => Math.floor(random() * n);
  let out = bytes.slice();
  const operations = 1 + pick(4);
  for (let i = 0; i < operations; i++) {
    switch (pick(5)) {
      case 0: // flip a few bytes
        for (let j = 0; j < 1 + pick(16); j++) out[pick(out.length)] = pick(256);
        break;
      case 1: // truncate
        out = out.subarray(0, Math.max(1, pick(out.length)));
        break;
      case 2: {
        // duplicate a chunk
        const start = pick(out.length);
        const chunk = out.subarray(start, start + pick(4096));
        const at = pick(out.length);
        out = new Uint8Array([...out.subarray(0, at), ...chunk, ...out.subarray(at)]);
        break;
      }
      case 3: {
        // delete a chunk
        const start = pick(out.length);
        out = new Uint8Array([...out.subarray(0, start), ...out.subarray(start + pick(2048))]);
        break;
      }
      default: {
        // insert random bytes
        const at = pick(out.length);
        const noise = Uint8Array.from({ length: 1 + pick(64) }, () => pick(256));
        out = new Uint8Array([...out.subarray(0, at), ...noise, ...out.subarray(at)]);
      }
    }
  }
  return out;
}

const SEEDS = [
  'fixtures/pdf/report-plain.pdf',
  'fixtures/pdf/report-tagged.pdf',
  'fixtures/long-report/report-unstyled.docx',
  'examples/overview-report.md',
];

describe('fuzzing', () => {
  it(`${COUNT} mutated documents (seed ${SEED}) and the kept regressions: exit 0, 1 or 2, no stack trace`, { timeout: 300_000 }, () => {
    const random = prng(SEED);
    const dir = mkdtempSync(join(tmpdir(), 'dhr-fuzz-'));
    const seeds = SEEDS.map((p) => ({ name: basename(p, extname(p)), ext: extname(p), bytes: new Uint8Array(readFileSync(join(ROOT, p))) }));
    for (let i = 0; i < COUNT; i++) {
      const seed = seeds[i % seeds.length]!;
      writeFileSync(join(dir, `${String(i).padStart(4, '0')}-${seed.name}${seed.ext}`), mutate(seed.bytes, random));
    }
    const regressions = readdirSync(join(ROOT, 'fixtures/fuzz'))
      .filter((f) => /\.(md|txt|docx|pdf)$/.test(f))
      .map((f) => join(ROOT, 'fixtures/fuzz', f));
    const r = runCli([dir, ...regressions, '--format', 'json', '--no-config-lookup', '--max-read-seconds', '30'], { timeoutMs: 280_000 });
    expect([0, 1, 2]).toContain(r.code);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toMatch(/internal error/);
    const results = JSON.parse(r.stdout) as { messages: { fatal?: boolean; message: string }[] }[];
    expect(results).toHaveLength(COUNT + regressions.length);
    for (const result of results) {
      for (const m of result.messages.filter((x) => x.fatal)) expect(m.message).not.toContain('\n');
    }
  });
});
