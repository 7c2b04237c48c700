/**
 * Turn loaded config layers into what one file is linted with: the active rules, their levels and
 * options, the settings and the mode. Pure (no file system), so the browser page can use it too.
 */
import picomatch from 'picomatch';
import type { Level } from '../model/types.js';
import type { Mode, Rule } from '../api/rule.js';
import type { ActiveRule } from '../engine/lint.js';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';
import { ConfigError, validateRuleOptions } from './validate.js';

export type RuleLevelSetting = Level | 'off';
export type RuleSetting = RuleLevelSetting | [RuleLevelSetting] | [RuleLevelSetting, Record<string, unknown>];

export interface ConfigOverride {
  files: string | string[];
  rules?: Record<string, RuleSetting>;
  settings?: Partial<Settings>;
}

/** One config file's content, after `extends` files were read (presets stay named). */
export interface ConfigLayer {
  /** Where it came from (a file path, a preset name, "command line"). */
  source: string;
  /** Folder that `overrides[].files` globs are relative to. */
  base?: string;
  extends?: string | string[];
  plugins?: string[];
  rules?: Record<string, RuleSetting>;
  settings?: Partial<Settings>;
  overrides?: ConfigOverride[];
  ignores?: string[];
}

export const PRESETS = ['dhr-lint:recommended', 'dhr-lint:strict', 'dhr-lint:publication'] as const;
export type PresetName = (typeof PRESETS)[number];

export function isPreset(name: string): name is PresetName {
  return (PRESETS as readonly string[]).includes(name);
}

const RAISE: Record<Level, Level> = { info: 'info', warn: 'error', error: 'error' };

/** A preset as a config layer, computed from rule metadata. */
export function presetLayer(name: PresetName, rules: readonly Rule<object>[]): ConfigLayer {
  const entries: Record<string, RuleSetting> = {};
  for (const rule of rules) {
    const meta = rule.meta;
    const recommended = meta.presets?.recommended ?? meta.defaultLevel;
    if (name === 'dhr-lint:strict') entries[meta.id] = meta.presets?.strict ?? RAISE[meta.defaultLevel];
    else if (name === 'dhr-lint:publication') entries[meta.id] = meta.presets?.publication ?? recommended;
    else entries[meta.id] = recommended;
  }
  const layer: ConfigLayer = { source: name, rules: entries };
  if (name === 'dhr-lint:publication') layer.settings = { mode: 'publication' };
  return layer;
}

export interface ResolvedConfig {
  rules: ActiveRule[];
  settings: Settings;
  mode: Mode;
  /** The effective rule settings, for `--print-config`. */
  ruleSettings: Record<string, RuleSetting>;
}

export interface ResolveOptions {
  /** The file's path relative to each layer's base is matched against `overrides[].files`. */
  relativePath: (base: string | undefined) => string;
  /** `--rule id:level` given on the command line. */
  cliRules?: Record<string, RuleLevelSetting>;
  cliMode?: Mode;
}

/**
 * Layers are applied in order (earliest lowest): presets and extended files first, then the
 * config's own rules and settings, then matching overrides, then the command line.
 */
export function resolveConfig(layers: ConfigLayer[], rules: readonly Rule<object>[], options: ResolveOptions): ResolvedConfig {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const ruleSettings: Record<string, RuleSetting> = {};
  const origin: Record<string, string> = {};
  let settings: Settings = { ...DEFAULT_SETTINGS };

  const applyRules = (entries: Record<string, RuleSetting> | undefined, source: string): void => {
    for (const [id, entry] of Object.entries(entries ?? {})) {
      if (!byId.has(id)) throw new ConfigError(`${source}: unknown rule "${id}" (see dhr-lint --list-rules)`);
      const previous = ruleSettings[id];
      // "[warn]" or "warn" keeps options given by an earlier layer, as ESLint does.
      if (!Array.isArray(entry) || entry.length === 1) {
        const level = Array.isArray(entry) ? entry[0] : entry;
        ruleSettings[id] = Array.isArray(previous) && previous.length === 2 ? [level, previous[1]] : level;
      } else {
        ruleSettings[id] = entry;
      }
      origin[id] = source;
    }
  };

  for (const layer of layers) {
    applyRules(layer.rules, layer.source);
    settings = mergeSettings(settings, layer.settings);
    for (const override of layer.overrides ?? []) {
      const globs = Array.isArray(override.files) ? override.files : [override.files];
      const path = options.relativePath(layer.base);
      if (picomatch(globs, { dot: true, matchBase: !globs.some((g) => g.includes('/')) })(path)) {
        applyRules(override.rules, `${layer.source} (overrides)`);
        settings = mergeSettings(settings, override.settings);
      }
    }
  }
  applyRules(options.cliRules, 'command line (--rule)');
  const mode: Mode = options.cliMode ?? settings.mode ?? 'submission';
  settings = { ...settings, mode };

  const active: ActiveRule[] = [];
  for (const [id, entry] of Object.entries(ruleSettings)) {
    const [level, given] = Array.isArray(entry) ? entry : [entry, undefined];
    if (level === 'off') continue;
    const rule = byId.get(id)!;
    if (given !== undefined) validateRuleOptions(rule, given, `${origin[id]}: rules.${id}`);
    active.push({ rule, level, options: { ...(rule.meta.defaultOptions as object), ...(given ?? {}) } });
  }
  // Run rules in a stable order (catalogue order) whatever the config order was.
  const order = new Map(rules.map((r, i) => [r.meta.id, i]));
  active.sort((a, b) => order.get(a.rule.meta.id)! - order.get(b.rule.meta.id)!);
  return { rules: active, settings, mode, ruleSettings };
}

/** Settings merge: objects one level deep (dates, area, agencies, acronyms), everything else replaced. */
function mergeSettings(base: Settings, extra: Partial<Settings> | undefined): Settings {
  if (!extra) return base;
  const out: Settings = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = (base as Record<string, unknown>)[key];
    const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
    (out as Record<string, unknown>)[key] = isPlain(current) && isPlain(value) ? { ...current, ...value } : value;
  }
  return out;
}

/** Parse `--rule id:level` values. */
export function parseCliRules(values: string[]): Record<string, RuleLevelSetting> {
  const out: Record<string, RuleLevelSetting> = {};
  for (const value of values) {
    for (const item of value.split(',')) {
      const m = /^\s*([\w-]+)\s*:\s*(off|info|warn|warning|error)\s*$/.exec(item);
      if (!m) throw new ConfigError(`--rule "${item}": expected rule-id:level with level off, info, warn or error`);
      out[m[1]!] = m[2] === 'warning' ? 'warn' : (m[2] as RuleLevelSetting);
    }
  }
  return out;
}
