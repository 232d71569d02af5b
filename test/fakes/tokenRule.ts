// The fake server's token counting rule, stated once and used for input and output alike:
// tokens(part) = ceil(UTF-8 bytes of the canonical JSON of the part / 4).
// Canonical JSON: object keys sorted, no whitespace, `cache_control` left out (it is not content).
// Deterministic and offline; close to Claude's ~4 characters per token for English and code.

export const BYTES_PER_TOKEN = 4;

/** JSON with sorted keys and no `cache_control`, so equal content always serializes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (key === 'cache_control') continue;
      out[key] = sortKeys((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

/** Tokens of one request or response part under the rule above. */
export function countTokens(part: unknown): number {
  return Math.ceil(Buffer.byteLength(canonicalJson(part), 'utf8') / BYTES_PER_TOKEN);
}
