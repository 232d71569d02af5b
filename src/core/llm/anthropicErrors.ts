// Turns whatever the Anthropic SDK throws into a ModelError whose message tells the user what to do.
// The API key never appears in a message: every message passes through `redact`.

import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { ModelError, type ModelErrorKind } from './modelClient';

export const SET_KEY_HINT = "Run 'Dev Backend: Set Anthropic API Key' or set ANTHROPIC_API_KEY.";

export function missingKeyError(): ModelError {
  return new ModelError('auth', `No Anthropic API key is set. ${SET_KEY_HINT}`);
}

export function cancelledError(): ModelError {
  return new ModelError('cancelled', 'The request to Anthropic was cancelled.');
}

export interface ErrorContext {
  /** Longest wait before a retry a run accepts, in ms: a longer `retry-after` fails with the time to try again. */
  maxRetryWaitMs?: number;
  /** The API origin, for "cannot reach" messages. */
  baseURL: string;
  /** The key in use, scrubbed from every message. */
  apiKey?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const KIND_BY_TYPE: Record<string, ModelErrorKind> = {
  authentication_error: 'auth',
  permission_error: 'permission',
  billing_error: 'permission',
  rate_limit_error: 'rate_limit',
  overloaded_error: 'overloaded',
  api_error: 'server',
  timeout_error: 'timeout',
  request_too_large: 'context_too_long',
  invalid_request_error: 'bad_request',
  not_found_error: 'bad_request',
};

const TOO_LONG = /prompt is too long|too many (input )?tokens|context (window|length)|exceeds? .*(context|maximum)/i;

export function toModelError(error: unknown, ctx: ErrorContext): ModelError {
  const made = classify(error, ctx);
  return new ModelError(made.kind, redact(made.message, ctx.apiKey), made.retryAfterSeconds, made.status);
}

function classify(error: unknown, ctx: ErrorContext): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof APIUserAbortError || ctx.signal?.aborted) return cancelledError();
  if (error instanceof APIConnectionTimeoutError) {
    const after = ctx.timeoutMs ? ` within ${Math.round(ctx.timeoutMs / 1000)} s` : '';
    return new ModelError('timeout', `The Anthropic API did not answer${after}. Try again, or check your network or proxy.`);
  }
  if (error instanceof APIConnectionError) {
    const cause = causeText(error);
    return new ModelError(
      'network',
      `Cannot reach the Anthropic API at ${ctx.baseURL}${cause ? ` (${cause})` : ''}. Check your network connection, proxy, or the devBackend.apiBaseUrl setting.`,
    );
  }
  if (error instanceof APIError) return fromApiError(error, ctx.maxRetryWaitMs);
  const lost = socketFailure(error);
  if (lost) {
    return new ModelError('network', `The connection to the Anthropic API at ${ctx.baseURL} was lost mid-response (${lost}). Try again.`);
  }
  if (error instanceof AnthropicError) {
    return new ModelError('server', `Unexpected response from the Anthropic API: ${error.message}. Try again.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError('unknown', `Anthropic request failed: ${message}`);
}

function fromApiError(error: APIError, maxRetryWaitMs: number | undefined): ModelError {
  const status = error.status;
  const detail = error.apiMessage ?? error.message;
  const kind = kindOf(status, error.type, detail);
  const code = status !== undefined ? ` (${status})` : '';
  const tooLong = waitBeyondBound(error.headers, maxRetryWaitMs);
  if (tooLong && (kind === 'rate_limit' || kind === 'overloaded' || kind === 'server')) {
    const what = kind === 'rate_limit' ? 'Rate limited by Anthropic' : kind === 'overloaded' ? 'Anthropic is overloaded' : 'The Anthropic API failed';
    return new ModelError(
      kind,
      `${what}${code}: the API asked to retry after ${formatWait(tooLong.seconds)}, longer than the ${formatWait(tooLong.boundSeconds)} a run waits; try again at ${formatUtc(tooLong.at)}.`,
      tooLong.seconds,
      status,
    );
  }
  switch (kind) {
    case 'auth':
      return new ModelError(kind, `The Anthropic API key was rejected${code}. ${SET_KEY_HINT}`, undefined, status);
    case 'permission':
      return new ModelError(kind, `The Anthropic API key may not do this${code}: ${detail}. Check the key's workspace, model access and billing.`, undefined, status);
    case 'rate_limit': {
      const seconds = retryAfterSeconds(error.headers);
      const wait = seconds !== undefined ? `try again in ${seconds} s` : 'try again shortly';
      return new ModelError(kind, `Rate limited by Anthropic; ${wait}.`, seconds, status);
    }
    case 'overloaded':
      return new ModelError(kind, `Anthropic is overloaded right now${code}; try again in a minute.`, retryAfterSeconds(error.headers), status);
    case 'server':
      return new ModelError(kind, `The Anthropic API failed${code}: ${detail}. Try again.`, retryAfterSeconds(error.headers), status);
    case 'timeout':
      return new ModelError(kind, `The Anthropic API timed out${code}. Try again.`, undefined, status);
    case 'context_too_long':
      return new ModelError(kind, `The conversation is too long for the model${code}: ${detail}. Start a new run or narrow the task.`, undefined, status);
    default:
      return new ModelError(kind, `Anthropic rejected the request${code}: ${detail}`, undefined, status);
  }
}

/** The server's retry-after when it is longer than the bound: its seconds, the bound's, and when to try again. */
function waitBeyondBound(
  headers: Headers | undefined,
  maxRetryWaitMs: number | undefined,
): { seconds: number; boundSeconds: number; at: number } | undefined {
  const now = Date.now();
  const ms = retryAfterMs(headers, now);
  if (ms === undefined || maxRetryWaitMs === undefined || ms <= maxRetryWaitMs) return undefined;
  return { seconds: Math.ceil(ms / 1000), boundSeconds: Math.round(maxRetryWaitMs / 1000), at: now + ms };
}

function kindOf(status: number | undefined, type: string | null, detail: string): ModelErrorKind {
  if (status === 413) return 'context_too_long';
  if (status === 400 && TOO_LONG.test(detail)) return 'context_too_long';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 429) return 'rate_limit';
  if (status === 529) return 'overloaded';
  if (status === 408 || status === 504) return 'timeout';
  if (status !== undefined && status >= 500) return type === 'overloaded_error' ? 'overloaded' : 'server';
  // A mid-stream `event: error` has no status: go by the error type in its body.
  const byType = type ? KIND_BY_TYPE[type] : undefined;
  if (byType === 'bad_request' && TOO_LONG.test(detail)) return 'context_too_long';
  if (byType) return byType;
  return status !== undefined && status >= 400 ? 'bad_request' : 'unknown';
}

/** Seconds to wait, from `retry-after-ms` or `retry-after` (seconds or an HTTP date), rounded up. */
export function retryAfterSeconds(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const ms = retryAfterMs(headers, now);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

/** Milliseconds to wait, read as the SDK reads them: `retry-after-ms` first, then `retry-after`. */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  if (Number.isFinite(Number(value)) && Number(value) >= 0) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** "45 s", "3600 s (1 h)", "5400 s (1 h 30 min)". */
export function formatWait(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  const human = hours > 0 ? `${hours} h${minutes > 0 ? ` ${minutes} min` : ''}` : `${minutes} min`;
  return `${seconds} s (${human})`;
}

/** A moment as "2026-12-01 11:34:07 UTC": unambiguous in a CI log as in the editor. */
export function formatUtc(time: number): string {
  return new Date(time).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function causeText(error: Error): string | undefined {
  const cause = (error as { cause?: unknown }).cause;
  if (!(cause instanceof Error)) return undefined;
  const inner = (cause as { cause?: unknown }).cause;
  const code = inner instanceof Error ? ((inner as { code?: unknown }).code ?? inner.message) : undefined;
  return typeof code === 'string' && code !== '' ? code : cause.message;
}

/** The socket error code (or "terminated") when a response stream broke off, else undefined. */
function socketFailure(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(UND_ERR_SOCKET|ECONNRESET|EPIPE|ETIMEDOUT)/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error && error.message === 'terminated' ? 'terminated' : undefined;
}

/** Replaces the key (and any Bearer token) in a message. */
export function redact(message: string, apiKey: string | undefined): string {
  let out = message.replace(/Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g, 'Bearer ***');
  if (apiKey && apiKey.length >= 4) out = out.split(apiKey).join('***');
  return out;
}
