/**
 * Finding and reading config files (Node only): `dhr-lint.config.{json,yaml,yml}` from the linted
 * file's folder upward, `extends` chains, and plugin rule modules.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { lilconfigSync } from 'lilconfig';
import { parse as parseYaml } from 'yaml';
import type { Rule } from '../api/rule.js';
import { ConfigError, validateConfig } from '../config/validate.js';
import { isPreset, presetLayer, type ConfigLayer } from '../config/resolve.js';

export const CONFIG_NAMES = ['dhr-lint.config.json', 'dhr-lint.config.yaml', 'dhr-lint.config.yml'];

function parseConfigText(path: string, text: string): unknown {
  try {
    if (path.endsWith('.json')) return JSON.parse(text);
    return parseYaml(text) ?? {};
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(`${path}: cannot parse: ${reason}`);
  }
}

const finder = lilconfigSync('dhr-lint', {
  searchPlaces: CONFIG_NAMES,
  loaders: {
    '.json': (path, content) => parseConfigText(path, content),
    '.yaml': (path, content) => parseConfigText(path, content),
    '.yml': (path, content) => parseConfigText(path, content),
  },
});

/** Nearest config file at or above `dir`, or undefined. */
export function findConfigFile(dir: string): string | undefined {
  return finder.search(dir)?.filepath;
}

interface RawConfig {
  extends?: string | string[];
  plugins?: string[];
  [key: string]: unknown;
}

export interface LoadedConfig {
  /** The file given or found. */
  path: string;
  /** Layers in application order (extends first). */
  layers: ConfigLayer[];
  /** Plugin module specifiers with the folder they resolve from. */
  plugins: { specifier: string; base: string }[];
  /** Raw file contents, validated once the full rule list is known. */
  raw: { path: string; value: unknown }[];
}

/** Read a config file and everything it extends (not yet validated: plugins may add rules). */
export function loadConfigFile(file: string, builtins: readonly Rule<object>[], cwd = process.cwd(), seen: string[] = []): LoadedConfig {
  const abs = resolve(cwd, file);
  // Messages name the file as the user would type it: relative to the working directory.
  const path = relative(cwd, abs) || abs;
  if (seen.includes(abs)) throw new ConfigError(`${path}: "extends" forms a cycle (${[...seen, abs].join(' → ')})`);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read config file ${path}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
  const value = parseConfigText(path, text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${path}: a config file must hold an object (keys such as extends, rules, settings)`);
  }
  const raw = value as RawConfig;
  const base = dirname(abs);
  const loaded: LoadedConfig = { path: abs, layers: [], plugins: [], raw: [{ path, value }] };
  const extendsList =
    raw.extends === undefined ? ['dhr-lint:recommended'] : Array.isArray(raw.extends) ? raw.extends : [raw.extends];
  for (const entry of extendsList) {
    if (typeof entry !== 'string') continue; // reported by validation
    if (isPreset(entry)) loaded.layers.push(presetLayer(entry, builtins));
    else if (entry.startsWith('dhr-lint:')) throw new ConfigError(`${path}: unknown preset "${entry}" (presets: dhr-lint:recommended, dhr-lint:strict, dhr-lint:publication)`);
    else {
      const child = loadConfigFile(isAbsolute(entry) ? entry : resolve(base, entry), builtins, cwd, [...seen, abs]);
      loaded.layers.push(...child.layers);
      loaded.plugins.push(...child.plugins);
      loaded.raw.push(...child.raw);
    }
  }
  for (const specifier of Array.isArray(raw.plugins) ? raw.plugins : []) loaded.plugins.push({ specifier, base });
  loaded.layers.push({ ...(raw as Omit<ConfigLayer, 'source'>), source: path, base });
  return loaded;
}

/** Validate every file of a loaded config against the schema of all known rules. */
export function validateLoadedConfig(config: LoadedConfig, rules: readonly Rule<object>[]): void {
  for (const { path, value } of config.raw) validateConfig(value, rules, path);
}

/** Import plugin modules: a rule, an array of rules, or `{ rules: [...] }` as default export. */
export async function loadPlugins(plugins: LoadedConfig['plugins']): Promise<Rule<object>[]> {
  const out: Rule<object>[] = [];
  for (const { specifier, base } of plugins) {
    let url: string;
    try {
      url =
        specifier.startsWith('.') || isAbsolute(specifier)
          ? pathToFileURL(resolve(base, specifier)).href
          : pathToFileURL(createRequire(resolve(base, 'noop.js')).resolve(specifier)).href;
    } catch {
      throw new ConfigError(`plugin "${specifier}" not found from ${base}`);
    }
    let mod: Record<string, unknown>;
    try {
      mod = (await import(url)) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`plugin "${specifier}" failed to load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    const exported = (mod.default ?? mod) as unknown;
    const candidates = Array.isArray(exported)
      ? exported
      : exported && typeof exported === 'object' && Array.isArray((exported as { rules?: unknown }).rules)
        ? ((exported as { rules: unknown[] }).rules)
        : [exported];
    for (const rule of candidates) {
      const r = rule as Partial<Rule<object>>;
      if (!r || typeof r.create !== 'function' || !r.meta || typeof r.meta.id !== 'string' || !r.meta.messages) {
        throw new ConfigError(`plugin "${specifier}" does not export a rule (an object with meta.id, meta.messages and create)`);
      }
      out.push(r as Rule<object>);
    }
  }
  return out;
}
