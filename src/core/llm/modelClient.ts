// The port between the agent loop and any model: Anthropic's Messages API, or VS Code's Language Model API.
// Shapes follow the Messages API closely so the Anthropic client is a thin mapping.

/** A JSON Schema object describing a tool's input. */
export interface JsonSchemaObject {
  type: 'object';
  properties: Record<string, unknown>;
  required?: string[];
  additionalProperties?: boolean;
}

export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: JsonSchemaObject;
}

export interface TextBlock {
  type: 'text';
  text: string;
}
export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
}
export interface ToolResultBlock {
  type: 'tool_result';
  toolUseId: string;
  content: string;
  isError?: boolean;
}
export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock;

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

/** A system prompt part. `cache: true` asks the client to put a cache breakpoint after it. */
export interface SystemBlock {
  text: string;
  cache?: boolean;
}

export interface ModelRequest {
  /** Resolved model id, e.g. "claude-sonnet-5-5". */
  model: string;
  system: SystemBlock[];
  messages: ChatMessage[];
  tools: ToolSpec[];
  maxTokens: number;
  signal?: AbortSignal;
}

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'pause_turn' | 'other';

/** Token usage of one request (Anthropic's four counters; other clients fill what they know). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
}

/** Streamed while a response arrives. */
export type ModelStreamEvent =
  /** A piece of assistant text. */
  | { type: 'text'; text: string }
  /** The model started a tool call; its input follows as JSON deltas. */
  | { type: 'tool_use_start'; id: string; name: string }
  /** A piece of a tool call's input JSON. */
  | { type: 'tool_input_delta'; id: string; partialJson: string }
  /** The client waits, then tries again (rate limit, overload, a stalled stream); `seconds` when known. */
  | { type: 'waiting'; message: string; seconds?: number };

export interface ModelResponse {
  content: ContentBlock[];
  stopReason: StopReason;
  usage: Usage;
  /** The model that answered, as the server named it. */
  model: string;
}

export interface ModelClient {
  /** Human-readable name for messages: "Anthropic (claude-sonnet-5-5)", "Copilot GPT-5". */
  readonly label: string;
  /** Streams one response; rejects with a `ModelError` on failure or cancellation. */
  send(request: ModelRequest, onEvent: (event: ModelStreamEvent) => void): Promise<ModelResponse>;
}

/** What went wrong, in categories the UI can act on. */
export type ModelErrorKind =
  | 'auth' // bad or missing key
  | 'permission'
  | 'rate_limit'
  | 'overloaded'
  | 'server'
  | 'network'
  | 'timeout'
  | 'context_too_long'
  | 'bad_request'
  | 'cancelled'
  | 'unknown';

const MODEL_ERROR: unique symbol = Symbol.for('dev-backend.ModelError');

/** A model failure with a message a user can act on. */
export class ModelError extends Error {
  /** dist/extension.js and dist/runtime.js each have a copy of this class: `instanceof` checks this mark instead. */
  readonly [MODEL_ERROR] = true;
  static [Symbol.hasInstance](value: unknown): value is ModelError {
    return typeof value === 'object' && value !== null && MODEL_ERROR in value;
  }

  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    /** Seconds to wait before retrying, when the server said. */
    readonly retryAfterSeconds?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheCreationInputTokens: a.cacheCreationInputTokens + b.cacheCreationInputTokens,
    cacheReadInputTokens: a.cacheReadInputTokens + b.cacheReadInputTokens,
  };
}
