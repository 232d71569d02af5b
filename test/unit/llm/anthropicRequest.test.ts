import * as assert from 'node:assert/strict';
import { toMessageParams } from '../../../src/core/llm/anthropicRequest';
import type { ChatMessage, ModelRequest, ToolSpec } from '../../../src/core/llm/modelClient';

const tool = (name: string): ToolSpec => ({
  name,
  description: `${name} tool`,
  inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
});

function request(partial: Partial<ModelRequest>): ModelRequest {
  return {
    model: 'claude-sonnet-5-5',
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    tools: [],
    maxTokens: 1000,
    ...partial,
  };
}

/** Every object in the params that carries cache_control, as "where" strings. */
function breakpoints(params: unknown, path = ''): string[] {
  if (Array.isArray(params)) return params.flatMap((v, i) => breakpoints(v, `${path}[${i}]`));
  if (params !== null && typeof params === 'object') {
    const obj = params as Record<string, unknown>;
    const own = obj.cache_control ? [path] : [];
    return [...own, ...Object.entries(obj).flatMap(([k, v]) => (k === 'cache_control' ? [] : breakpoints(v, path ? `${path}.${k}` : k)))];
  }
  return [];
}

const loop: ChatMessage[] = [
  { role: 'user', content: [{ type: 'text', text: 'Implement the PRP' }] },
  { role: 'assistant', content: [{ type: 'text', text: 'Reading.' }, { type: 'tool_use', id: 't1', name: 'read_file', input: { path: 'a.ts' } }] },
  { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', content: 'export {}' }] },
  { role: 'assistant', content: [{ type: 'tool_use', id: 't2', name: 'read_file', input: { path: 'b.ts' } }] },
  { role: 'user', content: [{ type: 'tool_result', toolUseId: 't2', content: 'nope', isError: true }] },
];

describe('toMessageParams', () => {
  it('maps messages, tool calls, tool results and tools to the API shape', () => {
    const params = toMessageParams(request({ messages: loop, tools: [tool('read_file')], system: [{ text: 'You are dev-backend.' }] }));
    assert.equal(params.model, 'claude-sonnet-5-5');
    assert.equal(params.max_tokens, 1000);
    assert.deepEqual(params.system, [{ type: 'text', text: 'You are dev-backend.' }]);
    assert.deepEqual(params.tools?.[0], {
      name: 'read_file',
      description: 'read_file tool',
      input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
      cache_control: { type: 'ephemeral' },
    });
    assert.deepEqual(params.messages[1], {
      role: 'assistant',
      content: [{ type: 'text', text: 'Reading.' }, { type: 'tool_use', id: 't1', name: 'read_file', input: { path: 'a.ts' } }],
    });
    // messages[2] ended the previous request: it keeps a breakpoint too (see the placement test).
    assert.deepEqual(params.messages[2].content, [
      { type: 'tool_result', tool_use_id: 't1', content: 'export {}', cache_control: { type: 'ephemeral' } },
    ]);
    const last = params.messages[4].content;
    assert.ok(Array.isArray(last));
    assert.deepEqual(last[0], { type: 'tool_result', tool_use_id: 't2', content: 'nope', is_error: true, cache_control: { type: 'ephemeral' } });
  });

  it('omits system and tools when empty, and never sends sampling parameters', () => {
    const params = toMessageParams(request({}));
    assert.ok(!('system' in params));
    assert.ok(!('tools' in params));
    assert.ok(!('temperature' in params));
  });

  it('places breakpoints on the last tool, cached system blocks, the last message block and the previous turn end', () => {
    const params = toMessageParams(
      request({ messages: loop, tools: [tool('a'), tool('b')], system: [{ text: 'agent', cache: true }, { text: 'plan' }] }),
    );
    assert.deepEqual(breakpoints(params), ['messages[2].content[0]', 'messages[4].content[0]', 'system[0]', 'tools[1]']);
  });

  it('moves the message breakpoint to the newest block as the loop grows', () => {
    const first = toMessageParams(request({ messages: loop.slice(0, 1) }));
    assert.deepEqual(breakpoints(first), ['messages[0].content[0]']);
    const third = toMessageParams(request({ messages: loop.slice(0, 3) }));
    assert.deepEqual(breakpoints(third), ['messages[0].content[0]', 'messages[2].content[0]']);
  });

  it('never uses more than 4 breakpoints, keeping the two message ones and the later prefix ones', () => {
    const system = [1, 2, 3, 4, 5].map((n) => ({ text: `part ${n}`, cache: true }));
    const params = toMessageParams(request({ messages: loop, tools: [tool('a')], system }));
    assert.deepEqual(breakpoints(params), ['messages[2].content[0]', 'messages[4].content[0]', 'system[3]', 'system[4]']);
    const firstTurn = toMessageParams(request({ messages: loop.slice(0, 1), tools: [tool('a')], system }));
    assert.deepEqual(breakpoints(firstTurn), ['messages[0].content[0]', 'system[2]', 'system[3]', 'system[4]']);
  });

  it('gives the previous turn end priority over the tools breakpoint when the budget is full', () => {
    const params = toMessageParams(
      request({ messages: loop, tools: [tool('a')], system: [{ text: 'agent', cache: true }, { text: 'prp', cache: true }] }),
    );
    assert.deepEqual(breakpoints(params), ['messages[2].content[0]', 'messages[4].content[0]', 'system[0]', 'system[1]']);
  });

  it('drops empty text blocks (the API rejects them) and puts the breakpoint on a real block', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'go' }] },
      { role: 'assistant', content: [{ type: 'text', text: '' }] },
      { role: 'user', content: [{ type: 'text', text: 'more' }, { type: 'text', text: '' }] },
    ];
    const params = toMessageParams(request({ messages }));
    assert.equal(params.messages.length, 2);
    assert.deepEqual(params.messages[1], { role: 'user', content: [{ type: 'text', text: 'more', cache_control: { type: 'ephemeral' } }] });
  });

  it('does not mutate the caller request', () => {
    const req = request({ messages: structuredClone(loop), tools: [tool('a')], system: [{ text: 's', cache: true }] });
    const before = JSON.stringify(req);
    toMessageParams(req);
    assert.equal(JSON.stringify(req), before);
  });
});
