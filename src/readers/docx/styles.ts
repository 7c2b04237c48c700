/**
 * What mammoth does not expose from styles.xml and numbering.xml: outline levels, inherited bold
 * and size, style-linked numbering, and the numbering definitions needed to render "4.2".
 */
import { attr, child, children, onOff, type XNode } from './xml.js';

export interface NumPr {
  numId?: string;
  ilvl?: number;
}

export interface StyleDef {
  id: string;
  name?: string;
  type: string;
  basedOn?: string;
  outlineLvl?: number;
  bold?: boolean;
  caps?: boolean;
  /** Half-points. */
  size?: number;
  numPr?: NumPr;
}

export class Styles {
  readonly byId = new Map<string, StyleDef>();
  /** Default run size in points (docDefaults, then 10 pt as Word assumes without one... 11 pt if Normal says so). */
  defaultSize = 10;
  defaultParagraphStyle?: string;
  defaultCharStyle?: string;

  constructor(root?: XNode) {
    if (!root) return;
    const rDefault = child(child(child(root, 'w:docDefaults'), 'w:rPrDefault'), 'w:rPr');
    const sz = Number(attr(child(rDefault, 'w:sz'), 'w:val'));
    if (sz > 0) this.defaultSize = sz / 2;
    for (const s of children(root, 'w:style')) {
      const id = attr(s, 'w:styleId');
      if (!id) continue;
      const pPr = child(s, 'w:pPr');
      const rPr = child(s, 'w:rPr');
      const lvl = attr(child(pPr, 'w:outlineLvl'), 'w:val');
      const size = Number(attr(child(rPr, 'w:sz'), 'w:val'));
      const numPr = child(pPr, 'w:numPr');
      const def: StyleDef = {
        id,
        type: attr(s, 'w:type') ?? 'paragraph',
        name: attr(child(s, 'w:name'), 'w:val'),
        basedOn: attr(child(s, 'w:basedOn'), 'w:val'),
        outlineLvl: lvl !== undefined && /^\d$/.test(lvl) ? Number(lvl) : undefined,
        bold: onOff(child(rPr, 'w:b')),
        caps: onOff(child(rPr, 'w:caps')),
        size: size > 0 ? size : undefined,
        numPr: numPr ? readNumPr(numPr) : undefined,
      };
      this.byId.set(id, def);
      if (attr(s, 'w:default') === '1' || attr(s, 'w:default') === 'true') {
        if (def.type === 'paragraph') this.defaultParagraphStyle = id;
        if (def.type === 'character') this.defaultCharStyle = id;
      }
    }
    const normal = this.defaultParagraphStyle ?? 'Normal';
    const normalSize = this.inherited(normal, (s) => s.size);
    if (normalSize) this.defaultSize = normalSize / 2;
  }

  /** First defined value along the basedOn chain. */
  inherited<T>(id: string | undefined, get: (s: StyleDef) => T | undefined): T | undefined {
    const seen = new Set<string>();
    for (let s = id ? this.byId.get(id) : undefined; s && !seen.has(s.id); s = s.basedOn ? this.byId.get(s.basedOn) : undefined) {
      seen.add(s.id);
      const v = get(s);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  name(id: string | undefined): string | undefined {
    return id ? this.byId.get(id)?.name : undefined;
  }

  /**
   * Heading depth (1..6) a paragraph style declares: its outline level (inherited), else a
   * "heading N" name along the chain, else a "HeadingN" id when the styles part is missing.
   */
  headingDepth(id: string | undefined): number | undefined {
    if (!id) return undefined;
    const seen = new Set<string>();
    for (let s = this.byId.get(id); s && !seen.has(s.id); s = s.basedOn ? this.byId.get(s.basedOn) : undefined) {
      seen.add(s.id);
      if (s.outlineLvl !== undefined) return s.outlineLvl >= 9 ? undefined : Math.min(s.outlineLvl + 1, 6);
      const m = /^heading\s*([1-9])$/i.exec(s.name ?? '');
      if (m) return Math.min(Number(m[1]), 6);
      if (/^(toc|contents|index)\b/i.test(s.name ?? '')) return undefined;
    }
    if (!this.byId.has(id)) {
      const m = /^heading\s*([1-9])$/i.exec(id);
      if (m) return Math.min(Number(m[1]), 6);
    }
    return undefined;
  }

  bold(id: string | undefined): boolean {
    return this.inherited(id, (s) => s.bold) ?? false;
  }

  caps(id: string | undefined): boolean {
    return this.inherited(id, (s) => s.caps) ?? false;
  }

  /** Size in points, inherited, falling back to the document default. */
  size(id: string | undefined): number {
    const hp = this.inherited(id ?? this.defaultParagraphStyle, (s) => s.size);
    return hp ? hp / 2 : this.defaultSize;
  }

  numPr(id: string | undefined): NumPr | undefined {
    return this.inherited(id, (s) => s.numPr);
  }
}

export function readNumPr(numPr: XNode): NumPr {
  const ilvl = attr(child(numPr, 'w:ilvl'), 'w:val');
  return { numId: attr(child(numPr, 'w:numId'), 'w:val'), ilvl: ilvl !== undefined && /^\d+$/.test(ilvl) ? Number(ilvl) : undefined };
}

interface LevelDef {
  start: number;
  numFmt: string;
  lvlText: string;
  isLgl: boolean;
  pStyle?: string;
}

interface AbstractNum {
  levels: Map<number, LevelDef>;
  numStyleLink?: string;
}

interface NumDef {
  abstractId: string;
  startOverrides: Map<number, number>;
  levelOverrides: Map<number, LevelDef>;
}

export interface NumberLabel {
  /** The rendered label ("4.2.", "(a)", "•"). */
  label: string;
  /** The label as a section number ("4.2", "a"), empty for bullets. */
  number: string;
  bullet: boolean;
  /** Key of the list the paragraph belongs to (the abstract numbering definition). */
  list: string;
  level: number;
  /** Number of numeric parts shown ("%1.%2" → 2). */
  parts: number;
}

function readLevel(l: XNode): LevelDef {
  const start = Number(attr(child(l, 'w:start'), 'w:val'));
  return {
    start: Number.isFinite(start) ? start : 1,
    numFmt: attr(child(l, 'w:numFmt'), 'w:val') ?? 'decimal',
    lvlText: attr(child(l, 'w:lvlText'), 'w:val') ?? '',
    isLgl: onOff(child(l, 'w:isLgl')) ?? false,
    pStyle: attr(child(l, 'w:pStyle'), 'w:val'),
  };
}

/** Word's numbering: definitions plus the running counters, fed paragraphs in document order. */
export class Numbering {
  private readonly abstracts = new Map<string, AbstractNum>();
  private readonly nums = new Map<string, NumDef>();
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly startedNums = new Set<string>();

  constructor(
    root: XNode | undefined,
    private readonly styles: Styles,
  ) {
    if (!root) return;
    for (const a of children(root, 'w:abstractNum')) {
      const id = attr(a, 'w:abstractNumId');
      if (id === undefined) continue;
      const levels = new Map<number, LevelDef>();
      for (const l of children(a, 'w:lvl')) levels.set(Number(attr(l, 'w:ilvl') ?? 0), readLevel(l));
      this.abstracts.set(id, { levels, numStyleLink: attr(child(a, 'w:numStyleLink'), 'w:val') });
    }
    for (const n of children(root, 'w:num')) {
      const id = attr(n, 'w:numId');
      const abstractId = attr(child(n, 'w:abstractNumId'), 'w:val');
      if (id === undefined || abstractId === undefined) continue;
      const startOverrides = new Map<number, number>();
      const levelOverrides = new Map<number, LevelDef>();
      for (const o of children(n, 'w:lvlOverride')) {
        const ilvl = Number(attr(o, 'w:ilvl') ?? 0);
        const so = attr(child(o, 'w:startOverride'), 'w:val');
        if (so !== undefined && Number.isFinite(Number(so))) startOverrides.set(ilvl, Number(so));
        const lvl = child(o, 'w:lvl');
        if (lvl) levelOverrides.set(ilvl, readLevel(lvl));
      }
      this.nums.set(id, { abstractId, startOverrides, levelOverrides });
    }
  }

  /** The abstract definition behind a num, following a numStyleLink to the style's list. */
  private resolve(numId: string): { key: string; abstract: AbstractNum; num: NumDef } | undefined {
    const num = this.nums.get(numId);
    if (!num) return undefined;
    let key = num.abstractId;
    let abstract = this.abstracts.get(key);
    if (abstract?.numStyleLink) {
      const linked = this.styles.numPr(abstract.numStyleLink)?.numId;
      const target = linked ? this.nums.get(linked) : undefined;
      const targetAbstract = target ? this.abstracts.get(target.abstractId) : undefined;
      if (target && targetAbstract) {
        key = target.abstractId;
        abstract = targetAbstract;
      }
    }
    return abstract ? { key, abstract, num } : undefined;
  }

  private level(r: { abstract: AbstractNum; num: NumDef }, ilvl: number): LevelDef | undefined {
    return r.num.levelOverrides.get(ilvl) ?? r.abstract.levels.get(ilvl);
  }

  /**
   * The numbering of one paragraph (direct numPr, else its style's), advancing the counters.
   * Returns undefined for unnumbered paragraphs.
   */
  next(direct: NumPr | undefined, styleId: string | undefined): NumberLabel | undefined {
    const fromStyle = this.styles.numPr(styleId);
    const numId = direct?.numId ?? fromStyle?.numId;
    if (numId === undefined || numId === '0') return undefined;
    const r = this.resolve(numId);
    if (!r) return undefined;
    let ilvl = direct?.ilvl ?? (direct?.numId === undefined ? fromStyle?.ilvl : undefined);
    if (ilvl === undefined && styleId) {
      for (const [i, l] of r.abstract.levels) if (l.pStyle === styleId) ilvl = i;
    }
    ilvl = Math.min(Math.max(ilvl ?? 0, 0), 8);
    const def = this.level(r, ilvl);
    if (!def) return undefined;
    let counters = this.counters.get(r.key);
    if (!counters) this.counters.set(r.key, (counters = []));
    if (!this.startedNums.has(numId)) {
      this.startedNums.add(numId);
      for (const [l] of r.num.startOverrides) counters[l] = undefined;
    }
    const startOf = (l: number): number => r.num.startOverrides.get(l) ?? this.level(r, l)?.start ?? 1;
    counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl]! + 1;
    for (let l = ilvl + 1; l < 9; l++) counters[l] = undefined;
    if (def.numFmt === 'bullet') return { label: def.lvlText, number: '', bullet: true, list: r.key, level: ilvl, parts: 0 };
    if (def.numFmt === 'none') return undefined;
    let parts = 0;
    const label = def.lvlText.replace(/%([1-9])/g, (_m, d: string) => {
      const l = Number(d) - 1;
      const ld = this.level(r, l);
      const value = counters![l] ?? startOf(l);
      parts++;
      return formatNumber(value, def.isLgl && l < ilvl ? 'decimal' : (ld?.numFmt ?? 'decimal'));
    });
    const number = label.trim().replace(/^[([]+/, '').replace(/[.):\]\s]+$/, '');
    return { label: label.trim(), number, bullet: false, list: r.key, level: ilvl, parts };
  }
}

const ORDINAL_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperRoman':
      return toRoman(n);
    case 'lowerRoman':
      return toRoman(n).toLowerCase();
    case 'upperLetter':
      return toLetters(n);
    case 'lowerLetter':
      return toLetters(n).toLowerCase();
    case 'ordinal':
      return `${n}${ordinalSuffix(n)}`;
    case 'cardinalText':
      return ORDINAL_WORDS[n] ? ORDINAL_WORDS[n]![0]!.toUpperCase() + ORDINAL_WORDS[n]!.slice(1) : String(n);
    default:
      return String(n);
  }
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

function toRoman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

/** Word letters: A..Z, then AA, BB... */
function toLetters(n: number): string {
  if (n <= 0) return String(n);
  const letter = String.fromCharCode(65 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}
