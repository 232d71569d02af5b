// An API key is one token of printable ASCII. Anything else (a pasted line break, a second line from a
// .env file) would end up in an HTTP header error that prints it, so it is refused before use, never echoed.

const MAX_KEY_LENGTH = 1024;

export type ApiKeyCheck = { ok: true; key: string } | { ok: false; reason: string };

/** The key trimmed, or why it cannot be a key (the reason never contains the value). */
export function checkApiKeyShape(raw: string): ApiKeyCheck {
  const key = raw.trim();
  if (key === '') return { ok: false, reason: 'it is empty' };
  if (/[\r\n]/.test(key)) return { ok: false, reason: 'it contains a line break' };
  if (/\s/.test(key)) return { ok: false, reason: 'it contains spaces' };
  if (/[^\x21-\x7e]/.test(key)) return { ok: false, reason: 'it contains characters an API key does not have' };
  if (key.length > MAX_KEY_LENGTH) return { ok: false, reason: `it is longer than ${MAX_KEY_LENGTH} characters` };
  return { ok: true, key };
}
