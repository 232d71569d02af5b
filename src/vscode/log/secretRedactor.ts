// Removes API keys from text before it is logged: the keys it was told about, plus anything that looks like
// an Anthropic key or a bearer token. No `vscode` import, so it runs in unit tests.

import type { LogLevelName } from '../config/settingsValidation';

const ANTHROPIC_KEY = /sk-ant-[A-Za-z0-9_-]+/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
const KEY_HEADER = /\b(x-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+/gi;
/** Shorter strings would blank out ordinary words. */
const MIN_SECRET_LENGTH = 6;

export const REDACTED = '***';

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Remembers a secret (e.g. the key just read or set) so later text never shows it. */
  add(secret: string | undefined): void {
    const value = secret?.trim();
    if (value && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is removed whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(REDACTED);
    }
    return out
      .replace(ANTHROPIC_KEY, `sk-ant-${REDACTED}`)
      .replace(BEARER, `$1${REDACTED}`)
      .replace(KEY_HEADER, `$1${REDACTED}`);
  }
}

const RANK: Record<LogLevelName, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Whether a message at `level` is written when the setting is `threshold`. */
export function isLevelEnabled(level: LogLevelName, threshold: LogLevelName): boolean {
  return RANK[level] <= RANK[threshold];
}

/** An error (or anything thrown) as one line: its message, and the cause's message when there is one. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? ` (cause: ${cause.message})` : '';
  return `${error.name}: ${error.message}${causeText}`;
}
