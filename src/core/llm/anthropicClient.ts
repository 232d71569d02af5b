// The ModelClient over Anthropic's Messages API: streaming with tools, cancellation, the SDK's own retries,
// prompt-cache breakpoints (anthropicRequest.ts) and errors a user can act on (anthropicErrors.ts).

import Anthropic, { type ClientOptions } from '@anthropic-ai/sdk';
import { AttemptWatch, type RetryWait } from './anthropicAttempts';
import { cancelledError, formatWait, missingKeyError, SET_KEY_HINT, toModelError, redact, type ErrorContext } from './anthropicErrors';
import { toMessageParams } from './anthropicRequest';
import { anthropicClientLabel } from './lazyAnthropicClient';
import {
  ModelError,
  type ContentBlock,
  type ModelClient,
  type ModelRequest,
  type ModelResponse,
  type ModelStreamEvent,
  type StopReason,
} from './modelClient';

export interface AnthropicClientOptions {
  /** Where the key comes from: SecretStorage in VS Code, ANTHROPIC_API_KEY elsewhere. Asked before each request. */
  apiKey: () => Promise<string | undefined>;
  /** API origin without /v1. Default: ANTHROPIC_BASE_URL, else the public API. */
  baseURL?: string;
  /** Retries of the SDK (429, 5xx, 529, connection errors). Default 2. */
  maxRetries?: number;
  /** Per-attempt timeout in ms. Default: the SDK's 10 minutes. */
  timeoutMs?: number;
  /** A fetch implementation (tests, proxies). Default: the global fetch. */
  fetch?: ClientOptions['fetch'];
  /** Longest silence from the server (before the answer starts or between its events), in ms. Default 90 s. */
  streamIdleTimeoutMs?: number;
  /** Longest `retry-after` the client waits through before a retry, in ms; longer ones fail at once. Default 60 s. */
  maxRetryWaitMs?: number;
}

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 90_000;
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;

export class AnthropicModelClient implements ModelClient {
  readonly label: string;
  private cached: { key: string; client: Anthropic } | undefined;

  constructor(private readonly options: AnthropicClientOptions) {
    this.label = anthropicClientLabel(options.baseURL);
  }

  async send(request: ModelRequest, onEvent: (event: ModelStreamEvent) => void): Promise<ModelResponse> {
    const key = await this.readKey();
    if (request.signal?.aborted) throw cancelledError();
    const client = this.clientFor(key);
    if (!isHttpUrl(client.baseURL)) {
      throw new ModelError(
        'network',
        `The Anthropic base URL "${client.baseURL}" is not an http(s) URL. Fix the devBackend.apiBaseUrl setting or ANTHROPIC_BASE_URL.`,
      );
    }
    const maxRetries = this.options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const idleMs = this.options.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS;
    const maxRetryWaitMs = this.options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
    const ctx = { baseURL: client.baseURL, apiKey: key, signal: request.signal, timeoutMs: this.options.timeoutMs, maxRetryWaitMs };
    // The SDK retries HTTP errors itself; a stream that went silent is retried here, as a whole new request.
    for (let attempt = 1; ; attempt++) {
      const watch = new AttemptWatch({ idleMs, maxRetryWaitMs, maxRetries, onRetryWait: (wait) => tell(onEvent, retryWaitEvent(wait)) });
      try {
        return await this.streamOnce(client, request, onEvent, watch, maxRetries, ctx);
      } catch (e) {
        if (!watch.stalled || request.signal?.aborted) throw e;
        if (attempt > maxRetries) throw stalledError(idleMs, attempt);
        tell(onEvent, {
          type: 'waiting',
          message: `The Anthropic API sent nothing for ${formatIdle(idleMs)}; trying again (attempt ${attempt + 1} of ${maxRetries + 1}).`,
        });
      } finally {
        watch.stop();
      }
    }
  }

  private async streamOnce(
    client: Anthropic,
    request: ModelRequest,
    onEvent: (event: ModelStreamEvent) => void,
    watch: AttemptWatch,
    maxRetries: number,
    ctx: ErrorContext,
  ): Promise<ModelResponse> {
    const toolIds = new Map<number, string>();
    let listenerError: unknown;
    const signal = request.signal ? AbortSignal.any([request.signal, watch.signal]) : watch.signal;
    try {
      const stream = client.messages.stream(toMessageParams(request), { signal, maxRetries, middleware: [watch.middleware] });
      stream.on('streamEvent', (event) => {
        try {
          forward(event, toolIds, onEvent);
        } catch (e) {
          // A failing consumer stops the stream; its own error is what the caller sees.
          listenerError ??= e;
          stream.abort();
        }
      });
      return toResponse(await stream.finalMessage());
    } catch (e) {
      if (listenerError !== undefined) throw listenerError;
      throw toModelError(e, ctx);
    }
  }

  private async readKey(): Promise<string> {
    let key: string | undefined;
    try {
      key = (await this.options.apiKey())?.trim();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new ModelError('auth', `Could not read the Anthropic API key: ${redact(message, undefined)}. ${SET_KEY_HINT}`);
    }
    if (!key) throw missingKeyError();
    return key;
  }

  /** One SDK client per key, rebuilt when the key changes. */
  private clientFor(key: string): Anthropic {
    if (this.cached?.key !== key) {
      const client = new Anthropic({
        apiKey: key,
        baseURL: this.options.baseURL || undefined,
        maxRetries: this.options.maxRetries,
        timeout: this.options.timeoutMs,
        fetch: this.options.fetch,
      });
      this.cached = { key, client };
    }
    return this.cached.client;
  }
}

/** What the UI shows while the SDK sleeps before its next attempt. */
function retryWaitEvent(wait: RetryWait): ModelStreamEvent {
  const why =
    wait.status === 429 ? 'Rate limited by Anthropic (429)' : wait.status === 529 ? 'Anthropic is overloaded (529)' : `The Anthropic API answered ${wait.status}`;
  const seconds = wait.waitMs === undefined ? undefined : Math.ceil(wait.waitMs / 1000);
  const when = seconds === undefined ? 'trying again shortly' : `waiting ${formatWait(seconds)} before trying again`;
  return {
    type: 'waiting',
    message: `${why}; ${when} (attempt ${wait.nextAttempt} of ${wait.attempts}).`,
    ...(seconds === undefined ? {} : { seconds }),
  };
}

/** A progress note; a consumer that fails on it must not change how the request is retried. */
function tell(onEvent: (event: ModelStreamEvent) => void, event: ModelStreamEvent): void {
  try {
    onEvent(event);
  } catch {
    // Progress only: the request goes on either way.
  }
}

function formatIdle(ms: number): string {
  return ms < 1000 ? `${ms} ms` : formatWait(Math.round(ms / 1000));
}

function stalledError(idleMs: number, attempts: number): ModelError {
  return new ModelError(
    'timeout',
    `The Anthropic API stopped sending: nothing arrived for ${formatIdle(idleMs)}${attempts > 1 ? `, ${attempts} times in a row` : ''}. ` +
      'Try again later, or check your network or proxy. The wait is the stream idle timeout (devBackend.streamIdleTimeoutSeconds; in the CLI --stream-idle-timeout).',
  );
}

function forward(event: Anthropic.MessageStreamEvent, toolIds: Map<number, string>, onEvent: (e: ModelStreamEvent) => void): void {
  if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
    toolIds.set(event.index, event.content_block.id);
    onEvent({ type: 'tool_use_start', id: event.content_block.id, name: event.content_block.name });
  } else if (event.type === 'content_block_delta') {
    if (event.delta.type === 'text_delta') {
      onEvent({ type: 'text', text: event.delta.text });
    } else if (event.delta.type === 'input_json_delta') {
      const id = toolIds.get(event.index);
      if (id !== undefined) onEvent({ type: 'tool_input_delta', id, partialJson: event.delta.partial_json });
    }
  }
}

function toResponse(message: Anthropic.Message): ModelResponse {
  const content: ContentBlock[] = [];
  for (const block of message.content) {
    if (block.type === 'text' && block.text !== '') content.push({ type: 'text', text: block.text });
    if (block.type === 'tool_use') content.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
  }
  const u = message.usage;
  return {
    content,
    stopReason: toStopReason(message.stop_reason),
    usage: {
      inputTokens: u.input_tokens ?? 0,
      outputTokens: u.output_tokens ?? 0,
      cacheCreationInputTokens: u.cache_creation_input_tokens ?? 0,
      cacheReadInputTokens: u.cache_read_input_tokens ?? 0,
    },
    model: message.model,
  };
}

function toStopReason(reason: Anthropic.StopReason | null): StopReason {
  switch (reason) {
    case 'end_turn':
    case 'tool_use':
    case 'max_tokens':
    case 'stop_sequence':
    case 'refusal':
    case 'pause_turn':
      return reason;
    case 'model_context_window_exceeded':
      return 'max_tokens'; // the reply was cut short, like max_tokens
    default:
      return 'other';
  }
}

function isHttpUrl(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

