/**
 * The CLI never touches the network and never changes its inputs: it runs over every fixture and
 * the real-world documents with a preloaded module that makes any socket, DNS lookup or fetch
 * throw (and records the attempt), in the main thread and in the reader workers.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, REAL_DOCS, filesUnder, fingerprints, runCli, STACK_TRACE } from './run-cli.js';

const PRELOAD = `
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import net from 'node:net';
import tls from 'node:tls';
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import dgram from 'node:dgram';
const log = process.env.DHR_NETWORK_LOG;
appendFileSync(log, isMainThread ? 'loaded:main\\n' : 'loaded:worker\\n');
function deny(what) {
  return function () {
    appendFileSync(log, 'ATTEMPT ' + what + '\\n');
    throw new Error('network access attempted: ' + what);
  };
}
net.Socket.prototype.connect = deny('net.Socket.connect');
for (const [mod, names, label] of [[net, ['connect', 'createConnection'], 'net'], [tls, ['connect'], 'tls'], [http, ['request', 'get'], 'http'], [https, ['request', 'get'], 'https'], [dns, ['lookup', 'resolve', 'resolve4', 'resolve6'], 'dns'], [dns.promises, ['lookup', 'resolve'], 'dns.promises'], [dgram, ['createSocket'], 'dgram']]) {
  for (const name of names) mod[name] = deny(label + '.' + name);
}
globalThis.fetch = deny('fetch');
globalThis.WebSocket = deny('WebSocket');
`;

describe('no network, no changes to inputs', () => {
  it('lints every fixture and real-world document without opening a socket', { timeout: 240_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'dhr-nonet-'));
    const preload = join(dir, 'no-network.mjs');
    const log = join(dir, 'network.log');
    writeFileSync(preload, PRELOAD);
    writeFileSync(log, '');
    const inputs = [...filesUnder(join(ROOT, 'fixtures')), ...filesUnder(join(ROOT, 'examples')), ...filesUnder(REAL_DOCS)].filter((f) =>
      /\.(md|txt|docx|pdf)$/i.test(f),
    );
    expect(inputs.length).toBeGreaterThan(20);
    const before = fingerprints(inputs);
    const out = join(dir, 'report.json');
    const r = runCli(['--format', 'json', '--output-file', out, '--no-config-lookup', '--max-read-seconds', '30', ...inputs], {
      env: { NODE_OPTIONS: `--import=${preload}`, DHR_NETWORK_LOG: log },
      timeoutMs: 220_000,
    });
    const attempts = readFileSync(log, 'utf8');
    expect(attempts).toContain('loaded:main');
    expect(attempts).toContain('loaded:worker'); // the guard also ran inside the reader threads
    expect(attempts.split('\n').filter((l) => l.startsWith('ATTEMPT'))).toEqual([]);
    expect([0, 1, 2]).toContain(r.code);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(out)).toBe(true);
    expect((JSON.parse(readFileSync(out, 'utf8')) as unknown[]).length).toBe(inputs.length);
    expect(fingerprints(inputs)).toEqual(before);
  });
});
