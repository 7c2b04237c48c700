/** Config files of one run: found per linted file, loaded once, validated with plugin rules known. */
import { dirname, relative, resolve } from 'node:path';
import type { Rule } from '../api/rule.js';
import { builtinRules } from '../../rules/index.js';
import { parseCliRules, presetLayer, resolveConfig, type ConfigLayer, type ResolvedConfig } from '../config/resolve.js';
import { findConfigFile, loadConfigFile, loadPlugins, validateLoadedConfig, type LoadedConfig } from './config-files.js';
import type { CliOptions, Io } from './options.js';

/** Config state shared across the files of one run (configs cached by path). */
export class ConfigSource {
  private readonly loaded = new Map<string, LoadedConfig>();
  rules: Rule<object>[] = [...builtinRules];

  constructor(
    private readonly opts: CliOptions,
    private readonly io: Io,
  ) {}

  /** Load the explicit config (if any) and validate it: bad config stops the run before any file. */
  async init(): Promise<void> {
    if (this.opts.config) await this.load(resolve(this.io.cwd, this.opts.config));
  }

  private async load(path: string): Promise<LoadedConfig> {
    let config = this.loaded.get(path);
    if (!config) {
      config = loadConfigFile(path, builtinRules, this.io.cwd);
      if (config.plugins.length) {
        const extra = await loadPlugins(config.plugins);
        const known = new Set(this.rules.map((r) => r.meta.id));
        for (const rule of extra) if (!known.has(rule.meta.id)) this.rules.push(rule);
      }
      validateLoadedConfig(config, this.rules);
      this.loaded.set(path, config);
    }
    return config;
  }

  async configPathFor(file: string): Promise<string | undefined> {
    if (this.opts.config) return resolve(this.io.cwd, this.opts.config);
    if (!this.opts.configLookup) return undefined;
    return findConfigFile(dirname(file));
  }

  async layersFor(file: string): Promise<{ layers: ConfigLayer[]; path?: string }> {
    const path = await this.configPathFor(file);
    if (!path) return { layers: [presetLayer('dhr-lint:recommended', this.rules)] };
    const config = await this.load(path);
    return { layers: config.layers, path };
  }

  async resolveFor(file: string): Promise<ResolvedConfig & { configPath?: string; ignores: string[] }> {
    const { layers, path } = await this.layersFor(file);
    const resolved = resolveConfig(layers, this.rules, {
      relativePath: (base) => relative(base ?? this.io.cwd, file).split('\\').join('/'),
      cliRules: parseCliRules(this.opts.rule),
      cliMode: this.opts.mode,
    });
    const ignores = layers.flatMap((l) => l.ignores ?? []);
    return { ...resolved, configPath: path, ignores };
  }

  /** `ignores` of the config that applies in the working directory. */
  async cwdIgnores(): Promise<string[]> {
    const path = this.opts.config ? resolve(this.io.cwd, this.opts.config) : this.opts.configLookup ? findConfigFile(this.io.cwd) : undefined;
    if (!path) return [];
    const config = await this.load(path);
    return config.layers.flatMap((l) => l.ignores ?? []);
  }
}

