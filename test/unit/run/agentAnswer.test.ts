// Free text to the agent: one request with the agent prompt + PRP as system, the history, the plan and the
// question; no tools; the text streamed out.
import * as assert from 'node:assert/strict';
import type { ModelClient, ModelRequest, ModelStreamEvent } from '../../../src/core/llm/modelClient';
import type { Plan } from '../../../src/core/plan/todo';
import { answerQuestion, questionText } from '../../../src/core/run/agentAnswer';

const plan: Plan = {
  prpPath: 'PRPs/auth-api.md',
  title: 'JWT auth',
  todos: [{ id: 'a', content: 'Create src/routes/auth.ts', activeForm: 'Creating', status: 'completed', files: ['src/routes/auth.ts'] }],
};

class RecordingClient implements ModelClient {
  readonly label = 'recording';
  requests: ModelRequest[] = [];
  async send(request: ModelRequest, onEvent: (event: ModelStreamEvent) => void): Promise<{ content: { type: 'text'; text: string }[]; stopReason: 'end_turn'; usage: { inputTokens: number; outputTokens: number; cacheCreationInputTokens: number; cacheReadInputTokens: number }; model: string }> {
    this.requests.push(request);
    onEvent({ type: 'text', text: 'Task 1 ' });
    onEvent({ type: 'text', text: 'creates the router.' });
    return { content: [{ type: 'text', text: 'Task 1 creates the router.' }], stopReason: 'end_turn', usage: { inputTokens: 10, outputTokens: 5, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 }, model: request.model };
  }
}

describe('agent answer (free text)', () => {
  it('sends one tool-less request: agent prompt + PRP as cached system, history, then plan + staged + question', async () => {
    const client = new RecordingClient();
    const streamed: string[] = [];
    const answer = await answerQuestion({
      client,
      model: 'claude-sonnet-4-5',
      agentPrompt: 'You are dev-backend.',
      prp: { path: 'PRPs/auth-api.md', text: '# Auth PRP' },
      plan,
      staged: ['create src/routes/auth.ts'],
      history: [
        { role: 'user', content: [{ type: 'text', text: '/implement' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
      ],
      question: 'What does task 1 do?',
      maxTokens: 1000,
      onText: (t) => streamed.push(t),
    });
    assert.equal(answer.text, 'Task 1 creates the router.');
    assert.deepEqual(streamed, ['Task 1 ', 'creates the router.']);
    const [request] = client.requests;
    assert.deepEqual(request.tools, []);
    assert.equal(request.system.length, 2);
    assert.match(request.system[0].text, /^You are dev-backend\./);
    assert.match(request.system[1].text, /PRPs\/auth-api\.md[\s\S]*# Auth PRP/);
    assert.deepEqual(request.messages.map((m) => m.role), ['user', 'assistant', 'user']);
    const last = request.messages[2].content[0];
    assert.ok(last.type === 'text');
    assert.match(last.text, /- \[x\] Create src\/routes\/auth\.ts \(files: src\/routes\/auth\.ts\)/);
    assert.match(last.text, /- create src\/routes\/auth\.ts/);
    assert.match(last.text, /The user asks: What does task 1 do\?$/);
  });

  it('merges into a trailing user message, and works without a PRP or plan', async () => {
    const client = new RecordingClient();
    await answerQuestion({
      client,
      model: 'm',
      agentPrompt: 'Agent.',
      staged: [],
      history: [{ role: 'user', content: [{ type: 'text', text: 'earlier' }] }],
      question: 'hi',
      maxTokens: 10,
      onText: () => undefined,
    });
    const [request] = client.requests;
    assert.equal(request.messages.length, 1);
    assert.equal(request.messages[0].content.length, 2);
    assert.deepEqual(request.system, [{ text: 'Agent.', cache: true }]);
    assert.match(questionText({ staged: [], question: 'hi' }), /^No PRP is planned yet\.\n\nNo changes are staged\./);
  });
});
