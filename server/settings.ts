import type { Connection } from 'vscode-languageserver/node';
import type { RuleConfig, RuleLevel } from '../core/lint/config';

/** The settings the server reads, per document (they can differ per folder). */
export interface ServerSettings {
  rules: Record<string, RuleLevel>;
  debounceMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = { rules: {}, debounceMs: 200 };

function sanitize(raw: unknown): ServerSettings {
  const value = (raw ?? {}) as { rules?: unknown; validation?: { debounceMs?: unknown } };
  const rules =
    value.rules && typeof value.rules === 'object' && !Array.isArray(value.rules)
      ? (value.rules as Record<string, RuleLevel>)
      : {};
  const debounce = value.validation?.debounceMs;
  const debounceMs =
    typeof debounce === 'number' && Number.isFinite(debounce)
      ? Math.min(Math.max(debounce, 0), 5000)
      : DEFAULT_SETTINGS.debounceMs;
  return { rules, debounceMs };
}

/** Reads `sagemakerScaling` settings per document through workspace/configuration, cached until they change. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<ServerSettings>>();

  constructor(
    private readonly connection: Connection,
    private readonly canRequest: () => boolean,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.canRequest()) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'sagemakerScaling' })
        .then(sanitize, () => DEFAULT_SETTINGS);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  ruleConfig(settings: ServerSettings): RuleConfig {
    return { rules: settings.rules };
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
