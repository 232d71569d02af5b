// The Messages API request as it arrives on the wire, checked the way the real API checks it (the parts we use).

export interface CacheControlWire {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

/** A content block, tool or system block as sent: any JSON object with a `type` (tools may omit it). */
export type WireBlock = Record<string, unknown> & { cache_control?: CacheControlWire };

export interface WireMessage {
  role: 'user' | 'assistant';
  content: string | WireBlock[];
}

export interface WireRequestBody {
  model: string;
  max_tokens: number;
  messages: WireMessage[];
  system?: string | WireBlock[];
  tools?: WireBlock[];
  tool_choice?: Record<string, unknown>;
  stream?: boolean;
  /** Automatic caching: a breakpoint on the last block of the request. */
  cache_control?: CacheControlWire;
  [key: string]: unknown;
}

/** What the real API answers with a 400 `invalid_request_error`. */
export class InvalidRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

// Sampling parameters removed by API version 2026-10-21.
const REMOVED_PARAMS = ['temperature', 'top_p', 'top_k'];

/** Validates a parsed JSON body; throws InvalidRequestError with the API's kind of message. */
export function parseRequestBody(raw: unknown, options: { countTokensOnly?: boolean } = {}): WireRequestBody {
  if (!isObject(raw)) throw new InvalidRequestError('The request body must be a JSON object.');
  if (typeof raw.model !== 'string' || raw.model === '') throw new InvalidRequestError('model: Field required');
  if (!options.countTokensOnly && (typeof raw.max_tokens !== 'number' || raw.max_tokens < 0)) {
    throw new InvalidRequestError('max_tokens: Field required');
  }
  for (const param of REMOVED_PARAMS) {
    if (param in raw) throw new InvalidRequestError(`${param}: Extra inputs are not permitted`);
  }
  if (!Array.isArray(raw.messages) || raw.messages.length === 0) {
    throw new InvalidRequestError('messages: at least one message is required');
  }
  raw.messages.forEach((m: unknown, i: number) => checkMessage(m, i));
  if (raw.system !== undefined && typeof raw.system !== 'string') checkBlocks(raw.system, 'system');
  if (raw.tools !== undefined) {
    checkBlocks(raw.tools, 'tools', false);
    (raw.tools as unknown[]).forEach((t, i) => {
      if (!isObject(t) || typeof t.name !== 'string') throw new InvalidRequestError(`tools.${i}.name: Field required`);
    });
  }
  return raw as WireRequestBody;
}

function checkMessage(m: unknown, i: number): void {
  if (!isObject(m) || (m.role !== 'user' && m.role !== 'assistant')) {
    throw new InvalidRequestError(`messages.${i}.role: Input should be 'user' or 'assistant'`);
  }
  if (typeof m.content === 'string') {
    if (m.content === '' && m.role === 'user') throw new InvalidRequestError(`messages.${i}: user messages must have non-empty content`);
    return;
  }
  checkBlocks(m.content, `messages.${i}.content`);
  (m.content as WireBlock[]).forEach((b, j) => {
    if (b.type === 'text' && (typeof b.text !== 'string' || b.text === '')) {
      throw new InvalidRequestError(`messages.${i}.content.${j}: text content blocks must be non-empty`);
    }
    if (b.type === 'tool_result' && typeof b.tool_use_id !== 'string') {
      throw new InvalidRequestError(`messages.${i}.content.${j}.tool_use_id: Field required`);
    }
  });
}

function checkBlocks(value: unknown, where: string, needType = true): void {
  if (!Array.isArray(value)) throw new InvalidRequestError(`${where}: Input should be a valid list`);
  value.forEach((b: unknown, i: number) => {
    if (!isObject(b) || (needType && typeof b.type !== 'string')) {
      throw new InvalidRequestError(`${where}.${i}: Input should be an object with a type`);
    }
    const cc = b.cache_control;
    if (cc !== undefined && cc !== null && (!isObject(cc) || cc.type !== 'ephemeral')) {
      throw new InvalidRequestError(`${where}.${i}.cache_control: Input should be {"type": "ephemeral"}`);
    }
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
