/**
 * A literal prefilter for sets of regular expressions: which expressions of a set can possibly match
 * somewhere in a text, found in one pass over the text, so that rules run only those (most data
 * patterns match in few paragraphs of a report).
 *
 * Each expression is analysed once for literal strings at least one of which every match must
 * contain ("volatile", "relationship"...: the "required literals" of RE2's prefilter and of code
 * search engines). One Aho-Corasick automaton over all the literals of the set then scans a text;
 * an expression none of whose literals occurs cannot match there. Expressions without usable
 * literals are always run. The analysis is conservative: whatever it does not understand counts as
 * "any text", which only makes the filter weaker, never wrong.
 *
 * Letters are compared without case (A–Z, plus the Kelvin sign and long s that case-insensitive
 * Unicode expressions fold to k and s). With `boundaries`, `\b` is kept as a literal word-boundary
 * mark ("\bhe\b" does not fire on "the"): then the text an expression runs on must be the scanned
 * text or a piece of it that starts and ends at word boundaries (a sentence, a table cell).
 * With `spaces: false`, white space never appears in a literal: use it when the expression runs on
 * a copy of the scanned text where some characters were replaced by spaces (masked spans).
 */

import { isSpace } from './chars.js';
import generated from './prefilter-literals.json' with { type: 'json' };

export interface PrefilterOptions {
  /** Keep `\b` as a boundary mark in literals (the default). */
  boundaries?: boolean;
  /** Allow white space inside literals (the default). */
  spaces?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Regular-expression analysis

/** The word-boundary mark inside literals (never a character of a text: it is a private-use code). */
const BOUNDARY = '\uE000';

type Node =
  | { t: 'chars'; set: string[] | null } // one character: the folded set, or null for "any"
  | { t: 'lit'; text: string } // a run of single characters (folded)
  | { t: 'empty' } // zero-width: assertions, lookarounds, empty alternatives
  | { t: 'boundary' } // \b
  | { t: 'any' } // any string (back references and what is not understood)
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number };

class Unsupported extends Error {}

/** The literal a character stands for in the filter, or null when it cannot be trusted as one. */
function foldChar(ch: string, ignoreCase: boolean, unicode: boolean, spaces: boolean): string | null {
  const code = ch.charCodeAt(0);
  if (isSpace(code)) return spaces ? ch : null;
  if (code < 128) {
    const lower = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
    // Case-insensitive Unicode expressions also match the Kelvin sign for k and long s for s.
    if (ignoreCase && unicode && (lower === 'k' || lower === 's')) return null;
    return lower;
  }
  if ((code >= 0xd800 && code <= 0xdfff) || code === 0xe000) return null;
  // A non-ASCII letter with case variants may match another character under `i`.
  if (ignoreCase && (ch.toLowerCase() !== ch || ch.toUpperCase() !== ch)) return null;
  if (code === 0x212a || code === 0x17f || code === 0x130 || code === 0x131) return null;
  return ch;
}

/** ASCII characters that stand for themselves outside a class (letters are lower-cased by the fast path). */
const PLAIN = new Uint8Array(128);
for (let c = 33; c < 127; c++) PLAIN[c] = 1;
for (const ch of '\\^$.|?*+()[]{}') PLAIN[ch.charCodeAt(0)] = 0;
const PLAIN_OR_SPACE = PLAIN.slice();
PLAIN_OR_SPACE[32] = 1;
const QUANTIFIER = new Uint8Array(128);
for (const ch of '?*+{') QUANTIFIER[ch.charCodeAt(0)] = 1;

class Parser {
  private i = 0;
  private readonly ignoreCase: boolean;
  private readonly unicode: boolean;
  private readonly spaces: boolean;

  /** Characters the fast path of `sequence` takes as they are. */
  private readonly plain: Uint8Array;

  constructor(
    private readonly src: string,
    flags: string,
    spaces: boolean,
  ) {
    if (flags.includes('v')) throw new Unsupported('v flag');
    this.ignoreCase = flags.includes('i');
    this.unicode = flags.includes('u');
    this.spaces = spaces;
    this.plain = spaces ? PLAIN_OR_SPACE : PLAIN;
    if (this.ignoreCase && this.unicode) {
      // k and s also match the Kelvin sign and long s: foldChar treats them as unknown.
      this.plain = this.plain.slice();
      for (const ch of 'kKsS') this.plain[ch.charCodeAt(0)] = 0;
    }
  }

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Unsupported(`unexpected ${this.src[this.i]}`);
    return node;
  }

  private alternation(): Node {
    const items = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      items.push(this.sequence());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private sequence(): Node {
    const items: Node[] = [];
    const src = this.src;
    const plain = this.plain;
    while (this.i < src.length && src[this.i] !== '|' && src[this.i] !== ')') {
      // Fast path: a run of plain characters (the last one is left out when a quantifier follows it).
      let j = this.i;
      while (j < src.length && plain[src.charCodeAt(j)]) j++;
      if (j < src.length && QUANTIFIER[src.charCodeAt(j)]) j--;
      if (j > this.i) {
        const text = src.slice(this.i, j).toLowerCase();
        this.i = j;
        const last = items[items.length - 1];
        if (last?.t === 'lit') last.text += text;
        else items.push({ t: 'lit', text });
        continue;
      }
      const node = this.quantified(this.atom());
      // Consecutive plain characters make one literal.
      const last = items[items.length - 1];
      if (node.t === 'chars' && node.set?.length === 1) {
        if (last?.t === 'lit') last.text += node.set[0];
        else items.push({ t: 'lit', text: node.set[0]! });
      } else {
        items.push(node);
      }
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private quantified(atom: Node): Node {
    const s = this.src;
    const ch = s[this.i];
    let min: number;
    let max: number;
    if (ch === '*') {
      min = 0;
      max = Infinity;
      this.i++;
    } else if (ch === '+') {
      min = 1;
      max = Infinity;
      this.i++;
    } else if (ch === '?') {
      min = 0;
      max = 1;
      this.i++;
    } else if (ch === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(s.slice(this.i));
      if (!m) return atom; // a literal "{" (read as the next atom)
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      this.i += m[0].length;
    } else {
      return atom;
    }
    if (s[this.i] === '?') this.i++; // lazy
    if (atom.t === 'empty' || atom.t === 'boundary') return { t: 'empty' };
    return { t: 'rep', node: atom, min, max };
  }

  private char(ch: string): Node {
    const f = foldChar(ch, this.ignoreCase, this.unicode, this.spaces);
    return { t: 'chars', set: f === null ? null : [f] };
  }

  private atom(): Node {
    const s = this.src;
    const ch = s[this.i]!;
    switch (ch) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '.':
        this.i++;
        return { t: 'chars', set: null };
      case '^':
      case '$':
        this.i++;
        return { t: 'empty' };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        throw new Unsupported('nothing to repeat');
      case '{': {
        if (/^\{\d+(?:,\d*)?\}/.test(s.slice(this.i))) throw new Unsupported('nothing to repeat');
        this.i++;
        return this.char('{');
      }
      default:
        this.i++;
        return this.char(ch);
    }
  }

  private group(): Node {
    const s = this.src;
    this.i++; // (
    let lookaround = false;
    if (s[this.i] === '?') {
      const rest = s.slice(this.i, this.i + 3);
      if (rest.startsWith('?:')) this.i += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.i += 2;
        lookaround = true;
      } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
        this.i += 3;
        lookaround = true;
      } else if (rest.startsWith('?<')) {
        const end = s.indexOf('>', this.i);
        if (end < 0) throw new Unsupported('group name');
        this.i = end + 1;
      } else {
        throw new Unsupported('group modifier');
      }
    }
    const inner = this.alternation();
    if (s[this.i] !== ')') throw new Unsupported('unclosed group');
    this.i++;
    return lookaround ? { t: 'empty' } : inner;
  }

  /** An escape outside a class. */
  private escape(): Node {
    const s = this.src;
    const e = s[this.i + 1];
    if (e === undefined) throw new Unsupported('trailing backslash');
    this.i += 2;
    switch (e) {
      case 'b':
        return { t: 'boundary' };
      case 'B':
        return { t: 'empty' };
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return { t: 'chars', set: null };
      case 'p':
      case 'P':
        if (this.unicode && s[this.i] === '{') {
          const end = s.indexOf('}', this.i);
          if (end < 0) throw new Unsupported('property');
          this.i = end + 1;
        }
        return { t: 'chars', set: null };
      case 'k':
        if (s[this.i] === '<') {
          const end = s.indexOf('>', this.i);
          if (end >= 0) this.i = end + 1;
        }
        return { t: 'any' };
      default: {
        if (/[0-9]/.test(e)) {
          while (/[0-9]/.test(s[this.i] ?? '')) this.i++;
          return { t: 'any' }; // back reference (or a legacy octal escape)
        }
        const code = this.escapedCode(e);
        if (code === undefined) return { t: 'chars', set: null };
        return this.char(String.fromCharCode(code));
      }
    }
  }

  /** The character of a character escape (after the backslash and `e`), or undefined when unsure. */
  private escapedCode(e: string): number | undefined {
    const s = this.src;
    switch (e) {
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
      case 'f':
        return 12;
      case 'x': {
        const m = /^[0-9a-fA-F]{2}/.exec(s.slice(this.i));
        if (!m) return undefined;
        this.i += 2;
        return parseInt(m[0], 16);
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(s.slice(this.i));
        if (m) {
          this.i += 4;
          return parseInt(m[0], 16);
        }
        if (s[this.i] === '{') {
          const end = s.indexOf('}', this.i);
          if (end >= 0) this.i = end + 1;
        }
        return undefined;
      }
      case 'c':
        if (/[A-Za-z]/.test(s[this.i] ?? '')) this.i++;
        return undefined;
      default:
        // An identity escape: punctuation stands for itself; letters are unknown escapes.
        return /[A-Za-z]/.test(e) ? undefined : e.charCodeAt(0);
    }
  }

  private charClass(): Node {
    const s = this.src;
    this.i++; // [
    let negated = false;
    if (s[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const members: string[] = [];
    let unknown = false;
    while (this.i < s.length && s[this.i] !== ']') {
      let lo: number | undefined;
      if (s[this.i] === '\\') {
        const e = s[this.i + 1];
        if (e === undefined) throw new Unsupported('class escape');
        this.i += 2;
        if (/[dDwWsS]/.test(e)) {
          unknown = true;
          continue;
        }
        if ((e === 'p' || e === 'P') && this.unicode) {
          const end = s.indexOf('}', this.i);
          if (end >= 0) this.i = end + 1;
          unknown = true;
          continue;
        }
        if (e === 'b') lo = 8;
        else if (e === '-') lo = 45;
        else if (/[0-9]/.test(e)) {
          unknown = true;
          continue;
        } else lo = this.escapedCode(e);
        if (lo === undefined) {
          unknown = true;
          continue;
        }
      } else {
        lo = s.charCodeAt(this.i);
        this.i++;
      }
      // A range "a-z" (a "-" before "]" is a literal).
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && this.i + 1 < s.length) {
        this.i++;
        let hi: number | undefined;
        if (s[this.i] === '\\') {
          const e = s[this.i + 1]!;
          this.i += 2;
          hi = /[dDwWsSpP0-9]/.test(e) ? undefined : e === 'b' ? 8 : e === '-' ? 45 : this.escapedCode(e);
        } else {
          hi = s.charCodeAt(this.i);
          this.i++;
        }
        if (hi === undefined || hi - lo > 12) {
          unknown = true;
          continue;
        }
        for (let c = lo; c <= hi; c++) members.push(String.fromCharCode(c));
        continue;
      }
      members.push(String.fromCharCode(lo));
    }
    if (s[this.i] !== ']') throw new Unsupported('unclosed class');
    this.i++;
    if (negated || unknown || members.length === 0) return { t: 'chars', set: null };
    const folded = new Set<string>();
    for (const m of members) {
      const f = foldChar(m, this.ignoreCase, this.unicode, this.spaces);
      if (f === null) return { t: 'chars', set: null };
      folded.add(f);
    }
    return { t: 'chars', set: [...folded] };
  }
}

/** Largest set of exact strings kept for one node. */
const MAX_EXACT = 32;
/** Longest exact string kept (longer runs are cut into separate literals). */
const MAX_LENGTH = 40;

interface Info {
  /** Every string the node can match (folded), when there are few; else null. */
  exact: Set<string> | null;
  /** Sets of strings that every match satisfies all of: one string of each set occurs in it. */
  clauses: Set<string>[];
}

/** How selective a set of required literals is (higher is better); -1 when useless. */
const scores = new WeakMap<Set<string>, number>();

function score(set: Set<string> | null): number {
  if (!set || set.size === 0) return -1;
  let known = scores.get(set);
  if (known === undefined) {
    known = computeScore(set);
    scores.set(set, known);
  }
  return known;
}

function computeScore(set: Set<string>): number {
  let min = Infinity;
  for (const s of set) {
    let n = 0;
    for (let i = 0; i < s.length; i++) n += s.charCodeAt(i) === 0xe000 ? 0.5 : 1;
    if (n < min) min = n;
  }
  if (min < 1) return -1;
  return Math.min(min, 12) * 1000 - 10 * set.size;
}

/** Clauses kept for one node (the most selective). */
const MAX_CLAUSES = 6;

/** The most selective clauses of a list (and the exact strings, when they make one). */
function strongest(clauses: Set<string>[], exact?: Set<string> | null): Set<string>[] {
  const all = exact && !exact.has('') ? [...clauses, exact] : clauses;
  const useful = all.filter((c) => score(c) >= 0);
  if (useful.length <= 1 && useful.length === all.length) return useful;
  return useful.sort((a, b) => score(b) - score(a)).slice(0, MAX_CLAUSES);
}

function cross(a: Set<string>, b: Set<string>): Set<string> | null {
  if (a.size * b.size > MAX_EXACT) return null;
  const out = new Set<string>();
  for (const x of a) {
    for (const y of b) {
      const s = x + y;
      if (s.length > MAX_LENGTH) return null;
      out.add(s);
    }
  }
  return out;
}

function analyse(node: Node, boundaries: boolean): Info {
  switch (node.t) {
    case 'chars':
      return { exact: node.set ? new Set(node.set) : null, clauses: [] };
    case 'lit':
      return { exact: new Set([node.text]), clauses: [] };
    case 'empty':
      return { exact: new Set(['']), clauses: [] };
    case 'boundary':
      return { exact: new Set([boundaries ? BOUNDARY : '']), clauses: [] };
    case 'any':
      return { exact: null, clauses: [] };
    case 'alt': {
      // Every match matches one branch: one clause, the union of each branch's best clause.
      let exact: Set<string> | null = new Set();
      let union: Set<string> | null = new Set();
      for (const item of node.items) {
        const info = analyse(item, boundaries);
        if (exact && info.exact && exact.size + info.exact.size <= MAX_EXACT) for (const s of info.exact) exact.add(s);
        else exact = null;
        const b = strongest(info.clauses, info.exact)[0];
        if (union && b) for (const s of b) union.add(s);
        else union = null;
      }
      return { exact, clauses: union && union.size ? [union] : [] };
    }
    case 'seq': {
      // Every item of a sequence matches: all their clauses hold, and so do clauses made of runs
      // of items with few exact strings (their cross product) and of items with one string each.
      let cur: Set<string> | null = new Set(['']);
      let allExact = true;
      let run = '';
      let full = false;
      const clauses: Set<string>[] = [];
      const flush = (): void => {
        if (cur && !cur.has('')) clauses.push(cur);
      };
      const endRun = (): void => {
        if (run) clauses.push(new Set([run]));
        run = '';
        full = false;
      };
      for (const item of node.items) {
        const info = analyse(item, boundaries);
        clauses.push(...info.clauses);
        if (info.exact && info.exact.size === 1) {
          const only = info.exact.values().next().value as string;
          // A literal cut short is still required (a prefix of a required string).
          if (!full && run.length + only.length <= MAX_LENGTH) run += only;
          else full = true;
        } else {
          endRun();
        }
        if (info.exact && cur) {
          const next = cross(cur, info.exact);
          if (next) {
            cur = next;
            continue;
          }
        }
        allExact = false;
        flush();
        cur = info.exact ? info.exact : new Set(['']);
      }
      endRun();
      flush();
      return { exact: allExact ? cur : null, clauses: strongest(clauses) };
    }
    case 'rep': {
      const info = analyse(node.node, boundaries);
      if (node.min === 0) {
        if (node.max === 1 && info.exact) {
          const exact = new Set(info.exact);
          exact.add('');
          return { exact: exact.size <= MAX_EXACT ? exact : null, clauses: [] };
        }
        return { exact: null, clauses: [] };
      }
      let exact: Set<string> | null = null;
      if (info.exact && node.min === node.max) {
        exact = new Set(['']);
        for (let k = 0; k < node.min && exact; k++) exact = cross(exact, info.exact);
      }
      return { exact, clauses: strongest(info.clauses, info.exact) };
    }
  }
}

/** Clauses kept for one expression. */
const MAX_REQUIRED = 3;

/**
 * Sets of literals that every match of the expression satisfies all of: one literal of each set
 * occurs in the match (case-folded, with `\b` as a boundary mark when asked). Undefined when the
 * expression has none worth filtering on.
 */
export function requiredLiterals(regex: RegExp | string, flags = '', options: PrefilterOptions = {}): string[][] | undefined {
  const source = typeof regex === 'string' ? regex : regex.source;
  const f = typeof regex === 'string' ? flags : regex.flags;
  const key = literalKey(source, f, options);
  if (literalCache.has(key)) return literalCache.get(key);
  if (literalCache.size > 5000) literalCache.clear();
  const result = Object.hasOwn(PRECOMPUTED, key) ? (PRECOMPUTED[key] ?? undefined) : analyseLiterals(source, f, options);
  literalCache.set(key, result);
  return result;
}

function literalKey(source: string, flags: string, options: PrefilterOptions): string {
  return `${options.boundaries ?? true}${options.spaces ?? true}/${flags}/${source}`;
}

/** Literals already worked out, by options, flags and source (rules compile the same data more than once). */
const literalCache = new Map<string, string[][] | undefined>();

/**
 * The literals of the built-in expressions, worked out ahead (prefilter-literals.json, written by
 * `npm run generate`): analysing some two hundred expressions costs more than a short report's scan
 * in a fresh process. A key holds the expression's source, flags and options, so an expression
 * changed since is simply analysed here; the table only saves time, it never decides a result.
 */
const PRECOMPUTED: Record<string, string[][] | null> = generated.literals;

function analyseLiterals(source: string, f: string, options: PrefilterOptions): string[][] | undefined {
  const boundaries = (options.boundaries ?? true) && !(f.includes('u') && f.includes('i'));
  try {
    const node = new Parser(source, f, options.spaces ?? true).parse();
    const info = analyse(node, boundaries);
    const seen = new Set<string>();
    const kept: string[][] = [];
    for (const c of strongest(info.clauses, info.exact)) {
      if (score(c) < 2000) break;
      const list = [...c].sort();
      const key = list.join('\n');
      if (seen.has(key)) continue;
      seen.add(key);
      // A clause whose every literal contains one of this clause's adds nothing to it.
      if (kept.some((k) => k.every((x) => list.some((y) => x.includes(y))))) continue;
      kept.push(list);
      if (kept.length === MAX_REQUIRED) break;
    }
    return kept.length ? kept : undefined;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Aho-Corasick automaton over the literals

const WORD_CHAR = new Uint8Array(65536);
for (let c = 48; c <= 57; c++) WORD_CHAR[c] = 1;
for (let c = 65; c <= 90; c++) WORD_CHAR[c] = 1;
for (let c = 97; c <= 122; c++) WORD_CHAR[c] = 1;
WORD_CHAR[95] = 1;

/**
 * A literal as the scanned stream shows it: a boundary mark between every word character and
 * other character, and at either end only where the expression asks for one (\b).
 */
function markBoundaries(lit: string): string {
  let out = '';
  let prev = -1;
  for (let i = 0; i < lit.length; i++) {
    const code = lit.charCodeAt(i);
    if (code === 0xe000) {
      // Inside the literal a boundary is implied by its neighbours; only the ends keep \b.
      if ((i === 0 || i === lit.length - 1) && !out.endsWith(BOUNDARY)) out += BOUNDARY;
      continue;
    }
    if (prev !== -1 && WORD_CHAR[prev] !== WORD_CHAR[code]) out += BOUNDARY;
    out += lit[i];
    prev = code;
  }
  return out;
}

/** Longest literal kept in the automaton (a prefix of a required literal is required too). */
const MAX_LITERAL = 12;

/**
 * The literals of one expression as the automaton stores them: cut to MAX_LITERAL, without
 * duplicates, and without those that contain another (which adds nothing: a text containing the
 * longer one contains the shorter).
 */
function compact(list: string[], boundaries: boolean): string[] {
  const cut = new Set<string>();
  for (const l of list) cut.add((boundaries ? markBoundaries(l) : l.replaceAll(BOUNDARY, '')).slice(0, MAX_LITERAL));
  const kept: string[] = [];
  for (const l of cut) if (!containsShorter(l, cut)) kept.push(l);
  return kept;
}

/**
 * Whether a literal contains a shorter one of the set. Long sets (alternations of many words) look
 * up the literal's pieces, which are few as literals are short; short sets compare pairwise.
 */
function containsShorter(lit: string, set: Set<string>): boolean {
  if (set.size <= 2 * lit.length) {
    for (const o of set) if (o.length < lit.length && lit.includes(o)) return true;
    return false;
  }
  if (lit.length > 0 && set.has('')) return true;
  for (let length = 1; length < lit.length; length++) {
    for (let i = 0; i + length <= lit.length; i++) if (set.has(lit.slice(i, i + length))) return true;
  }
  return false;
}

interface Automaton {
  /** Character code → (class << 1) | word character. */
  table: Uint16Array;
  boundaryClass: number;
  useBoundaries: boolean;
  /**
   * Transitions: delta[row + class] = (target row << 1) | 1 when the target state completes
   * literals, or -1 until first needed. Rows are state × width.
   */
  delta: Int32Array;
  /** Trie edges and transitions worked out so far, by state × width + class (-1: not yet). */
  goto: Int32Array;
  fail: Int32Array;
  /** 1 for states that complete literals. */
  hasOut: Int32Array;
  width: number;
  /** Clauses a state's literals satisfy: outList[outStart[state] .. outStart[state + 1]). */
  outStart: Int32Array;
  outList: Int32Array;
  /**
   * The run that last visited an output state: a state's clauses are all satisfied on its first
   * visit, so later visits in the same run are skipped (common short literals recur often).
   */
  seen: Int32Array;
  runs: number;
  /**
   * Per scan, without new arrays: the run that satisfied each clause, and for each expression the
   * run its count belongs to and how many of its clauses that run satisfied.
   */
  clauseRun: Int32Array;
  exprRun: Int32Array;
  count: Uint8Array;
  /** The expression of each clause, and how many clauses each expression has. */
  clauseOf: Int32Array;
  need: Uint8Array;
  /** 1 for expressions without literals: always possible. */
  always: Uint8Array;
}

function buildAutomaton(regexes: (RegExp | string)[], options: PrefilterOptions): Automaton {
  const required = regexes.map((r) => requiredLiterals(r, '', options));
  const useBoundaries = required.some((cs) => cs?.some((c) => c.some((s) => s.includes(BOUNDARY))));
  // Clauses: their expression and their literals as the automaton stores them.
  const clauseOf: number[] = [];
  const clauseLiterals: string[][] = [];
  const need = new Uint8Array(regexes.length);
  const always = new Uint8Array(regexes.length);
  required.forEach((cs, index) => {
    if (!cs) {
      always[index] = 1;
      return;
    }
    need[index] = cs.length;
    for (const c of cs) {
      clauseOf.push(index);
      clauseLiterals.push(compact(c, useBoundaries));
    }
  });
  // The alphabet: every character of a literal gets a class; class 0 is "any other character",
  // and the boundary mark has a class of its own that no text character has.
  const classes = new Map<number, number>();
  let length = 1;
  for (const list of clauseLiterals) {
    for (const lit of list) {
      length += lit.length;
      for (let k = 0; k < lit.length; k++) {
        const code = lit.charCodeAt(k);
        if (code !== 0xe000 && !classes.has(code)) classes.set(code, classes.size + 1);
      }
    }
  }
  const boundaryClass = classes.size + 1;
  const width = boundaryClass + 1;
  const classOf = (code: number): number => (code === 0xe000 ? boundaryClass : classes.get(code)!);
  // Character code → (class << 1) | word character; upper-case ASCII letters share the class of their lower case.
  const table = new Uint16Array(WORD_CHAR);
  for (const [code, c] of classes) {
    table[code] = (c << 1) | WORD_CHAR[code]!;
    if (code >= 97 && code <= 122) table[code - 32] = (c << 1) | 1;
  }
  // The trie (-1: no edge yet), and the classes of each state's edges.
  const goto = new Int32Array(length * width).fill(-1);
  const edges: number[][] = [[]];
  const out: (number[] | undefined)[] = [];
  let states = 1;
  clauseLiterals.forEach((list, clause) => {
    for (const lit of list) {
      let state = 0;
      for (let k = 0; k < lit.length; k++) {
        const c = classOf(lit.charCodeAt(k));
        const at = state * width + c;
        if (goto[at] === -1) {
          goto[at] = states++;
          edges[state]!.push(c);
          edges.push([]);
        }
        state = goto[at]!;
      }
      (out[state] ??= []).push(clause);
    }
  });
  // Breadth first along the trie's edges: failure links, and outputs follow the failure links. The
  // other transitions are worked out when a scan first needs them (most are never needed), so a
  // fresh process does not fill states × classes entries before its first scan.
  const fail = new Int32Array(states);
  const queue = new Int32Array(states);
  let tail = 0;
  for (const c of edges[0]!) queue[tail++] = goto[c]!;
  for (let c = 0; c < width; c++) if (goto[c] === -1) goto[c] = 0;
  for (let head = 0; head < tail; head++) {
    const s = queue[head]!;
    const f = fail[s]!;
    if (out[f]) out[s] = [...new Set([...(out[s] ?? []), ...out[f]!])];
    for (const c of edges[s]!) {
      const to = goto[s * width + c]!;
      fail[to] = transition(goto, fail, width, f, c);
      queue[tail++] = to;
    }
  }
  const hasOut = new Int32Array(states);
  out.forEach((list, state) => {
    if (list) hasOut[state] = 1;
  });
  const outStart = new Int32Array(states + 1);
  for (let st = 0; st < states; st++) outStart[st + 1] = outStart[st]! + (out[st]?.length ?? 0);
  const outList = new Int32Array(outStart[states]!);
  out.forEach((list, state) => {
    if (list) outList.set(list, outStart[state]!);
  });
  return {
    table,
    boundaryClass,
    useBoundaries,
    delta: new Int32Array(states * width).fill(-1),
    goto,
    fail,
    hasOut,
    width,
    outStart,
    outList,
    seen: new Int32Array(states),
    runs: 0,
    clauseRun: new Int32Array(clauseOf.length),
    exprRun: new Int32Array(need.length),
    count: new Uint8Array(need.length),
    clauseOf: Int32Array.from(clauseOf),
    need,
    always,
  };
}

/**
 * The state reached from `state` on a character of class `c`: its trie edge, or else the
 * transition of its failure state (the root has them all). Results are kept in `goto`.
 */
function transition(goto: Int32Array, fail: Int32Array, width: number, state: number, c: number): number {
  let to = goto[state * width + c]!;
  if (to !== -1) return to;
  let s = state;
  while ((to = goto[s * width + c]!) === -1) s = fail[s]!;
  for (let t = state; t !== s; t = fail[t]!) goto[t * width + c] = to;
  return to;
}

/** A packed entry of `delta` (see Automaton), worked out on first use. */
function resolve(a: Automaton, row: number, c: number): number {
  const to = transition(a.goto, a.fail, a.width, row / a.width, c);
  const entry = ((to * a.width) << 1) | a.hasOut[to]!;
  a.delta[row + c] = entry;
  return entry;
}

/** Runs the automaton over a text: one flag per expression of the automaton (all its clauses satisfied). */
function run(a: Automaton, text: string): Uint8Array {
  const found = new Uint8Array(a.always);
  const { table, delta, width, outStart, outList, seen, clauseOf, need, clauseRun, exprRun, count } = a;
  const runId = ++a.runs;
  const mark = (row: number): void => {
    const state = row / width;
    if (seen[state] === runId) return;
    seen[state] = runId;
    for (let k = outStart[state]!, end = outStart[state + 1]!; k < end; k++) {
      const c = outList[k]!;
      if (clauseRun[c] === runId) continue;
      clauseRun[c] = runId;
      const r = clauseOf[c]!;
      if (exprRun[r] !== runId) {
        exprRun[r] = runId;
        count[r] = 0;
      }
      if (++count[r]! === need[r]) found[r] = 1;
    }
  };
  let row = 0;
  if (a.useBoundaries) {
    const b = a.boundaryClass;
    let word = 0;
    for (let i = 0; i < text.length; i++) {
      const v = table[text.charCodeAt(i)]!;
      if ((v & 1) !== word) {
        word = v & 1;
        let t = delta[row + b]!;
        if (t === -1) t = resolve(a, row, b);
        row = t >> 1;
        if (t & 1) mark(row);
      }
      const c = v >> 1;
      let t = delta[row + c]!;
      if (t === -1) t = resolve(a, row, c);
      row = t >> 1;
      if (t & 1) mark(row);
    }
    if (word) {
      let t = delta[row + b]!;
      if (t === -1) t = resolve(a, row, b);
      if (t & 1) mark(t >> 1);
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = table[text.charCodeAt(i)]! >> 1;
      let t = delta[row + c]!;
      if (t === -1) t = resolve(a, row, c);
      row = t >> 1;
      if (t & 1) mark(row);
    }
  }
  return found;
}

/**
 * The expressions of several prefilters in one automaton: a text is scanned once for all of them,
 * and the result is kept for the next prefilter that asks about the same text (rules look at the
 * same paragraphs one after the other).
 */
class ScanGroup {
  readonly regexes: (RegExp | string)[] = [];
  private automaton?: Automaton;
  private readonly cache = new Map<string, Uint8Array>();

  constructor(readonly options: PrefilterOptions) {}

  /** Adds expressions; returns the index of the first. */
  add(regexes: (RegExp | string)[]): number {
    const offset = this.regexes.length;
    this.regexes.push(...regexes);
    this.automaton = undefined;
    this.cache.clear();
    this.lastText = undefined;
    return offset;
  }

  private lastText?: string;
  private lastFound?: Uint8Array;

  scan(text: string): Uint8Array {
    // Rules often ask several prefilters of a group about the same string in a row: compared by
    // identity first, it skips hashing the string for the map.
    if (text === this.lastText) return this.lastFound!;
    let found = this.cache.get(text);
    if (!found) {
      this.automaton ??= buildAutomaton(this.regexes, this.options);
      found = run(this.automaton, text);
      if (this.cache.size >= 20_000) this.cache.clear();
      this.cache.set(text, found);
    }
    this.lastText = text;
    this.lastFound = found;
    return found;
  }
}

/** Groups of the prefilters created when modules load, by options. */
const groups = new Map<string, ScanGroup>();

/**
 * For `npm run generate`: the required literals of every expression of the prefilters created so
 * far (load the rules first), analysed afresh, by key (null: none), in key order.
 */
export function builtInLiterals(): Record<string, string[][] | null> {
  const table: Record<string, string[][] | null> = {};
  for (const group of groups.values()) {
    for (const r of group.regexes) {
      const source = typeof r === 'string' ? r : r.source;
      const flags = typeof r === 'string' ? '' : r.flags;
      table[literalKey(source, flags, group.options)] = analyseLiterals(source, flags, group.options) ?? null;
    }
  }
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Which expressions of a set can match in a text. `possible(text)` returns one flag per
 * expression, in the order given: 0 means the expression cannot match anywhere in `text` (nor in
 * a piece of it, within the limits given in the file comment). Prefilters of fixed data share
 * one automaton (built on first use) and one scan per text; `prefilterFor` makes private ones.
 */
export class Prefilter {
  readonly size: number;
  private readonly group: ScanGroup;
  private readonly offset: number;

  constructor(regexes: (RegExp | string)[], options: PrefilterOptions = {}, shared = true) {
    this.size = regexes.length;
    const key = `${options.boundaries ?? true}${options.spaces ?? true}`;
    let group = shared ? groups.get(key) : undefined;
    if (!group) {
      group = new ScanGroup(options);
      if (shared) groups.set(key, group);
    }
    this.group = group;
    this.offset = group.add(regexes);
  }

  /** One flag per expression: 1 when it may match in `text` (do not change the array). */
  possible(text: string): Uint8Array {
    return this.group.scan(text).subarray(this.offset, this.offset + this.size);
  }

  /** True when at least one expression of the set may match in `text`. */
  any(text: string): boolean {
    const found = this.possible(text);
    for (let i = 0; i < found.length; i++) if (found[i]) return true;
    return false;
  }
}

/** For tests: a random string that the parsed expression may match (characters it does not pin down are random). */
export function sampleMatch(regex: RegExp, random: () => number = Math.random): string | undefined {
  let node: Node;
  try {
    node = new Parser(regex.source, regex.flags, true).parse();
  } catch {
    return undefined;
  }
  const pool = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:\'’"-()\n\t';
  const gen = (n: Node): string => {
    switch (n.t) {
      case 'chars': {
        const set = n.set ?? [...pool];
        const ch = set[Math.floor(random() * set.length)]!;
        return random() < 0.5 ? ch.toUpperCase() : ch;
      }
      case 'lit':
        return [...n.text].map((ch) => (random() < 0.5 ? ch.toUpperCase() : ch)).join('');
      case 'empty':
      case 'boundary':
        return '';
      case 'any':
        return random() < 0.5 ? '' : pool[Math.floor(random() * pool.length)]!;
      case 'seq':
        return n.items.map(gen).join('');
      case 'alt':
        return gen(n.items[Math.floor(random() * n.items.length)]!);
      case 'rep': {
        const max = Math.min(n.max, n.min + 3);
        const k = n.min + Math.floor(random() * (max - n.min + 1));
        let s = '';
        for (let i = 0; i < k; i++) s += gen(n.node);
        return s;
      }
    }
  };
  return gen(node);
}

const shared = new Map<string, Prefilter>();

/**
 * A prefilter for a set of expressions compiled at run time (from options or a report's names),
 * shared by every rule instance that compiles the same set.
 */
export function prefilterFor(regexes: RegExp[], options: PrefilterOptions = {}): Prefilter {
  const key = `${options.boundaries ?? true}${options.spaces ?? true}\n${regexes.map((r) => `${r.flags}/${r.source}`).join('\n')}`;
  let filter = shared.get(key);
  if (!filter) {
    if (shared.size > 50) shared.clear();
    filter = new Prefilter(regexes, options, false);
    shared.set(key, filter);
  }
  return filter;
}
