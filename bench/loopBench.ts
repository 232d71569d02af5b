// Section 3: the agent loop's overhead, measured in a child process (loopOverheadChild.ts) with a forced GC.
import * as path from 'node:path';
import { runChild } from './childProcess';
import { FIRST_REQUEST_ONLY, type FirstRequestPhases, type LoopOverheadResult } from './loopOverheadChild';
import type { SectionResult } from './report';
import { median, summarize } from './stats';

/** "agent 12 ms, plan 20 ms, send 35 ms, on the wire 80 ms": where the time to the first request goes (cumulative). */
function phases(p: FirstRequestPhases): string {
  const ms = (v: number): string => `${Math.round(v)} ms`;
  return `agent file ${ms(p.agentLoaded)}, +PRP parse/plan ${ms(p.planned)}, +send() called ${ms(p.sendCalled)}, +received ${ms(p.arrived)}`;
}

export async function loopOverheadBench(): Promise<SectionResult> {
  const child = path.join(__dirname, 'loopOverheadChild.js');
  const r = await runChild<LoopOverheadResult>(child, { execArgv: ['--expose-gc'], timeoutMs: 5 * 60_000 });
  const unprepared = await runChild<FirstRequestPhases>(child, { args: [FIRST_REQUEST_ONLY], timeoutMs: 60_000 });
  const perCall = summarize(r.perToolCallMs);
  const perCallCpu = summarize(r.perToolCallCpuMs);
  const tools = summarize(r.toolExecutionMs);
  const growth = r.heapAfterRunBytes - r.heapBeforeBytes;
  const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;
  return {
    title: 'Agent loop overhead (500 tool calls, instant fake server)',
    method:
      'RunSession (as the CLI builds it) + real client/SDK in a child process, the fake server (scripted implementer, one tool call per turn) in another. ' +
      'Per tool call = time from a response arriving to the next request being handed to the client (the session and AgentRun, tool ' +
      'validation and execution on disk + ChangeSet overlay, events) + our request mapping (toMessageParams); SDK, HTTP and server time ' +
      'excluded; its CPU time is the process CPU over the same spans. First request = wall clock from reading the PRP and ' +
      'agent file, through parse, plan and RunSession.run, to the fake server receiving the request; the lazily loaded files ' +
      'are the shipped dist/runtime.js (the session, parser and planner), dist/libraries.js and dist/anthropicClient.js. Heap = heapUsed after ' +
      'two forced GCs (node --expose-gc).',
    rows: [
      { metric: 'tool calls / model requests', value: r.toolCalls, unit: 'count', note: `${r.modelRequests} requests, run ${r.status}, last request ${r.largestRequestTokens.toLocaleString('en-US')} tokens` },
      { metric: 'extension time per tool call, median', value: perCall.median, unit: 'ms', target: { op: '<', value: 2 } },
      { metric: 'extension time per tool call, p95', value: perCall.p95, unit: 'ms', note: `max ${perCall.max.toFixed(2)} ms` },
      { metric: 'extension CPU time per tool call, median', value: perCallCpu.median, unit: 'ms', target: { op: '<', value: 2 }, note: `p95 ${perCallCpu.p95.toFixed(2)} ms; process CPU over the same spans, all threads` },
      { metric: 'tool execution alone, median', value: tools.median, unit: 'ms', note: `p95 ${tools.p95.toFixed(3)} ms` },
      { metric: 'whole run, wall clock', value: r.runWallMs, unit: 'ms', note: `${Math.round(r.insideClientMs)} ms inside SDK + HTTP + server` },
      { metric: 'warm-up after activation (preloadForRun)', value: r.preloadMs, unit: 'ms', note: 'once the user shows intent (a PRP opened, the view shown, a chat request), in steps: dist/runtime.js, dist/libraries.js, parsers, dist/anthropicClient.js, fetch' },
      { metric: 'request to first model request, cold', value: r.firstRequestCold.arrived, unit: 'ms', target: { op: '<', value: 100 }, note: `first run in a fresh process after the warm-up: ${phases(r.firstRequestCold)}` },
      { metric: '  the same before the warm-up (right after activation)', value: unprepared.arrived, unit: 'ms', note: `another fresh process: ${phases(unprepared)}` },
      { metric: 'request to first model request, warm', value: median(r.firstRequestWarm.map((p) => p.arrived)), unit: 'ms', target: { op: '<', value: 100 }, note: `median of ${r.firstRequestWarm.length}` },
      { metric: 'heap growth over the run', value: growth, unit: 'bytes', target: { op: '<', value: 50 * 1024 * 1024 }, note: `${mb(r.heapBeforeBytes)} before, ${mb(r.heapAfterRunBytes)} after, run still referenced` },
      { metric: 'heap retained after the run is dropped', value: r.heapAfterReleaseBytes - r.heapBeforeBytes, unit: 'bytes' },
    ],
    details: {
      ...r,
      firstRequestUnprepared: unprepared,
      perToolCall: perCall,
      perToolCallCpu: perCallCpu,
      toolExecution: tools,
      byTool: Object.fromEntries(Object.entries(r.byTool).map(([name, ms]) => [name, summarize(ms)])),
      perToolCallMs: undefined,
      perToolCallCpuMs: undefined,
      toolExecutionMs: undefined,
    },
  };
}
