// A local stand-in for the Anthropic Messages API: node:http on 127.0.0.1, the real SSE wire, scripted turns,
// usage computed from the requests (promptCacheModel.ts), and a log of every request for assertions.
// Used by unit tests, by the integration tests inside VS Code, and by the benchmarks.

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  encodeSse,
  isHangTurn,
  isHttpErrorTurn,
  isStreamErrorTurn,
  messageStart,
  replyEvents,
  textBlockEvents,
  type HttpErrorTurn,
  type ReplyContext,
  type SseEvent,
  type Turn,
  type WireUsage,
} from './fakeTurns';
import { InvalidRequestError, parseRequestBody, type WireRequestBody } from './messagesWire';
import { checkCacheRules, PromptCacheModel, segmentRequest, type CacheAccounting, type PromptCacheOptions } from './promptCacheModel';

export type RequestOutcome =
  | 'pending'
  | 'completed' // the stream or JSON answer was sent in full
  | 'client_closed' // the client hung up before the end (cancellation)
  | 'http_error'
  | 'stream_error'
  | 'server_stopped';

/** One request as the server saw it. The API key itself is never stored. */
export interface RecordedRequest {
  /** 0-based, over every request to the server. */
  index: number;
  method: string;
  path: string;
  /** Request headers without `authorization` / `x-api-key`. */
  headers: Record<string, string>;
  auth: {
    scheme: 'bearer' | 'x-api-key' | 'none';
    /** Whether the key equals `requireKey` (undefined when no key is required). */
    keyMatches?: boolean;
    /** First 12 hex digits of the key's SHA-256, to tell keys apart without keeping them. */
    keyFingerprint?: string;
  };
  /** The parsed body; undefined when it was not valid JSON. */
  body?: WireRequestBody;
  /** The usage the server reported (streamed turns). */
  usage?: WireUsage;
  /** How the input tokens split under the cache rules. */
  accounting?: CacheAccounting;
  outcome: RequestOutcome;
}

export type Responder = (request: RecordedRequest, index: number) => Turn | Promise<Turn>;

export interface FakeAnthropicServerOptions {
  /** Answer 401 unless the request carries this key. */
  requireKey?: string;
  /** Options of the cache model (clock, minimum, lookback). */
  cache?: PromptCacheOptions;
}

export class FakeAnthropicServer {
  readonly requests: RecordedRequest[] = [];
  readonly cache: PromptCacheModel;
  private readonly queue: Turn[] = [];
  private responder: Responder | undefined;
  private server: Server | undefined;
  private readonly stopping = new AbortController();
  private readonly closed = new Map<number, Promise<RequestOutcome>>();
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private messagesServed = 0;

  constructor(private readonly options: FakeAnthropicServerOptions = {}) {
    this.cache = new PromptCacheModel(options.cache);
  }

  /** Starts listening on 127.0.0.1 (a free port); resolves with the base URL for the SDK (no /v1). */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return this.baseURL;
  }

  get baseURL(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('FakeAnthropicServer is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Queues turns, answered in order; they take precedence over the responder. */
  enqueue(...turns: Turn[]): this {
    this.queue.push(...turns);
    return this;
  }

  /** Answers every request the queue does not, e.g. to react to tool_results. */
  respondWith(responder: Responder): this {
    this.responder = responder;
    return this;
  }

  /** Requests to POST /v1/messages, in order (count_tokens calls left out). */
  get messageRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/v1/messages');
  }

  /** Sum of the usage the server reported. */
  totalUsage(): WireUsage {
    const total: WireUsage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    for (const r of this.requests) {
      if (!r.usage) continue;
      total.input_tokens += r.usage.input_tokens;
      total.output_tokens += r.usage.output_tokens;
      total.cache_creation_input_tokens += r.usage.cache_creation_input_tokens;
      total.cache_read_input_tokens += r.usage.cache_read_input_tokens;
    }
    return total;
  }

  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** Resolves with how request `index` ended (e.g. 'client_closed' after a cancellation). */
  async whenClosed(index: number): Promise<RequestOutcome> {
    await this.waitForRequests(index + 1);
    return this.closed.get(index) ?? this.requests[index].outcome;
  }

  /** Stops listening and drops every open connection (hanging turns end). */
  async stop(): Promise<void> {
    this.stopping.abort();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record = this.record(req);
    let settle: (outcome: RequestOutcome) => void = () => undefined;
    this.closed.set(record.index, new Promise((resolve) => (settle = resolve)));
    res.on('close', () => {
      if (record.outcome === 'pending') record.outcome = this.stopping.signal.aborted ? 'server_stopped' : 'client_closed';
      settle(record.outcome);
    });
    try {
      const raw = await readBody(req);
      if (record.auth.keyMatches === false || (this.options.requireKey !== undefined && record.auth.scheme === 'none')) {
        return this.sendError(res, record, { status: 401, type: 'authentication_error', message: 'invalid x-api-key' });
      }
      const isCount = record.path === '/v1/messages/count_tokens';
      if (req.method !== 'POST' || (record.path !== '/v1/messages' && !isCount)) {
        return this.sendError(res, record, { status: 404, type: 'not_found_error', message: `No route ${req.method} ${record.path}` });
      }
      let body: WireRequestBody;
      try {
        body = parseRequestBody(JSON.parse(raw) as unknown, { countTokensOnly: isCount });
        checkCacheRules(body);
      } catch (e) {
        const message = e instanceof InvalidRequestError ? e.message : 'The request body is not valid JSON.';
        return this.sendError(res, record, { status: 400, type: 'invalid_request_error', message });
      } finally {
        record.body = safeParse(raw);
      }
      if (isCount) {
        const tokens = segmentRequest(body).segments.reduce((sum, s) => sum + s.tokens, 0);
        return this.sendJson(res, record, 200, { input_tokens: tokens });
      }
      const turn = await this.nextTurn(record);
      await this.answer(res, record, body, turn);
    } catch (e) {
      if (!res.headersSent) {
        const message = e instanceof Error ? e.message : String(e);
        this.sendError(res, record, { status: 500, type: 'api_error', message: `FakeAnthropicServer: ${message}`, headers: { 'x-should-retry': 'false' } });
      } else {
        res.destroy();
      }
    }
  }

  private record(req: IncomingMessage): RecordedRequest {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name === 'authorization' || name === 'x-api-key' || value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const apiKey = bearer ?? (typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : undefined);
    const record: RecordedRequest = {
      index: this.requests.length,
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0],
      headers,
      auth: {
        scheme: bearer !== undefined ? 'bearer' : apiKey !== undefined ? 'x-api-key' : 'none',
        keyMatches: this.options.requireKey === undefined || apiKey === undefined ? undefined : apiKey === this.options.requireKey,
        keyFingerprint: apiKey === undefined ? undefined : createHash('sha256').update(apiKey).digest('hex').slice(0, 12),
      },
      outcome: 'pending',
    };
    this.requests.push(record);
    for (const w of this.waiters.filter((w) => this.requests.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve();
    }
    return record;
  }

  private async nextTurn(record: RecordedRequest): Promise<Turn> {
    const index = this.messagesServed++;
    const queued = this.queue.shift();
    if (queued) return queued;
    if (this.responder) return this.responder(record, index);
    throw new Error(`no scripted turn left for request #${index}`);
  }

  private async answer(res: ServerResponse, record: RecordedRequest, body: WireRequestBody, turn: Turn): Promise<void> {
    const signal = this.signalFor(res);
    if (turn.delayMs) await sleep(turn.delayMs, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return;
    if (isHttpErrorTurn(turn)) return this.sendError(res, record, turn.httpError);
    let accounting: CacheAccounting;
    try {
      accounting = this.cache.account(body);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return this.sendError(res, record, { status: 400, type: 'invalid_request_error', message });
    }
    record.accounting = accounting;
    const ctx: ReplyContext = {
      messageId: `msg_fake_${record.index}`,
      model: ('model' in turn && turn.model) || body.model,
      input: {
        input_tokens: accounting.inputTokens,
        cache_creation_input_tokens: accounting.cacheCreationInputTokens,
        cache_read_input_tokens: accounting.cacheReadInputTokens,
      },
      toolIdPrefix: `toolu_${record.index}`,
    };
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_fake_${record.index}` });
    if (isStreamErrorTurn(turn) || isHangTurn(turn)) {
      record.usage = { ...ctx.input, output_tokens: 1 };
      const events = [messageStart(ctx), ...(turn.afterText ? textBlockEvents(0, turn.afterText) : [])];
      if (isStreamErrorTurn(turn)) events.push({ event: 'error', data: { type: 'error', error: turn.streamError } });
      if (!(await this.write(res, events, turn.eventDelayMs, signal))) return;
      if (isHangTurn(turn)) return; // left open: ends when the client hangs up or the server stops
      record.outcome = 'stream_error';
      res.end();
      return;
    }
    const { events, usage } = replyEvents(turn, ctx);
    record.usage = usage;
    if (!(await this.write(res, events, turn.eventDelayMs, signal))) return;
    record.outcome = 'completed';
    res.end();
  }

  /** Writes events (with an optional delay before each); false when the connection went away meanwhile. */
  private async write(res: ServerResponse, events: SseEvent[], delayMs: number | undefined, signal: AbortSignal): Promise<boolean> {
    for (const e of events) {
      if (delayMs) await sleep(delayMs, undefined, { signal }).catch(() => undefined);
      if (signal.aborted || res.destroyed) return false;
      res.write(encodeSse(e));
    }
    return true;
  }

  /** Aborted when the client hangs up or the server stops, so timers never outlive the connection. */
  private signalFor(res: ServerResponse): AbortSignal {
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    return AbortSignal.any([controller.signal, this.stopping.signal]);
  }

  private sendError(res: ServerResponse, record: RecordedRequest, e: HttpErrorTurn['httpError']): void {
    record.outcome = 'http_error';
    const payload = JSON.stringify({ type: 'error', error: { type: e.type, message: e.message }, request_id: `req_fake_${record.index}` });
    res.writeHead(e.status, { 'content-type': 'application/json', 'request-id': `req_fake_${record.index}`, ...(e.headers ?? {}) });
    res.end(payload);
  }

  private sendJson(res: ServerResponse, record: RecordedRequest, status: number, value: unknown): void {
    record.outcome = 'completed';
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function safeParse(raw: string): WireRequestBody | undefined {
  try {
    return JSON.parse(raw) as WireRequestBody;
  } catch {
    return undefined;
  }
}
