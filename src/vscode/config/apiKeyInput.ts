// What counts as an API key the user may save. No `vscode` import, so it runs in unit tests.
// Deliberately loose about the format (proxies and gateways issue their own keys); never echoes the value.

/** An error sentence for the input box, or undefined when the value can be saved. */
export function validateApiKeyInput(value: string): string | undefined {
  const key = value.trim();
  if (key === '') return 'Enter your Anthropic API key (it starts with sk-ant-).';
  if (/\s/.test(key)) return 'An API key has no spaces or line breaks; paste the key alone.';
  return undefined;
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
