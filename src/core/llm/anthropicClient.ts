// The ModelClient over Anthropic's Messages API: streaming with tools, cancellation, the SDK's own retries,
// prompt-cache breakpoints (anthropicRequest.ts) and errors a user can act on (anthropicErrors.ts).

import Anthropic, { type ClientOptions } from '@anthropic-ai/sdk';
import { cancelledError, missingKeyError, SET_KEY_HINT, toModelError, redact } from './anthropicErrors';
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
}

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
    const ctx = { baseURL: client.baseURL, apiKey: key, signal: request.signal, timeoutMs: this.options.timeoutMs };
    const toolIds = new Map<number, string>();
    let listenerError: unknown;
    try {
      const stream = client.messages.stream(toMessageParams(request), { signal: request.signal });
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

