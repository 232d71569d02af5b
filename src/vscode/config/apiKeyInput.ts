// What counts as an API key the user may save or the extension may use. No `vscode` import, so it runs in unit
// tests. Deliberately loose about the format (proxies and gateways issue their own keys); never echoes the value.
import { checkApiKeyShape } from '../../core/llm/apiKeyShape';

/** An error sentence for the input box, or undefined when the value can be saved. */
export function validateApiKeyInput(value: string): string | undefined {
  const key = value.trim();
  if (key === '') return 'Enter your Anthropic API key (it starts with sk-ant-).';
  if (/\s/.test(key)) return 'An API key has no spaces or line breaks; paste the key alone.';
  const checked = checkApiKeyShape(key);
  return checked.ok ? undefined : `That is not an API key: ${checked.reason}. Paste the key alone.`;
}

export type ApiKeyChoice = { key: string; source: ApiKeySource } | undefined;

/**
 * The key to use: the stored one, else the environment's, each trimmed and only when shaped like a key (a key with
 * a line break would reach an HTTP header error that prints it). `onInvalid` hears which one was skipped, and why.
 */
export function chooseApiKey(
  stored: string | undefined,
  fromEnv: string | undefined,
  onInvalid?: (source: ApiKeySource, reason: string) => void,
): ApiKeyChoice {
  for (const [source, raw] of [['secretStorage', stored], ['environment', fromEnv]] as const) {
    if (raw === undefined || raw.trim() === '') continue;
    const checked = checkApiKeyShape(raw);
    if (checked.ok) return { key: checked.key, source };
    onInvalid?.(source, checked.reason);
  }
  return undefined;
}

/** One sentence for the log when a key was skipped (it never contains the key). */
export function invalidKeyMessage(source: ApiKeySource, reason: string): string {
  return source === 'secretStorage'
    ? `The stored Anthropic API key is not usable (${reason}); set it again with "Dev Backend: Set Anthropic API Key".`
    : `ANTHROPIC_API_KEY is not usable (${reason}); export the key alone.`;
}

/**
 * A warning (the key can still be saved) when the value does not look like an Anthropic key: they start with
 * "sk-ant-" and are long. Undefined when it looks right.
 */
export function apiKeyFormatWarning(value: string): string | undefined {
  const key = value.trim();
  if (/^sk-ant-[A-Za-z0-9_-]{20,}$/.test(key)) return undefined;
  return 'This does not look like an Anthropic API key (they start with "sk-ant-" and are about 100 characters long). If it is a key for a gateway or proxy, that is fine; otherwise check what you pasted.';
}

/** Where the key in use came from, for messages ("from ANTHROPIC_API_KEY"). */
export type ApiKeySource = 'secretStorage' | 'environment';
