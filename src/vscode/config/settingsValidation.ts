// Validates the devBackend.* settings as the user wrote them (any JSON) into typed values.
// No `vscode` import, so it runs in unit tests. Defaults mirror package.json (a unit test keeps them equal).

export type ReviewMode = 'endOfRun' | 'perTask';
export type LogLevelName = 'error' | 'warn' | 'info' | 'debug';

export interface DevBackendSettings {
  /** Model id or alias overriding the agent file's `model`; '' lets the agent decide. */
  model: string;
  /** Alias table overrides, e.g. `{ sonnet: 'claude-sonnet-4-6' }`. */
  modelAliases: Record<string, string>;
  /** Anthropic API origin without /v1; '' means ANTHROPIC_BASE_URL or the public API. */
  apiBaseUrl: string;
  /** Name of the agent definition to run. */
  agent: string;
  maxTurns: number;
  maxTokensPerRun: number;
  maxOutputTokens: number;
  reviewMode: ReviewMode;
  allowSecretFiles: boolean;
  logLevel: LogLevelName;
  /** Seconds without a byte from the Anthropic API before a request is given up (and retried). */
  streamIdleTimeoutSeconds: number;
  /** Longest retry-after (seconds) a run waits through; a longer one fails with the time to try again. */
  maxRetryWaitSeconds: number;
  /** Most fix rounds of the validation gates after a run (devBackend.validation.maxFixRounds). */
  validationMaxFixRounds: number;
}

export type SettingName = keyof DevBackendSettings;

/** Settings whose key under devBackend differs from their name here (a dotted group). */
const SETTING_KEYS: Partial<Record<SettingName, string>> = { validationMaxFixRounds: 'validation.maxFixRounds' };

/** The setting's key under `devBackend.`: `maxTurns`, `validation.maxFixRounds`. */
export function settingKey(name: SettingName): string {
  return SETTING_KEYS[name] ?? name;
}

export const SETTING_DEFAULTS: Readonly<DevBackendSettings> = Object.freeze({
  model: '',
  modelAliases: {},
  apiBaseUrl: '',
  agent: 'dev-backend',
  maxTurns: 60,
  maxTokensPerRun: 2_000_000,
  maxOutputTokens: 16_000,
  reviewMode: 'endOfRun',
  allowSecretFiles: false,
  logLevel: 'info',
  streamIdleTimeoutSeconds: 90,
  maxRetryWaitSeconds: 60,
  validationMaxFixRounds: 3,
});

export const SETTING_NAMES = Object.keys(SETTING_DEFAULTS) as SettingName[];

/** The wait settings in the Anthropic client's terms. */
export function anthropicWaitOptions(settings: DevBackendSettings): { streamIdleTimeoutMs: number; maxRetryWaitMs: number } {
  return { streamIdleTimeoutMs: settings.streamIdleTimeoutSeconds * 1000, maxRetryWaitMs: settings.maxRetryWaitSeconds * 1000 };
}

export interface ValidatedSettings {
  settings: DevBackendSettings;
  /** One sentence per value that was replaced or adjusted, naming the setting. */
  problems: string[];
}

const REVIEW_MODES: readonly ReviewMode[] = ['endOfRun', 'perTask'];
const LOG_LEVELS: readonly LogLevelName[] = ['error', 'warn', 'info', 'debug'];

/** Reads every setting through `read` (undefined = unset) and returns valid values, with what was fixed. */
export function validateSettings(read: (name: SettingName) => unknown): ValidatedSettings {
  const problems: string[] = [];
  const v = new Validator(read, problems);
  const settings: DevBackendSettings = {
    model: v.text('model'),
    modelAliases: v.aliases(),
    apiBaseUrl: v.baseUrl(),
    agent: v.text('agent') || SETTING_DEFAULTS.agent,
    maxTurns: v.integer('maxTurns', 1, 500),
    maxTokensPerRun: v.integer('maxTokensPerRun', 1000, Number.MAX_SAFE_INTEGER),
    maxOutputTokens: v.integer('maxOutputTokens', 256, 1_000_000),
    reviewMode: v.oneOf('reviewMode', REVIEW_MODES),
    allowSecretFiles: v.boolean('allowSecretFiles'),
    logLevel: v.oneOf('logLevel', LOG_LEVELS),
    streamIdleTimeoutSeconds: v.integer('streamIdleTimeoutSeconds', 5, 3600),
    maxRetryWaitSeconds: v.integer('maxRetryWaitSeconds', 0, 86_400),
    validationMaxFixRounds: v.integer('validationMaxFixRounds', 0, 10),
  };
  return { settings, problems };
}

class Validator {
  constructor(
    private readonly read: (name: SettingName) => unknown,
    private readonly problems: string[],
  ) {}

  text(name: 'model' | 'agent' | 'apiBaseUrl'): string {
    const value = this.read(name);
    if (value === undefined || value === null) return SETTING_DEFAULTS[name];
    if (typeof value !== 'string') return this.fallback(name, 'must be a string');
    return value.trim();
  }

  /** Trailing slashes and a trailing /v1 are dropped: the SDK adds /v1/messages itself. */
  baseUrl(): string {
    const raw = this.text('apiBaseUrl');
    const trimmed = raw.replace(/\/+$/, '').replace(/\/v1$/i, '');
    if (trimmed !== raw.replace(/\/+$/, '')) {
      this.problems.push(`devBackend.apiBaseUrl should be the origin without /v1; using "${trimmed}".`);
    }
    return trimmed;
  }

  integer<N extends 'maxTurns' | 'maxTokensPerRun' | 'maxOutputTokens' | 'streamIdleTimeoutSeconds' | 'maxRetryWaitSeconds' | 'validationMaxFixRounds'>(
    name: N,
    min: number,
    max: number,
  ): number {
    const value = this.read(name);
    if (value === undefined || value === null) return SETTING_DEFAULTS[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.fallback(name, 'must be a number');
    const whole = Math.floor(value);
    const clamped = Math.min(max, Math.max(min, whole));
    if (clamped !== value) {
      this.problems.push(`devBackend.${settingKey(name)} must be a whole number from ${min} to ${max}; using ${clamped}.`);
    }
    return clamped;
  }

  oneOf<N extends 'reviewMode' | 'logLevel'>(name: N, allowed: readonly DevBackendSettings[N][]): DevBackendSettings[N] {
    const value = this.read(name);
    if (value === undefined || value === null) return SETTING_DEFAULTS[name];
    const match = allowed.find((a) => a === value);
    return match ?? this.fallback(name, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
  }

  boolean(name: 'allowSecretFiles'): boolean {
    const value = this.read(name);
    if (value === undefined || value === null) return SETTING_DEFAULTS[name];
    return typeof value === 'boolean' ? value : this.fallback(name, 'must be true or false');
  }

  aliases(): Record<string, string> {
    const value = this.read('modelAliases');
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) return this.fallback('modelAliases', 'must be an object of alias to model id');
    const out: Record<string, string> = {};
    for (const [alias, target] of Object.entries(value as Record<string, unknown>)) {
      if (alias.trim() !== '' && typeof target === 'string' && target.trim() !== '') {
        out[alias.trim()] = target.trim();
      } else {
        this.problems.push(`devBackend.modelAliases: "${alias}" needs a non-empty model id string; ignored.`);
      }
    }
    return out;
  }

  private fallback<N extends SettingName>(name: N, why: string): DevBackendSettings[N] {
    const fallback = SETTING_DEFAULTS[name];
    this.problems.push(`devBackend.${settingKey(name)} ${why}; using the default ${JSON.stringify(fallback)}.`);
    return structuredClone(fallback);
  }
}
