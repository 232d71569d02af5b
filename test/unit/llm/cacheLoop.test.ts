// A simulated tool loop through the real client and SDK against the fake server: the cache breakpoints the
// client places must make every request after the first read the conversation so far from the cache.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnthropicModelClient } from '../../../src/core/llm/anthropicClient';
import { costUsd } from '../../../src/core/llm/modelCatalog';
import { addUsage, emptyUsage, type ChatMessage, type ModelRequest, type ToolSpec, type Usage } from '../../../src/core/llm/modelClient';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import type { Turn } from '../../fakes/fakeTurns';
import type { WireRequestBody } from '../../fakes/messagesWire';
import { PromptCacheModel } from '../../fakes/promptCacheModel';

const ROOT = join(__dirname, '..', '..', '..', '..');
const MODEL = 'claude-sonnet-5-5';

const TOOLS: ToolSpec[] = ['todo_write', 'read_file', 'list_files', 'search', 'write_file', 'edit_file'].map((name) => ({
  name,
  description: `The ${name} tool.`,
  inputSchema: { type: 'object', properties: { path: { type: 'string' } } },
}));

function fileContent(path: string): string {
  return `// ${path}\n` + Array.from({ length: 60 }, (_, i) => `export const value${i} = ${i} * 2; // line ${i}`).join('\n');
}

/** Runs a tool loop until the model ends its turn; returns the usage of each response. */
async function runLoop(client: AnthropicModelClient, base: Omit<ModelRequest, 'messages'>): Promise<Usage[]> {
  const messages: ChatMessage[] = [{ role: 'user', content: [{ type: 'text', text: 'Implement the PRP.' }] }];
  const usages: Usage[] = [];
  for (let turn = 0; turn < 20; turn++) {
    const response = await client.send({ ...base, messages }, () => undefined);
    usages.push(response.usage);
    messages.push({ role: 'assistant', content: response.content });
    if (response.stopReason !== 'tool_use') break;
    messages.push({
      role: 'user',
      content: response.content.flatMap((b) =>
        b.type === 'tool_use' ? [{ type: 'tool_result' as const, toolUseId: b.id, content: fileContent(String((b.input as { path: string }).path)) }] : [],
      ),
    });
  }
  return usages;
}

function toUsage(u: { input_tokens: number; output_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number }): Usage {
  return {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    cacheCreationInputTokens: u.cache_creation_input_tokens,
    cacheReadInputTokens: u.cache_read_input_tokens,
  };
}

/** The same bodies with every cache_control removed, accounted on a fresh cache: the naive agent. */
function naiveUsage(bodies: WireRequestBody[]): Usage {
  const cache = new PromptCacheModel();
  const strip = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'cache_control' ? undefined : v))) as unknown;
  return bodies.reduce((total, body) => {
    const a = cache.account(strip(body) as WireRequestBody);
    return addUsage(total, { inputTokens: a.inputTokens, outputTokens: 0, cacheCreationInputTokens: a.cacheCreationInputTokens, cacheReadInputTokens: a.cacheReadInputTokens });
  }, emptyUsage());
}

describe('prompt caching across a tool loop (client + fake server)', () => {
  let server: FakeAnthropicServer;
  let client: AnthropicModelClient;
  const base: Omit<ModelRequest, 'messages'> = {
    model: MODEL,
    system: [
      { text: readFileSync(join(ROOT, 'agents', 'dev-backend.md'), 'utf8'), cache: true },
      { text: readFileSync(join(ROOT, 'test', 'fixtures', 'prps', 'auth-api.md'), 'utf8'), cache: true },
    ],
    tools: TOOLS,
    maxTokens: 4096,
  };

  beforeEach(async () => {
    server = new FakeAnthropicServer();
    client = new AnthropicModelClient({ apiKey: () => Promise.resolve('sk-ant-loop'), baseURL: await server.start(), maxRetries: 0 });
  });
  afterEach(() => server.stop());

  it('reads the growing prefix from the second request on, and usage matches the server', async () => {
    server.respondWith((_req, i): Turn =>
      i < 4 ? { text: `Step ${i}: reading.`, toolUses: [{ name: 'read_file', input: { path: `src/file${i}.ts` } }] } : { text: 'All tasks done.' },
    );
    const usages = await runLoop(client, base);
    assert.equal(usages.length, 5);

    const reported = server.messageRequests.map((r) => toUsage(r.usage ?? { input_tokens: -1, output_tokens: -1, cache_creation_input_tokens: -1, cache_read_input_tokens: -1 }));
    assert.deepEqual(usages, reported, 'the client returns exactly what the server reported');

    const totals = server.messageRequests.map((r) => r.accounting?.totalInputTokens ?? 0);
    assert.equal(usages[0].cacheReadInputTokens, 0);
    assert.ok(usages[0].cacheCreationInputTokens > 1024, 'the first request writes the prefix');
    for (let i = 1; i < usages.length; i++) {
      assert.ok(usages[i].cacheReadInputTokens > usages[i - 1].cacheReadInputTokens, `reads grow at request ${i}`);
      assert.ok(usages[i].cacheReadInputTokens >= totals[i - 1], `request ${i} reads all of request ${i - 1}`);
      assert.equal(usages[i].inputTokens, 0, 'nothing is left uncached after the moving breakpoint');
    }
    for (const r of server.messageRequests) assert.ok((r.accounting?.breakpoints.length ?? 0) <= 4);

    // Inside the loop (after the first request) most input comes from the cache.
    const loop = usages.slice(1).reduce(addUsage, emptyUsage());
    const loopInput = loop.inputTokens + loop.cacheCreationInputTokens + loop.cacheReadInputTokens;
    assert.ok(loop.cacheReadInputTokens / loopInput > 0.8, `cache share ${(loop.cacheReadInputTokens / loopInput).toFixed(3)}`);

    // And the input costs less than a naive agent sending the same transcript without breakpoints.
    const total = usages.reduce(addUsage, emptyUsage());
    const naive = naiveUsage(server.messageRequests.map((r) => r.body as WireRequestBody));
    assert.equal(naive.cacheReadInputTokens, 0);
    const inputCost = costUsd({ ...total, outputTokens: 0 }, MODEL);
    const naiveCost = costUsd(naive, MODEL);
    assert.ok(inputCost < naiveCost, `cached $${inputCost.toFixed(4)} vs naive $${naiveCost.toFixed(4)}`);
  });

  it('keeps reading when a turn adds more than 20 blocks (parallel tool calls)', async () => {
    const parallel = (i: number): Turn => ({
      toolUses: Array.from({ length: 12 }, (_, n) => ({ name: 'read_file', input: { path: `src/t${i}_${n}.ts` } })),
    });
    server.respondWith((_req, i) => (i < 3 ? parallel(i) : { text: 'Done.' }));
    const usages = await runLoop(client, base);
    assert.equal(usages.length, 4);
    const totals = server.messageRequests.map((r) => r.accounting?.totalInputTokens ?? 0);
    for (let i = 1; i < usages.length; i++) {
      assert.ok(usages[i].cacheReadInputTokens >= totals[i - 1], `request ${i} reads all of request ${i - 1}`);
    }
  });
});
