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
  /** Process CPU time (user + system, all threads, µs) at the call and at the response. */
  cpuAtCall: number;
  cpuAtResolve: number;
  /** CPU µs of the mapping measured here. */
  mappingCpu: number;
  /** tool_use blocks in the response. */
  toolCalls: number;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

export class TimedModelClient implements ModelClient {
  readonly sends: TimedSend[] = [];

  constructor(private readonly inner: ModelClient) {}

  get label(): string {
    return this.inner.label;
  }

  async send(request: ModelRequest, onEvent: (event: ModelStreamEvent) => void): Promise<ModelResponse> {
    const calledAt = performance.now();
    const cpuAtCall = cpuNow();
    // The client maps the request again inside send (our code, not the SDK's): time one mapping of the same request.
    const mapStart = performance.now();
    toMessageParams(request);
    const mappingMs = performance.now() - mapStart;
    const mappingCpu = cpuNow() - cpuAtCall;
    const response = await this.inner.send(request, onEvent);
    this.sends.push({
      calledAt,
      resolvedAt: performance.now(),
      cpuAtCall,
      cpuAtResolve: cpuNow(),
      mappingMs,
      mappingCpu,
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
  return perToolCall(sends, (prev, next) => next.calledAt - prev.resolvedAt + next.mappingMs);
}

/** The same spans in process CPU milliseconds: steadier than wall time when other processes compete for the CPU. */
export function perToolCallCpuMs(sends: readonly TimedSend[]): number[] {
  return perToolCall(sends, (prev, next) => (next.cpuAtCall - prev.cpuAtResolve + next.mappingCpu) / 1000);
}

function perToolCall(sends: readonly TimedSend[], span: (prev: TimedSend, next: TimedSend) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < sends.length; i++) {
    const calls = sends[i].toolCalls;
    if (calls === 0) continue;
    const each = span(sends[i], sends[i + 1]) / calls;
    for (let c = 0; c < calls; c++) out.push(each);
  }
  return out;
}
