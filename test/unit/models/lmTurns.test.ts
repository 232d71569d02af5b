import * as assert from 'node:assert/strict';
import type { ChatMessage } from '../../../src/core/llm/modelClient';
import { asInputObject, fromLmTurns, toLmTurns, type IncomingLmTurn } from '../../../src/vscode/models/lmTurns';

describe('toLmTurns (ModelClient messages -> Language Model API)', () => {
  it('puts the system blocks into one leading User turn', () => {
    const turns = toLmTurns([{ text: 'You are dev-backend.', cache: true }, { text: '' }, { text: '# PRP' }], [{ role: 'user', content: [{ type: 'text', text: 'Implement it' }] }]);
    assert.deepEqual(
      turns.map((t) => ({ role: t.role, parts: t.parts })),
      [
        { role: 'user', parts: [{ kind: 'text', text: 'You are dev-backend.\n\n# PRP' }] },
        { role: 'user', parts: [{ kind: 'text', text: 'Implement it' }] },
      ],
    );
    assert.equal(turns[0].source, undefined);
  });

  it('maps tool calls onto Assistant turns and tool results onto User turns, marking errors', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'go' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Reading.' },
          { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'src/app.ts' } },
          { type: 'tool_use', id: 'toolu_2', name: 'list_files', input: undefined },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', toolUseId: 'toolu_1', content: 'export {}' },
          { type: 'tool_result', toolUseId: 'toolu_2', content: 'No such folder', isError: true },
        ],
      },
    ];
    const turns = toLmTurns([], messages);
    assert.deepEqual(turns[1].parts, [
      { kind: 'text', text: 'Reading.' },
      { kind: 'toolCall', callId: 'toolu_1', name: 'read_file', input: { path: 'src/app.ts' } },
      { kind: 'toolCall', callId: 'toolu_2', name: 'list_files', input: {} },
    ]);
    assert.deepEqual(turns[2].parts, [
      { kind: 'toolResult', callId: 'toolu_1', text: 'export {}' },
      { kind: 'toolResult', callId: 'toolu_2', text: 'Error: No such folder' },
    ]);
    assert.equal(turns[2].source, messages[2], 'each turn remembers its message (token counts are cached per message)');
  });

  it('drops empty text and messages left empty', () => {
    const turns = toLmTurns([], [
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: '' }] },
    ]);
    assert.equal(turns.length, 1);
  });
});

describe('asInputObject', () => {
  it('keeps objects and wraps anything else', () => {
    assert.deepEqual(asInputObject({ a: 1 }), { a: 1 });
    assert.deepEqual(asInputObject(undefined), {});
    assert.deepEqual(asInputObject('x'), { value: 'x' });
    assert.deepEqual(asInputObject([1]), { value: [1] });
    assert.deepEqual(asInputObject(null), { value: null });
  });
});

describe('fromLmTurns (a provider request -> Messages API messages)', () => {
  const text = (t: string) => ({ kind: 'text' as const, text: t });

  it('turns system-role turns into system blocks', () => {
    const { system, messages } = fromLmTurns([
      { role: 'system', parts: [text('Be brief.')] },
      { role: 'user', parts: [text('hello')] },
    ]);
    assert.deepEqual(system, [{ text: 'Be brief.' }]);
    assert.deepEqual(messages, [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }]);
  });

  it('merges consecutive turns of one role and puts tool results first, in call order', () => {
    const turns: IncomingLmTurn[] = [
      { role: 'user', parts: [text('go')] },
      { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'a', name: 'read_file', input: { path: 'x' } }, { kind: 'toolCall', callId: 'b', name: 'search', input: {} }] },
      { role: 'user', parts: [text('note'), { kind: 'toolResult', callId: 'b', text: 'B' }] },
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'a', text: 'Error: A failed' }] },
    ];
    const { messages } = fromLmTurns(turns);
    assert.equal(messages.length, 3);
    assert.deepEqual(messages[2], {
      role: 'user',
      content: [
        { type: 'tool_result', toolUseId: 'a', content: 'Error: A failed', isError: true },
        { type: 'tool_result', toolUseId: 'b', content: 'B' },
        { type: 'text', text: 'note' },
      ],
    });
  });

  it('answers a tool call that got no result, so the API accepts the history', () => {
    const { messages } = fromLmTurns([
      { role: 'user', parts: [text('go')] },
      { role: 'assistant', parts: [text('Let me look.'), { kind: 'toolCall', callId: 'a', name: 'read_file', input: {} }] },
      { role: 'user', parts: [text('never mind')] },
      { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c', name: 'search', input: {} }] },
    ]);
    assert.deepEqual(messages[2].content[0], { type: 'tool_result', toolUseId: 'a', content: 'No result was recorded for this tool call.', isError: true });
    assert.deepEqual(messages[2].content[1], { type: 'text', text: 'never mind' });
    assert.equal(messages.length, 5, 'a trailing tool call gets a user message with its result');
    assert.deepEqual(messages[4], { role: 'user', content: [{ type: 'tool_result', toolUseId: 'c', content: 'No result was recorded for this tool call.', isError: true }] });
  });

  it('turns a result without a matching call into text, and drops parts in the wrong role', () => {
    const { messages } = fromLmTurns([
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'ghost', text: 'orphan' }, { kind: 'toolCall', callId: 'x', name: 'n', input: {} }] },
      { role: 'assistant', parts: [{ kind: 'toolResult', callId: 'y', text: 'ignored' }, text('ok')] },
    ]);
    assert.deepEqual(messages, [
      { role: 'user', content: [{ type: 'text', text: 'Result of tool call ghost:\norphan' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
    ]);
  });

  it('round-trips what toLmTurns produced (tool loop history)', () => {
    const original: ChatMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'go' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'read_file', input: { path: 'a.ts' } }] },
      { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', content: 'missing', isError: true }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
    ];
    const back = fromLmTurns(toLmTurns([], original).map((t) => ({ role: t.role, parts: t.parts })));
    assert.deepEqual(back.messages, [
      original[0],
      original[1],
      { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', content: 'Error: missing', isError: true }] },
      original[3],
    ]);
  });
});
