// Chat history as model context, the PRP an earlier response worked on, and the followups after a turn.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { historyMessages, lastPrpPath } from '../../../src/vscode/chat/chatHistory';
import { followupsFor } from '../../../src/vscode/chat/chatTurn';

type Turn = vscode.ChatRequestTurn | vscode.ChatResponseTurn;

function request(prompt: string, command?: string): Turn {
  return { prompt, command, participant: 'dev-backend', references: [], toolReferences: [] } as unknown as vscode.ChatRequestTurn;
}

function response(parts: string[], metadata?: Record<string, unknown>): Turn {
  const response = parts.map((value) => ({ value: { value } }));
  return { response, result: { metadata }, participant: 'dev-backend' } as unknown as vscode.ChatResponseTurn;
}

describe('chat history', () => {
  it('turns requests into user messages (with their command) and responses into assistant messages', () => {
    const messages = historyMessages([request('', 'implement'), response(['**Done.** ', 'All tasks.']), request('why?')]);
    assert.deepEqual(messages, [
      { role: 'user', content: [{ type: 'text', text: '/implement' }] },
      { role: 'assistant', content: [{ type: 'text', text: '**Done.** All tasks.' }] },
      { role: 'user', content: [{ type: 'text', text: 'why?' }] },
    ]);
  });

  it('drops empty turns, merges same-role neighbours, starts with a user message, clips long turns', () => {
    const long = 'x'.repeat(50);
    const messages = historyMessages([response(['orphan']), request('a'), response([]), request('b'), response([long])], { turns: 12, charsPerTurn: 10 });
    assert.deepEqual(messages, [
      { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
      { role: 'assistant', content: [{ type: 'text', text: `${'x'.repeat(10)}\n[...]` }] },
    ]);
  });

  it('keeps only the last turns', () => {
    const turns = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? request(`q${i}`) : response([`a${i}`])));
    const messages = historyMessages(turns, { turns: 4, charsPerTurn: 100 });
    assert.deepEqual(messages.map((m) => (m.content[0].type === 'text' ? m.content[0].text : '')), ['q26', 'a27', 'q28', 'a29']);
  });

  it('finds the PRP of the newest response that had one', () => {
    assert.equal(lastPrpPath([response(['x'], { prpPath: 'PRPs/a.md' }), request('y'), response(['z'], { command: 'status' })]), 'PRPs/a.md');
    assert.equal(lastPrpPath([request('y')]), undefined);
  });
});

describe('followups', () => {
  it('offers Continue after a run that stopped short, and Review Changes while changes wait, each with its command', () => {
    assert.deepEqual(followupsFor({ command: 'implement', status: 'cancelled', openTodos: 3, staged: 2 }), [
      { prompt: '', command: 'continue', label: 'Continue' },
      { prompt: '', command: 'review', label: 'Review Changes' },
    ]);
    assert.deepEqual(followupsFor({ command: 'implement', status: 'completed', openTodos: 0, staged: 8 }), [{ prompt: '', command: 'review', label: 'Review Changes' }]);
    // A followup without a command is sent as free text: a question to the model the user did not ask.
    for (const f of followupsFor({ command: 'status', status: 'incomplete', openTodos: 1, staged: 1 })) assert.ok(f.command, `${f.label} has no command`);
    assert.deepEqual(followupsFor({ command: 'implement', status: 'failed', openTodos: 3, staged: 1, noContinue: true }), [
      { prompt: '', command: 'review', label: 'Review Changes' },
    ], 'a rejected key: Continue would fail the same way');
    assert.deepEqual(followupsFor({ command: 'plan', prpPath: 'PRPs/a.md' }), []);
    assert.deepEqual(followupsFor(undefined), []);
  });
});
