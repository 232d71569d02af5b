// Section 3, measured in a process of its own (run with --expose-gc): the agent loop's own cost per tool call,
// the time from a request to the first model request on the wire, and the heap a long run leaves behind.
// The fake server runs in another process (fakeServerProcess.ts) and answers at once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChangeSet } from '../src/core/changes/changeSet';
import { resolveModel } from '../src/core/llm/modelCatalog';
import type { Plan, Todo } from '../src/core/plan/todo';
import type { RunLimits } from '../src/core/run/agentRun';
import type { AgentDefinition } from '../src/core/agents';
import type { ModelClient } from '../src/core/llm/modelClient';
import { fixedModel, MemoryPlanRepository, MemoryTranscripts } from '../src/core/session/memoryPorts';
import type { RunSession, SessionEvent } from '../src/core/session/runSession';
import type { Workspace } from '../src/core/workspace/workspace';
import { NodeWorkspace } from '../src/core/workspace/nodeWorkspace';
import { generatedSource } from '../test/fakes/scriptedImplementer';
import { AUTH_PRP_PATH, bundledAgent, copyAuthWorkspace, repoRoot, tempFolder } from './benchFixtures';
import { reportToParent } from './childProcess';
import { LazyAnthropicModelClient } from '../src/core/llm/lazyAnthropicClient';
import { loadLibrariesAsShipped, loadShippedAnthropicClient, loadShippedRuntime } from './shippedLazyFiles';
import { startFakeServerProcess, type ServerHandle } from './fakeServerProcess';
import { wallClockMs } from './stats';
import { perToolCallCpuMs, perToolCallMs, TimedModelClient } from './timedModelClient';

/** Lines of each file the long run reads, edits or creates: enough to be real work, small enough to stay in a context window. */
const FILE_LINES = 40;
const TARGET_TOOL_CALLS = 500;
const WARM_FIRST_REQUEST_RUNS = 5;

export interface LoopOverheadResult {
  toolCalls: number;
  modelRequests: number;
  status: string;
  perToolCallMs: number[];
  /** The same spans in process CPU time. */
  perToolCallCpuMs: number[];
  toolExecutionMs: number[];
  /** Tool execution ms by tool name, "(error)" added when the tool returned an error (read_file of a new file). */
  byTool: Record<string, number[]>;
  runWallMs: number;
  /** Time inside client.send (SDK, HTTP, the fake server), summed. */
  insideClientMs: number;
  /** What the extension's warm-up does a few seconds after activation (preloadForRun), timed. */
  preloadMs: number;
  /** The first run in this process, after the warm-up. */
  firstRequestCold: FirstRequestPhases;
  firstRequestWarm: FirstRequestPhases[];
  heapBeforeBytes: number;
  heapAfterRunBytes: number;
  heapAfterReleaseBytes: number;
  largestRequestTokens: number;
  eventsHandled: number;
}

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc');
  collect();
  collect();
};
const heapUsed = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};

/** A plan whose scripted implementation makes exactly `calls` tool calls: per todo one todo_write and two calls per file, plus a final todo_write. */
export function planForToolCalls(calls: number): Plan {
  const todoCount = 49;
  const files = (calls - 1 - todoCount) / 2;
  if (!Number.isInteger(files)) throw new Error(`cannot script exactly ${calls} tool calls with ${todoCount} todos`);
  const todos: Todo[] = [];
  for (let i = 0; i < todoCount; i++) {
    const count = Math.floor(files / todoCount) + (i < files % todoCount ? 1 : 0);
    todos.push({
      id: `todo-${i + 1}`,
      content: `Implement module ${i + 1}`,
      activeForm: `Implementing module ${i + 1}`,
      status: 'pending',
      phase: 'Implementation',
      files: Array.from({ length: count }, (_, j) => `src/module${i + 1}/part${j + 1}.ts`),
    });
  }
  return { prpPath: 'PRPs/long.md', title: 'A long scripted run', todos };
}

/** The extension's Anthropic client over the shipped dist/anthropicClient.js, against the fake server. */
function shippedClient(server: ServerHandle): LazyAnthropicModelClient {
  const options = { apiKey: async () => 'sk-ant-bench', baseURL: server.baseURL, maxRetries: 0 };
  return new LazyAnthropicModelClient(options, () => loadShippedAnthropicClient(repoRoot()));
}

/** Milliseconds from "the user asked" to each step of starting a run; `arrived` is the fake server receiving the request. */
export interface FirstRequestPhases {
  agentLoaded: number;
  planned: number;
  sendCalled: number;
  arrived: number;
}

interface FirstRequestRun {
  /** Index of the run's first request at the server. */
  index: number;
  t0: number;
  phases: Omit<FirstRequestPhases, 'arrived'>;
  requests: number;
}

/** From "the user asked" to the request on the wire: read the PRP and agent, parse, plan, build the run, start it. */
async function firstRequestRun(server: ServerHandle, requestIndex: number): Promise<FirstRequestRun> {
  const temp = copyAuthWorkspace();
  try {
    const t0 = wallClockMs();
    const agent = bundledAgent();
    const agentLoaded = wallClockMs() - t0;
    const prpText = fs.readFileSync(path.join(temp.dir, AUTH_PRP_PATH), 'utf8');
    // The run machinery as the extension has it: dist/runtime.js, compiled here unless the warm-up loaded it.
    const { plan } = loadShippedRuntime(repoRoot()).planOfPrp(prpText, AUTH_PRP_PATH);
    const planned = wallClockMs() - t0;
    const workspace = new NodeWorkspace(temp.dir);
    const client = new TimedModelClient(shippedClient(server));
    const outcome = await benchSession(workspace, agent, client, { maxTurns: 200 }).run({ prp: { path: AUTH_PRP_PATH, text: prpText }, plan });
    if ('missingKey' in outcome) throw new Error('the bench client has a key');
    if (outcome.status !== 'completed') throw new Error(`the auth-api run ended ${outcome.status}: ${outcome.reason}`);
    const sendCalled = performance.timeOrigin + client.sends[0].calledAt - t0;
    return { index: requestIndex, t0, phases: { agentLoaded, planned, sendCalled }, requests: client.sends.length };
  } finally {
    temp.dispose();
  }
}

async function measure(): Promise<LoopOverheadResult> {
  const server = await startFakeServerProcess(FILE_LINES);
  const folder = tempFolder('dev-backend-bench-loop-');
  try {
    // Time to the first request: the first run in this process after the extension's warm-up (cold), then warm ones.
    const preloadStarted = wallClockMs();
    await loadShippedRuntime(repoRoot()).preloadForRun({ anthropicClient: true, loadAnthropicClient: () => loadShippedAnthropicClient(repoRoot()) });
    const preloadMs = wallClockMs() - preloadStarted;
    const starts: FirstRequestRun[] = [];
    for (let i = 0, sent = 0; i <= WARM_FIRST_REQUEST_RUNS; i++) {
      starts.push(await firstRequestRun(server, sent));
      sent += starts[i].requests;
    }

    // The long run: half of its files exist (read + edit), half are new (read fails, then write).
    const plan = planForToolCalls(TARGET_TOOL_CALLS);
    plan.todos.forEach((todo, i) => {
      for (const file of (todo.files ?? []).filter((_, j) => (i + j) % 2 === 0)) {
        fs.mkdirSync(path.dirname(path.join(folder.dir, file)), { recursive: true });
        fs.writeFileSync(path.join(folder.dir, file), generatedSource(file, FILE_LINES));
      }
    });
    const agent = bundledAgent();
    const heapBeforeBytes = heapUsed();
    const workspace = new NodeWorkspace(folder.dir);
    const client = new TimedModelClient(shippedClient(server));
    const toolStarted = new Map<string, number>();
    const toolExecutionMs: number[] = [];
    const byTool: Record<string, number[]> = {};
    let eventsHandled = 0;
    let session: RunSession | undefined = benchSession(workspace, agent, client, { maxTurns: 2 * TARGET_TOOL_CALLS, maxTokensPerRun: Number.MAX_SAFE_INTEGER });
    const longRun = {
      prp: { path: 'PRPs/long.md', text: fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'prps', 'auth-api.md'), 'utf8') },
      plan,
      onEvent: (event: SessionEvent) => {
        eventsHandled++;
        if (event.type === 'tool_start') toolStarted.set(event.id, performance.now());
        if (event.type === 'tool_end') {
          const ms = performance.now() - (toolStarted.get(event.id) ?? Number.NaN);
          toolExecutionMs.push(ms);
          (byTool[event.ok ? event.name : `${event.name} (error)`] ??= []).push(ms);
        }
      },
    };
    const runStart = performance.now();
    const report = await session.run(longRun);
    if ('missingKey' in report) throw new Error('the bench client has a key');
    const outcome = report;
    const runWallMs = performance.now() - runStart;
    const heapAfterRunBytes = heapUsed();
    session = undefined; // the UI drops the run (and its transcript and ChangeSet) when the user starts another
    const heapAfterReleaseBytes = heapUsed();

    const stats = await server.stop();
    const firstRequest = starts.map((s): FirstRequestPhases => ({ ...s.phases, arrived: stats.arrivals[s.index] - s.t0 }));
    const sends = client.sends;
    return {
      toolCalls: toolExecutionMs.length,
      modelRequests: sends.length,
      status: outcome.status,
      perToolCallMs: perToolCallMs(sends),
      perToolCallCpuMs: perToolCallCpuMs(sends),
      toolExecutionMs,
      byTool,
      runWallMs,
      insideClientMs: sends.reduce((sum, s) => sum + (s.resolvedAt - s.calledAt - s.mappingMs), 0),
      preloadMs,
      firstRequestCold: firstRequest[0],
      firstRequestWarm: firstRequest.slice(1),
      heapBeforeBytes,
      heapAfterRunBytes,
      heapAfterReleaseBytes,
      largestRequestTokens: stats.largestRequestTokens,
      eventsHandled,
    };
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  } finally {
    folder.dispose();
  }
}

/** A request in the first seconds after activation, before the warm-up: the first run compiles the lazily loaded files. */
async function measureFirstRequestUnprepared(): Promise<FirstRequestPhases> {
  const server = await startFakeServerProcess(FILE_LINES);
  try {
    const run = await firstRequestRun(server, 0);
    const stats = await server.stop();
    return { ...run.phases, arrived: stats.arrivals[run.index] - run.t0 };
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
}

export const FIRST_REQUEST_ONLY = '--first-request-only';

if (require.main === module) {
  // The files the extension ships and loads on first use, not their compiled sources.
  loadLibrariesAsShipped(repoRoot());
  if (process.argv.includes(FIRST_REQUEST_ONLY)) reportToParent(measureFirstRequestUnprepared);
  else reportToParent(measure);
}

/** The session the CLI builds, over the bench's workspace and client (plans and transcripts in memory). */
function benchSession(workspace: Workspace, agent: AgentDefinition, client: ModelClient, limits: Partial<RunLimits>): RunSession {
  return new (loadShippedRuntime(repoRoot()).RunSession)({
    changes: new ChangeSet(workspace),
    loadAgent: () => Promise.resolve(agent),
    models: fixedModel(client, resolveModel(agent.model)),
    transcripts: new MemoryTranscripts(),
    plans: new MemoryPlanRepository(),
    limits,
  });
}
