// Anthropic's published prompt-caching rules, applied to the requests the fake server receives, so that
// cache reads are measured, never assumed:
// - the prompt is a sequence of blocks in the order tools, system, messages;
// - a `cache_control` breakpoint caches the prefix up to and including its block (for its TTL, 5 min default);
// - a request reads the longest earlier-cached prefix it repeats exactly; it looks for one at each of its own
//   breakpoints and up to `lookbackBlocks` (20) block boundaries before each; a request without breakpoints
//   reads nothing;
// - at most 4 breakpoints (more is a 400 error); a prefix under `minCacheableTokens` (1,024) is not cached;
// - a read refreshes the entry's TTL; a different model never shares entries.
// Tokens are counted with tokenRule.ts.

import { createHash } from 'node:crypto';
import type { CacheControlWire, WireBlock, WireRequestBody } from './messagesWire';
import { InvalidRequestError } from './messagesWire';
import { countTokens, canonicalJson } from './tokenRule';

export const MAX_CACHE_BREAKPOINTS = 4;

export interface PromptCacheOptions {
  /** Shortest prefix (tokens) that is cached. Default 1,024. */
  minCacheableTokens?: number;
  /** How many block boundaries before a breakpoint are checked for an earlier entry. Default 20. */
  lookbackBlocks?: number;
  /** The clock, in ms (injectable for expiry tests). Default Date.now. */
  now?: () => number;
}

/** One block of the prompt in cache order. */
export interface PromptSegment {
  /** Where it came from, e.g. "tools[2]", "system[0]", "messages[3].content[1]". */
  label: string;
  tokens: number;
  /** TTL in ms when the block carries `cache_control`. */
  breakpointTtlMs?: number;
}

/** How one request's input tokens split, as the API reports them. */
export interface CacheAccounting {
  /** Input tokens neither read from nor written to the cache. */
  inputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  /** The three above added. */
  totalInputTokens: number;
  /** Labels of the blocks that carried a breakpoint, in order. */
  breakpoints: string[];
}

const TTL_MS: Record<string, number> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

interface Entry {
  expiresAt: number;
}

export class PromptCacheModel {
  private readonly entries = new Map<string, Entry>();
  private readonly minTokens: number;
  private readonly lookback: number;
  private readonly now: () => number;

  constructor(options: PromptCacheOptions = {}) {
    this.minTokens = options.minCacheableTokens ?? 1024;
    this.lookback = options.lookbackBlocks ?? 20;
    this.now = options.now ?? Date.now;
  }

  /** Applies the rules to one request, updating the cache. Throws InvalidRequestError past 4 breakpoints. */
  account(body: WireRequestBody): CacheAccounting {
    const { segments, keys } = segmentRequest(body);
    const breakpoints = segments.flatMap((s, i) => (s.breakpointTtlMs !== undefined ? [i] : []));
    checkBreakpointCount(breakpoints.length);
    const now = this.now();
    const hashes = prefixHashes(body.model, keys);
    const prefixTokens: number[] = [];
    segments.forEach((s, i) => prefixTokens.push((prefixTokens[i - 1] ?? 0) + s.tokens));
    const total = prefixTokens.at(-1) ?? 0;

    let readAt = -1;
    for (const b of breakpoints) {
      for (let j = b; j >= Math.max(0, b - this.lookback); j--) {
        const entry = this.entries.get(hashes[j]);
        if (entry && entry.expiresAt > now && j > readAt) readAt = j;
      }
    }
    const read = readAt >= 0 ? prefixTokens[readAt] : 0;
    if (readAt >= 0) this.refresh(hashes[readAt], now + TTL_MS['5m']);

    let writtenTo = -1;
    for (const b of breakpoints) {
      if (prefixTokens[b] < this.minTokens) continue;
      this.refresh(hashes[b], now + (segments[b].breakpointTtlMs ?? TTL_MS['5m']));
      writtenTo = Math.max(writtenTo, b);
    }
    const creation = writtenTo > readAt ? prefixTokens[writtenTo] - read : 0;
    return {
      inputTokens: total - read - creation,
      cacheCreationInputTokens: creation,
      cacheReadInputTokens: read,
      totalInputTokens: total,
      breakpoints: breakpoints.map((b) => segments[b].label),
    };
  }

  /** Live (unexpired) entries. */
  size(): number {
    const now = this.now();
    return [...this.entries.values()].filter((e) => e.expiresAt > now).length;
  }

  clear(): void {
    this.entries.clear();
  }

  private refresh(hash: string, expiresAt: number): void {
    const entry = this.entries.get(hash);
    this.entries.set(hash, { expiresAt: Math.max(expiresAt, entry?.expiresAt ?? 0) });
  }
}

/** Throws the API's 400 message when a request carries more than 4 breakpoints. */
export function checkBreakpointCount(count: number): void {
  if (count > MAX_CACHE_BREAKPOINTS) {
    throw new InvalidRequestError(`A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${count}.`);
  }
}

/** Validates a request against the cache rules without touching the cache. */
export function checkCacheRules(body: WireRequestBody): void {
  checkBreakpointCount(segmentRequest(body).segments.filter((s) => s.breakpointTtlMs !== undefined).length);
}

/** The prompt as blocks in cache order (tools, system, messages), with the key each is compared by. */
export function segmentRequest(body: WireRequestBody): { segments: PromptSegment[]; keys: string[] } {
  const segments: PromptSegment[] = [];
  const keys: string[] = [];
  const add = (label: string, block: WireBlock, key: unknown): void => {
    segments.push({ label, tokens: countTokens(block), breakpointTtlMs: ttlOf(block.cache_control) });
    keys.push(canonicalJson(key));
  };
  (body.tools ?? []).forEach((tool, i) => add(`tools[${i}]`, tool, { tool }));
  const system = typeof body.system === 'string' ? [{ type: 'text', text: body.system }] : (body.system ?? []);
  system.forEach((block, i) => add(`system[${i}]`, block, { system: block }));
  body.messages.forEach((message, i) => {
    const blocks: WireBlock[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    // The role and the message boundary are part of the prefix: [user: A][user: B] differs from [user: A, B].
    blocks.forEach((block, j) => add(`messages[${i}].content[${j}]`, block, { role: message.role, first: j === 0, block }));
  });
  // Automatic caching (top-level cache_control) puts a breakpoint on the last block.
  const last = segments.at(-1);
  if (body.cache_control && last && last.breakpointTtlMs === undefined) last.breakpointTtlMs = ttlOf(body.cache_control);
  return { segments, keys };
}

function ttlOf(cc: CacheControlWire | null | undefined): number | undefined {
  if (!cc) return undefined;
  return TTL_MS[cc.ttl ?? '5m'] ?? TTL_MS['5m'];
}

function prefixHashes(model: string, keys: string[]): string[] {
  const hashes: string[] = [];
  let previous = createHash('sha256').update(`model:${model}`).digest('hex');
  for (const key of keys) {
    previous = createHash('sha256').update(previous).update('\n').update(key).digest('hex');
    hashes.push(previous);
  }
  return hashes;
}
