// A ModelClient wrapper that timestamps each request, so the time between a response and the next request
// (AgentRun + tools + events: the extension's own work) can be told apart from the time inside the SDK and server.
import { toMessageParams } from '../src/core/llm/anthropicRequest';
import type { ModelClient, ModelRequest, ModelResponse, ModelStreamEvent } from '../src/core/llm/modelClient';

export interface TimedSend {
  /** performance.now() when AgentRun called send(). */
  calledAt: number;
  /** performance.now() when the response was handed back. */
  resolvedAt: number;
  /** Milliseconds our own request mapping (toMessageParams: transcript -> API params, breakpoints) takes for this request. */
  mappingMs: number;
  /** tool_use blocks in the response. */
  toolCalls: number;
}

export class TimedModelClient implements ModelClient {
  readonly sends: TimedSend[] = [];

  constructor(private readonly inner: ModelClient) {}

  get label(): string {
    return this.inner.label;
  }

  async send(request: ModelRequest, onEvent: (event: ModelStreamEvent) => void): Promise<ModelResponse> {
    const calledAt = performance.now();
    // The client maps the request again inside send (our code, not the SDK's): time one mapping of the same request.
    const mapStart = performance.now();
    toMessageParams(request);
    const mappingMs = performance.now() - mapStart;
    const response = await this.inner.send(request, onEvent);
    this.sends.push({
      calledAt,
      resolvedAt: performance.now(),
      mappingMs,
      toolCalls: response.content.filter((b) => b.type === 'tool_use').length,
    });
    return response;
  }
}

/**
 * Extension-side milliseconds per tool call: for each response with tool calls, the time from that response
 * arriving to the next request being handed to the client, plus the mapping of that next request, spread over
 * the response's tool calls.
 */
export function perToolCallMs(sends: readonly TimedSend[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < sends.length; i++) {
    const calls = sends[i].toolCalls;
    if (calls === 0) continue;
    const ms = sends[i + 1].calledAt - sends[i].resolvedAt + sends[i + 1].mappingMs;
    for (let c = 0; c < calls; c++) out.push(ms / calls);
  }
  return out;
}
