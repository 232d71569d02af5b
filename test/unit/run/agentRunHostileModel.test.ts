// AgentRun against a model that misbehaves on purpose: inputs no code can walk, a plan "finished" by deleting it.
// The run and its staged work survive, and the model is told what was wrong.
import * as assert from 'node:assert/strict';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import { AnthropicModelClient } from '../../../src/core/llm/anthropicClient';
import type { Plan, Todo } from '../../../src/core/plan/todo';
import type { AgentEvent } from '../../../src/core/run/agentEvents';
import { AgentRun } from '../../../src/core/run/agentRun';
import { ALL_TOOL_NAMES } from '../../../src/core/tools';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';

function todo(content: string, status: Todo['status'] = 'pending'): Todo {
  return { id: content.toLowerCase().replace(/\W+/g, '-'), content, activeForm: content, status };
}

function plan(todos: Todo[]): Plan {
  return { prpPath: 'PRPs/p.md', title: 'P', todos };
}

function wire(todos: { content: string; status: string }[]): { todos: { content: string; status: string; activeForm: string }[] } {
  return { todos: todos.map((t) => ({ ...t, activeForm: t.content })) };
}

describe('AgentRun with a hostile model', function () {
  let server: FakeAnthropicServer;
  let temp: TempWorkspace;
  let events: AgentEvent[];

  beforeEach(async () => {
    server = new FakeAnthropicServer();
    await server.start();
    temp = await makeTempWorkspace({ 'src/app.ts': 'export const app = 1;\n' });
    events = [];
  });

  afterEach(async () => {
    await server.stop();
    await temp.cleanup();
  });

  function makeRun(start: Plan): { run: AgentRun; changes: ChangeSet } {
    const changes = new ChangeSet(temp.workspace);
    const client = new AnthropicModelClient({ apiKey: async () => 'sk-test', baseURL: server.baseURL, maxRetries: 0 });
    const run = new AgentRun({
      agent: { name: 'dev-backend', systemPrompt: 'You are a backend agent.', tools: ALL_TOOL_NAMES },
      model: 'claude-sonnet-5-5',
      prp: { path: 'PRPs/p.md', text: '# P\n' },
      plan: start,
      client,
      workspace: temp.workspace,
      changes,
      onEvent: (event) => events.push(event),
    });
    return { run, changes };
  }

  function toolResults(requestIndex: number): { content: unknown; is_error?: boolean }[] {
    const messages = server.messageRequests[requestIndex].body!.messages;
    const last = messages[messages.length - 1];
    return (last.content as { type: string; content: unknown; is_error?: boolean }[]).filter((b) => b.type === 'tool_result');
  }

  describe('tool inputs nested or sized beyond any schema', () => {
    it('answers an input nested 50,000 levels deep with an error, keeps the staged work, and carries on', async () => {
      const depth = 50_000;
      server.enqueue(
        { toolUses: [{ name: 'write_file', input: { path: 'src/new.ts', content: 'export const n = 1;\n' } }] },
        { toolUses: [{ name: 'read_file', input: {}, inputJson: `{"path":${'['.repeat(depth)}${']'.repeat(depth)}}` }], chunkSize: 1 << 20 },
        { toolUses: [{ name: 'read_file', input: { path: 'src/app.ts' } }] },
        { text: 'Done.' },
      );
      const { run, changes } = makeRun(plan([]));
      const outcome = await run.start();

      assert.equal(outcome.status, 'completed', outcome.reason);
      assert.equal(changes.get('src/new.ts')?.kind, 'create', 'the work staged before the bad call is still there');
      const [deep] = toolResults(2);
      assert.equal(deep.is_error, true);
      assert.match(String(deep.content), /^Invalid input for read_file: it is nested more than 32 levels deep, so the call was not run\./);
      // The transcript sent back carries a placeholder, so every later request could still be encoded.
      const resent = server.messageRequests[2].body!.messages.at(-2)!.content as { type: string; input?: unknown }[];
      assert.deepEqual(resent.find((b) => b.type === 'tool_use')?.input, {});
      assert.equal(toolResults(3)[0].is_error, undefined, 'the next call runs normally');
      const failed = events.find((e) => e.type === 'tool_end' && !e.ok);
      assert.ok(failed?.type === 'tool_end' && failed.name === 'read_file');
    });
  });

  describe('todo_write that would finish the plan by deleting it', () => {
    const open = [todo('Create src/a.ts'), todo('Create src/b.ts'), todo('Run the tests')];

    it('refuses an empty list while todos are open: the model is told, the todos stay, the run is not completed', async () => {
      server.enqueue({ toolUses: [{ name: 'todo_write', input: { todos: [] } }] }, { text: 'All done.' }, { text: 'Really done.' });
      const { run } = makeRun(plan(open));
      const outcome = await run.start();

      const [result] = toolResults(1);
      assert.equal(result.is_error, true);
      assert.match(String(result.content), /^The task list was not changed: this list leaves no open task, but it drops 3 open tasks that were never completed:/);
      assert.match(String(result.content), /- \[ \] Create src\/a\.ts\n- \[ \] Create src\/b\.ts\n- \[ \] Run the tests/);
      assert.deepEqual(run.plan.todos.map((t) => [t.content, t.status]), open.map((t) => [t.content, 'pending']));
      assert.equal(outcome.status, 'incomplete');
      assert.equal(outcome.openTodos.length, 3);
      assert.ok(!events.some((e) => e.type === 'todos'), 'no plan change was announced');
    });

    it('refuses a list that swaps the open todos for a completed one', async () => {
      const swap = wire([
        { content: 'Create src/a.ts', status: 'completed' },
        { content: 'Everything else', status: 'completed' },
      ]);
      server.enqueue({ toolUses: [{ name: 'todo_write', input: swap }] }, { text: 'All done.' }, { text: 'Really done.' });
      const { run } = makeRun(plan(open));
      const outcome = await run.start();
      assert.match(String(toolResults(1)[0].content), /drops 2 open tasks that were/);
      assert.equal(outcome.status, 'incomplete');
      assert.equal(run.plan.todos.length, 3);
    });

    it('still lets the model refine the plan while work stays open, and finish it by completing every todo', async () => {
      const refined = wire([
        { content: 'Create src/a.ts and src/b.ts', status: 'in_progress' },
        { content: 'Run the tests', status: 'pending' },
      ]);
      const finished = wire([
        { content: 'Create src/a.ts and src/b.ts', status: 'completed' },
        { content: 'Run the tests', status: 'completed' },
      ]);
      server.enqueue(
        { toolUses: [{ name: 'todo_write', input: refined }] },
        { toolUses: [{ name: 'todo_write', input: finished }] },
        { text: 'Done.' },
      );
      const { run } = makeRun(plan(open));
      const outcome = await run.start();
      assert.equal(toolResults(1)[0].is_error, undefined);
      assert.equal(toolResults(2)[0].is_error, undefined);
      assert.equal(outcome.status, 'completed', outcome.reason);
      assert.deepEqual(run.plan.todos.map((t) => t.content), ['Create src/a.ts and src/b.ts', 'Run the tests']);
    });
  });
});
