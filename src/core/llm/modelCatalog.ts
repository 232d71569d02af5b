// The models the extension knows: alias table (opus / sonnet / haiku / inherit) and published prices.
// Agent files and the `devBackend.model` setting name models by alias; `devBackend.modelAliases` overrides the table.

import type { Usage } from './modelClient';

/** Current model ids behind each alias (from the SDK's `Model` type, @anthropic-ai/sdk 1.10.0). */
export const MODEL_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  opus: 'claude-opus-5-5',
  sonnet: 'claude-sonnet-5-5',
  haiku: 'claude-haiku-5-5',
});

/** What `inherit` (or no model at all) means when the caller has no default of its own. */
export const DEFAULT_MODEL_ALIAS = 'sonnet';

export interface ResolveModelOptions {
  /** Alias overrides from settings, e.g. `{ sonnet: 'claude-sonnet-4-6' }`; may also add new aliases. */
  overrides?: Record<string, string>;
  /** The caller's model (alias or id) used for `inherit` or when no model is named. */
  inherit?: string;
}

/**
 * Turns an agent's `model` (alias, id, `inherit` or nothing) into a model id.
 * Unknown names that are not aliases are taken as ids and returned as given (trimmed).
 */
export function resolveModel(nameOrAlias: string | undefined, options: ResolveModelOptions = {}): string {
  const table = aliasTable(options.overrides);
  let name = (nameOrAlias ?? '').trim();
  if (name === '' || name.toLowerCase() === 'inherit') {
    const inherited = (options.inherit ?? '').trim();
    name = inherited === '' || inherited.toLowerCase() === 'inherit' ? DEFAULT_MODEL_ALIAS : inherited;
  }
  // Overrides may point at another alias ({"opus": "sonnet"}); follow a few hops, never loop.
  const seen = new Set<string>();
  while (table.has(name.toLowerCase()) && !seen.has(name.toLowerCase())) {
    seen.add(name.toLowerCase());
    name = table.get(name.toLowerCase()) ?? name;
  }
  return name;
}

/** True when `name` is an alias in the (possibly overridden) table. */
export function isModelAlias(name: string, overrides?: Record<string, string>): boolean {
  return aliasTable(overrides).has(name.trim().toLowerCase());
}

function aliasTable(overrides: Record<string, string> | undefined): Map<string, string> {
  const table = new Map(Object.entries(MODEL_ALIASES));
  // Settings arrive as user JSON: skip anything that is not a non-empty string.
  for (const [alias, target] of Object.entries(overrides ?? {})) {
    if (typeof target === 'string' && target.trim() !== '' && alias.trim() !== '') {
      table.set(alias.trim().toLowerCase(), target.trim());
    }
  }
  return table;
}

// ---- Prices ----

export type ModelFamily = 'opus' | 'sonnet' | 'haiku';

/** US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Cache writes (5-minute TTL) and reads, as multiples of the input price. */
export const CACHE_WRITE_MULTIPLIER = 1.25;
export const CACHE_READ_MULTIPLIER = 0.1;

interface PriceRow {
  family: ModelFamily;
  /** Versions as major*10 + minor (Opus 4.5 = 45), inclusive range the published price covers. */
  from: number;
  to: number;
  price: ModelPrice;
}

// Published prices per million tokens (input / output).
const PRICE_ROWS: readonly PriceRow[] = [
  { family: 'opus', from: 55, to: 55, price: { input: 4, output: 20 } },
  { family: 'opus', from: 45, to: 50, price: { input: 5, output: 25 } },
  { family: 'opus', from: 40, to: 41, price: { input: 15, output: 75 } },
  { family: 'sonnet', from: 50, to: 55, price: { input: 2, output: 10 } },
  { family: 'sonnet', from: 40, to: 49, price: { input: 3, output: 15 } },
  { family: 'haiku', from: 45, to: 45, price: { input: 1, output: 5 } },
];

export interface PriceLookup {
  price: ModelPrice;
  /** `published`: the id's version has a published price; `family`: estimated from the nearest version of its family. */
  basis: 'published' | 'family';
}

/** Family and version (major*10 + minor) of a Claude model id; undefined for other models. */
export function parseModelId(modelId: string): { family: ModelFamily; version: number } | undefined {
  const id = modelId.trim().toLowerCase();
  // claude-sonnet-5-5, claude-opus-4-8-20261001, claude-haiku-4-5
  const modern = /^claude-(opus|sonnet|haiku)-(\d)(?:-(\d))?(?:-\d{8})?(?:$|[-@:])/.exec(id);
  if (modern) return { family: modern[1] as ModelFamily, version: Number(modern[2]) * 10 + Number(modern[3] ?? 0) };
  // claude-3-5-sonnet-20241022 (older naming)
  const legacy = /^claude-(\d)(?:-(\d))?-(opus|sonnet|haiku)(?:$|-)/.exec(id);
  if (legacy) return { family: legacy[3] as ModelFamily, version: Number(legacy[1]) * 10 + Number(legacy[2] ?? 0) };
  return undefined;
}

/** The price of a model id, or undefined when it is not a Claude model (e.g. a Copilot model). */
export function priceFor(modelId: string): PriceLookup | undefined {
  const parsed = parseModelId(modelId);
  if (!parsed) return undefined;
  const rows = PRICE_ROWS.filter((r) => r.family === parsed.family);
  const exact = rows.find((r) => parsed.version >= r.from && parsed.version <= r.to);
  if (exact) return { price: exact.price, basis: 'published' };
  // A version without a published price: take the nearest one of the same family.
  const distance = (r: PriceRow): number => Math.min(Math.abs(parsed.version - r.from), Math.abs(parsed.version - r.to));
  const nearest = [...rows].sort((a, b) => distance(a) - distance(b) || b.to - a.to)[0];
  return nearest ? { price: nearest.price, basis: 'family' } : undefined;
}

/**
 * Dollar cost of one usage record. Cache writes cost 1.25x input, cache reads 0.1x input.
 * Returns NaN for a model with no known price, so that totals read "unknown" rather than a false $0.
 */
export function costUsd(usage: Usage, modelId: string): number {
  const lookup = priceFor(modelId);
  if (!lookup) return Number.NaN;
  const { input, output } = lookup.price;
  const inputUsd =
    usage.inputTokens * input +
    usage.cacheCreationInputTokens * input * CACHE_WRITE_MULTIPLIER +
    usage.cacheReadInputTokens * input * CACHE_READ_MULTIPLIER;
  return (inputUsd + usage.outputTokens * output) / 1_000_000;
}

/** "$0.0123", or "unknown" for NaN (a model without a known price). */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return 'unknown';
  return amount < 1 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`;
}
