// What the fake Anthropic server answers, one scripted turn per request, and the SSE events of a reply.

import { countTokens } from './tokenRule';

/** Timing knobs every turn accepts. */
export interface TurnTiming {
  /** Wait this long before sending the response headers. */
  delayMs?: number;
  /** Wait this long before each SSE event (a slow stream). */
  eventDelayMs?: number;
}

export interface ScriptedToolUse {
  /** Default: toolu_<request>_<n>. */
  id?: string;
  name: string;
  input: unknown;
  /** The input's JSON text as streamed, instead of JSON.stringify(input): for inputs no encoder can write (50,000 levels deep). */
  inputJson?: string;
}

export type WireStopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'pause_turn';

/** A normal streamed reply: optional text, then tool calls whose input JSON streams in `chunkSize` pieces. */
export interface ReplyTurn extends TurnTiming {
  text?: string;
  toolUses?: ScriptedToolUse[];
  /** Default: `tool_use` when there are tool calls, else `end_turn`. */
  stopReason?: WireStopReason;
  /** Characters per text delta and per partial_json delta. Default 24. */
  chunkSize?: number;
  /** The model named in the reply; default: the requested model. */
  model?: string;
}

/** A non-stream JSON error response (401, 403, 413, 429 + retry-after, 500, 529 ...). */
export interface HttpErrorTurn extends TurnTiming {
  httpError: { status: number; type: string; message: string; headers?: Record<string, string> };
}

/** A stream that starts, optionally streams some text, then sends `event: error`. */
export interface StreamErrorTurn extends TurnTiming {
  streamError: { type: string; message: string };
  afterText?: string;
}

/** A stream that starts and never finishes until the client disconnects or the server stops. */
export interface HangTurn extends TurnTiming {
  hang: true;
  afterText?: string;
}

export type Turn = ReplyTurn | HttpErrorTurn | StreamErrorTurn | HangTurn;

export function isHttpErrorTurn(turn: Turn): turn is HttpErrorTurn {
  return 'httpError' in turn;
}
export function isStreamErrorTurn(turn: Turn): turn is StreamErrorTurn {
  return 'streamError' in turn;
}
export function isHangTurn(turn: Turn): turn is HangTurn {
  return 'hang' in turn && turn.hang === true;
}

/** The usage object as the wire carries it. */
export interface WireUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface ReplyContext {
  messageId: string;
  model: string;
  /** Input side of the usage, from the cache model; output tokens are counted here. */
  input: Omit<WireUsage, 'output_tokens'>;
  toolIdPrefix: string;
}

/** Content blocks a reply produces, as the final message would hold them. */
export function replyContent(turn: ReplyTurn, toolIdPrefix: string): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  if (turn.text) blocks.push({ type: 'text', text: turn.text });
  (turn.toolUses ?? []).forEach((t, i) =>
    blocks.push({ type: 'tool_use', id: t.id ?? `${toolIdPrefix}_${i + 1}`, name: t.name, input: t.input, ...(t.inputJson === undefined ? {} : { inputJson: t.inputJson }) }),
  );
  return blocks;
}

/** Output tokens of a reply under the token rule. */
export function outputTokens(content: Record<string, unknown>[]): number {
  return Math.max(1, content.reduce((sum, block) => sum + countTokens(block), 0));
}

export function messageStart(ctx: ReplyContext): SseEvent {
  return {
    event: 'message_start',
    data: {
      type: 'message_start',
      message: {
        id: ctx.messageId,
        type: 'message',
        role: 'assistant',
        model: ctx.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...ctx.input, output_tokens: 1 },
      },
    },
  };
}

/** Every SSE event of a normal reply, message_start to message_stop; returns them and the usage reported. */
export function replyEvents(turn: ReplyTurn, ctx: ReplyContext): { events: SseEvent[]; usage: WireUsage } {
  const content = replyContent(turn, ctx.toolIdPrefix);
  const chunk = Math.max(1, turn.chunkSize ?? 24);
  const events: SseEvent[] = [messageStart(ctx)];
  content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push(...textBlockEvents(index, String(block.text), chunk), blockStop(index));
      return;
    }
    events.push({
      event: 'content_block_start',
      data: { type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } },
    });
    const json = typeof block.inputJson === 'string' ? block.inputJson : JSON.stringify(block.input);
    for (const piece of split(json, chunk)) {
      events.push({
        event: 'content_block_delta',
        data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } },
      });
    }
    events.push(blockStop(index));
  });
  const usage: WireUsage = { ...ctx.input, output_tokens: outputTokens(content) };
  const stopReason = turn.stopReason ?? (turn.toolUses?.length ? 'tool_use' : 'end_turn');
  events.push(
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  );
  return { events, usage };
}

/** A text block opened and streamed but not stopped (for streams that fail or hang after some text). */
export function textBlockEvents(index: number, text: string, chunk = 24): SseEvent[] {
  return [
    { event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } } },
    ...split(text, chunk).map((piece) => ({
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } },
    })),
  ];
}

function blockStop(index: number): SseEvent {
  return { event: 'content_block_stop', data: { type: 'content_block_stop', index } };
}

/** Splits by code points so a delta never cuts a surrogate pair. */
function split(text: string, size: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out.length > 0 ? out : [''];
}

/** `event: NAME\ndata: ONE-LINE-JSON\n\n`. */
export function encodeSse(e: SseEvent): string {
  return `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}
