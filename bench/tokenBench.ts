// Section 4: the token bill of a full scripted implementation of the auth PRP, cached vs naive.
// The real RunSession, AgentRun, client and SDK talk to the fake server, whose cache model computes usage from the requests
// it receives (Anthropic's published rules, tokens by test/fakes/tokenRule.ts); nothing is assumed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChangeSet } from '../src/core/changes/changeSet';
import { AnthropicModelClient } from '../src/core/llm/anthropicClient';
import { costUsd, MODEL_ALIASES, resolveModel } from '../src/core/llm/modelCatalog';
import { addUsage, emptyUsage, type Usage } from '../src/core/llm/modelClient';
import { planFromPrp } from '../src/core/plan/offlinePlanner';
import { parsePrp } from '../src/core/prp/prpParser';
import { fixedModel, MemoryPlanRepository, MemoryTranscripts } from '../src/core/session/memoryPorts';
import { RunSession } from '../src/core/session/runSession';
import { NodeWorkspace } from '../src/core/workspace/nodeWorkspace';
import { FakeAnthropicServer, type RecordedRequest } from '../test/fakes/fakeAnthropicServer';
import type { WireRequestBody } from '../test/fakes/messagesWire';
import { scriptedImplementer } from '../test/fakes/scriptedImplementer';
import { AUTH_PRP_PATH, bundledAgent, copyAuthWorkspace } from './benchFixtures';
import { naiveInputUsage, totalInput } from './naiveUsage';
import type { BenchRow, SectionResult } from './report';
import { median } from './stats';

const SONNET = MODEL_ALIASES.sonnet;
const OPUS = MODEL_ALIASES.opus;

function toUsage(r: RecordedRequest): Usage {
  const u = r.usage;
  if (!u) throw new Error(`request #${r.index} has no usage (outcome ${r.outcome})`);
  return {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    cacheCreationInputTokens: u.cache_creation_input_tokens,
    cacheReadInputTokens: u.cache_read_input_tokens,
  };
}

const inputOnly = (u: Usage): Usage => ({ ...u, outputTokens: 0 });

export async function tokenCostBench(): Promise<SectionResult> {
  const temp = copyAuthWorkspace();
  const server = new FakeAnthropicServer();
  try {
    const agent = bundledAgent();
    const prpText = fs.readFileSync(path.join(temp.dir, AUTH_PRP_PATH), 'utf8');
    const prp = parsePrp(prpText);
    const prpTasks = prp.tasks.length;
    const plan = planFromPrp(prp, AUTH_PRP_PATH);
    server.respondWith(scriptedImplementer());
    const client = new AnthropicModelClient({ apiKey: async () => 'sk-ant-bench', baseURL: await server.start(), maxRetries: 0 });
    const changes = new ChangeSet(new NodeWorkspace(temp.dir));
    let toolCalls = 0;
    const session = new RunSession({
      changes,
      loadAgent: () => Promise.resolve(agent),
      models: fixedModel(client, resolveModel(agent.model)),
      transcripts: new MemoryTranscripts(),
      plans: new MemoryPlanRepository(),
      limits: { maxTurns: 200 },
    });
    const outcome = await session.run({
      prp: { path: AUTH_PRP_PATH, text: prpText },
      onEvent: (e) => {
        if (e.type === 'tool_start') toolCalls++;
      },
    });
    if ('missingKey' in outcome) throw new Error('the bench client has a key');
    if (outcome.status !== 'completed') throw new Error(`the scripted run ended ${outcome.status}: ${outcome.reason}`);

    const requests = server.messageRequests;
    const perRequest = requests.map(toUsage);
    const cached = perRequest.reduce(addUsage, emptyUsage());
    const loop = perRequest.slice(1).reduce(addUsage, emptyUsage());
    const naive = naiveInputUsage(requests.map((r) => r.body as WireRequestBody));
    const loopCacheShare = (100 * loop.cacheReadInputTokens) / totalInput(loop);
    const overallCacheShare = (100 * cached.cacheReadInputTokens) / totalInput(cached);
    const inputCostRatio = costUsd(inputOnly(cached), SONNET) / costUsd(naive, SONNET);
    const withOutput = (u: Usage): Usage => ({ ...u, outputTokens: cached.outputTokens });

    const rows: BenchRow[] = [
      { metric: 'plan todos (offline planner)', value: plan.todos.length, unit: 'count', note: `${prpTasks} PRP tasks` },
      { metric: 'model requests', value: requests.length, unit: 'count' },
      { metric: 'tool calls', value: toolCalls, unit: 'count', note: `${changes.size} files staged` },
      { metric: 'input tokens, uncached', value: cached.inputTokens, unit: 'tokens' },
      { metric: 'input tokens, cache write', value: cached.cacheCreationInputTokens, unit: 'tokens' },
      { metric: 'input tokens, cache read', value: cached.cacheReadInputTokens, unit: 'tokens' },
      { metric: 'output tokens', value: cached.outputTokens, unit: 'tokens' },
      { metric: 'naive: input tokens, all uncached', value: totalInput(naive), unit: 'tokens' },
      { metric: 'input served from cache, inside the tool loop', value: loopCacheShare, unit: 'percent', target: { op: '>=', value: 90 }, note: `requests 2..${requests.length}` },
      { metric: 'input served from cache, whole run', value: overallCacheShare, unit: 'percent' },
      { metric: 'input cost / naive input cost', value: inputCostRatio, unit: 'ratio', target: { op: '<=', value: 0.25 } },
      { metric: `Sonnet (${SONNET}) input cost`, value: costUsd(inputOnly(cached), SONNET), unit: 'usd', note: `naive $${costUsd(naive, SONNET).toFixed(4)}` },
      { metric: `Sonnet (${SONNET}) total cost`, value: costUsd(cached, SONNET), unit: 'usd', note: `naive $${costUsd(withOutput(naive), SONNET).toFixed(4)}` },
      { metric: `Opus (${OPUS}) input cost`, value: costUsd(inputOnly(cached), OPUS), unit: 'usd', note: `naive $${costUsd(naive, OPUS).toFixed(4)}` },
      { metric: `Opus (${OPUS}) total cost`, value: costUsd(cached, OPUS), unit: 'usd', note: `naive $${costUsd(withOutput(naive), OPUS).toFixed(4)}` },
      { metric: 'total cost / naive total cost (Opus)', value: costUsd(cached, OPUS) / costUsd(withOutput(naive), OPUS), unit: 'ratio' },
    ];
    return {
      title: 'Token cost: scripted implementation of auth-api.md',
      method:
        'the real RunSession (as the CLI builds it) + Anthropic client + SDK against the fake server running the scripted implementer on a copy of ' +
        'test/fixtures/workspace; usage is what the server computed from the requests it received under the cache rules ' +
        '(tokens = ceil(canonical-JSON bytes / 4)); naive = the same bodies without cache_control on a fresh cache model. ' +
        'Cost: cache write 1.25x, read 0.1x input price.',
      rows,
      details: {
        outcome: { status: outcome.status, turns: outcome.turns },
        cached,
        naive,
        loop,
        cacheWritePerRequestMedian: median(perRequest.slice(1).map((u) => u.cacheCreationInputTokens)),
        perRequest: requests.map((r, i) => ({ ...perRequest[i], breakpoints: r.accounting?.breakpoints ?? [] })),
      },
    };
  } finally {
    await server.stop();
    temp.dispose();
  }
}
