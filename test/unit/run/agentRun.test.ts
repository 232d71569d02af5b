// AgentRun against the fake Anthropic server through the real SDK: full runs, limits, failures, cancellation.
import * as assert from 'node:assert/strict';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import { AnthropicModelClient } from '../../../src/core/llm/anthropicClient';
import type { Plan, Todo } from '../../../src/core/plan/todo';
import type { AgentEvent, RunOutcome } from '../../../src/core/run/agentEvents';
import { AgentRun, type AgentRunOptions } from '../../../src/core/run/agentRun';
import { ALL_TOOL_NAMES, type ToolName } from '../../../src/core/tools';
import { CommandRunner } from '../../../src/core/commands/commandRunner';
import { RecordingConsent, settings as commandSettings } from '../commands/commandFixtures';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import { scriptedImplementer } from '../../fakes/scriptedImplementer';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';

const APP_TS = `import express from 'express';\nimport { notesRouter } from './routes/notes';\n\nexport const app = express();\napp.use(express.json());\napp.use('/notes', notesRouter);\n`;

function todo(content: string, files: string[] = [], phase = 'Implementation'): Todo {
  return { id: content.toLowerCase().replace(/\W+/g, '-'), content, activeForm: content, status: 'pending', phase, files };
}

function samplePlan(): Plan {
  return {
    prpPath: 'PRPs/auth-api.md',
    title: 'JWT authentication for the notes API',
    todos: [
      todo('Create src/config/auth.ts', ['src/config/auth.ts']),
      todo('Create src/middleware/requireAuth.ts', ['src/middleware/requireAuth.ts']),
      todo('Modify src/app.ts', ['src/app.ts']),
      todo('Run Level 1: Syntax & Style', [], 'Validation'),
    ],
  };
}

describe('AgentRun', function () {
  let server: FakeAnthropicServer;
  let temp: TempWorkspace;
  let events: AgentEvent[];

  beforeEach(async () => {
    server = new FakeAnthropicServer({ requireKey: 'sk-test-key' });
    await server.start();
    temp = await makeTempWorkspace({ 'src/app.ts': APP_TS, 'PRPs/auth-api.md': '# PRP\n' });
    events = [];
  });

  afterEach(async () => {
    await server.stop();
    await temp.cleanup();
  });

  function makeRun(overrides: Partial<AgentRunOptions> = {}, key = 'sk-test-key'): { run: AgentRun; changes: ChangeSet } {
    const changes = new ChangeSet(temp.workspace);
    const client = new AnthropicModelClient({ apiKey: async () => key, baseURL: server.baseURL, maxRetries: 0 });
    const run = new AgentRun({
      agent: { name: 'dev-backend', systemPrompt: 'You are a backend agent.', tools: ALL_TOOL_NAMES },
      model: 'claude-sonnet-5-5',
      prp: { path: 'PRPs/auth-api.md', text: '# JWT authentication\n\n## Goal\nAdd auth.\n' },
      plan: samplePlan(),
      client,
      workspace: temp.workspace,
      changes,
      onEvent: (event) => events.push(event),
      ...overrides,
    });
    return { run, changes };
  }

  it('implements the plan: staged files, completed todos, nothing on disk, usage equal to the server\'s', async () => {
    server.respondWith(scriptedImplementer({ fileLines: 30 }));
    const { run, changes } = makeRun();
    const outcome = await run.start();

    assert.equal(outcome.status, 'completed', outcome.reason);
    assert.deepEqual(outcome.openTodos, []);
    assert.ok(run.plan.todos.every((t) => t.status === 'completed'));
    const entries = changes.entries().map((e) => [e.path, e.kind]);
    assert.deepEqual(entries.sort(), [
      ['src/app.ts', 'edit'],
      ['src/config/auth.ts', 'create'],
      ['src/middleware/requireAuth.ts', 'create'],
    ]);
    // Staged, never written: disk still has the original app.ts and no new files.
    assert.equal((await temp.bytes('src/app.ts'))?.toString(), APP_TS);
    assert.equal(await temp.bytes('src/config/auth.ts'), undefined);
    // Each change remembers the todo that was in progress.
    assert.deepEqual(changes.get('src/app.ts')?.todoIds, ['modify-src-app-ts']);

    const server_ = server.totalUsage();
    assert.deepEqual(outcome.usage, {
      inputTokens: server_.input_tokens,
      outputTokens: server_.output_tokens,
      cacheCreationInputTokens: server_.cache_creation_input_tokens,
      cacheReadInputTokens: server_.cache_read_input_tokens,
    });
    assert.ok(outcome.costUsd > 0);
    assert.ok(outcome.usageByTodo && Object.keys(outcome.usageByTodo).includes('modify-src-app-ts'));

    const types = events.map((e) => e.type);
    assert.equal(types[types.length - 1], 'done');
    assert.ok(types.includes('todos') && types.includes('change_staged') && types.includes('tool_start'));
    const reading = events.find((e) => e.type === 'tool_start' && e.name === 'read_file');
    assert.equal(reading?.type === 'tool_start' ? reading.summary : '', 'Reading src/config/auth.ts');
  });

  it("cannot complete a Validation gate todo with todo_write: the run completes, the gate stays pending, the model is told why", async () => {
    server.respondWith(scriptedImplementer({ fileLines: 10 }));
    const plan = samplePlan();
    plan.todos[3] = { ...plan.todos[3], gate: { level: 1 } };
    const { run } = makeRun({ plan });
    const outcome = await run.start();
    assert.equal(outcome.status, 'completed', outcome.reason);
    assert.deepEqual(outcome.openTodos.map((t) => t.gate?.level), [1], 'only the gate is open');
    const gateTodo = run.plan.todos.find((t) => t.gate);
    assert.equal(gateTodo?.status, 'pending');
    assert.deepEqual(gateTodo?.gate, { level: 1 });
    const answers = server.messageRequests.flatMap((_, k) => toolResults(server, k)).map((r) => JSON.stringify(r.content));
    assert.ok(answers.some((a) => a.includes('completed by the harness when their commands pass')), answers.join('\n'));
  });

  it('sends the PRP and agent prompt as cached system blocks and a moving breakpoint on the last message', async () => {
    server.respondWith(scriptedImplementer({ fileLines: 30 }));
    const { run } = makeRun();
    await run.start();
    const bodies = server.messageRequests.map((r) => r.body!);
    assert.ok(bodies.length > 5);
    for (const body of bodies) {
      const system = body.system as { text: string; cache_control?: unknown }[];
      assert.ok(system[0].text.startsWith('You are a backend agent.'));
      assert.ok(system[1].text.includes('# JWT authentication'));
      assert.ok(system.every((b) => b.cache_control));
      const last = body.messages[body.messages.length - 1];
      const blocks = last.content as { cache_control?: unknown }[];
      assert.ok(blocks[blocks.length - 1].cache_control, 'last block of the last message carries a breakpoint');
    }
    // From the third request on, the conversation so far is read from the cache.
    const reads = server.messageRequests.slice(2).map((r) => r.usage?.cache_read_input_tokens ?? 0);
    assert.ok(reads.every((n) => n > 0), `cache reads: ${reads.join(',')}`);
  });

  it('offers run_command only with a command runner; its staged files become change_staged events', async () => {
    server.enqueue({ text: 'nothing to do' }, { text: 'still nothing' });
    await makeRun().run.start();
    const withoutRunner = (server.messageRequests[0].body!.tools ?? []).map((t) => t.name);
    assert.ok(!withoutRunner.includes('run_command'));

    server.enqueue(
      { toolUses: [{ name: 'run_command', input: { command: 'echo made > made.txt' } }] },
      { text: 'done' },
      { text: 'done' },
    );
    const changes = new ChangeSet(temp.workspace);
    const commands = new CommandRunner({
      changes,
      consent: new RecordingConsent('run'),
      settings: commandSettings({ useSandbox: false }),
      support: () => Promise.resolve({ overlay: false, sandbox: false }),
    });
    events = [];
    try {
      await makeRun({ changes, commands }).run.start();
    } finally {
      await commands.dispose();
    }
    const offered = (server.messageRequests[2].body!.tools ?? []).map((t) => t.name);
    assert.ok(offered.includes('run_command'));
    assert.deepEqual(
      events.filter((e) => e.type === 'change_staged').map((e) => e.type === 'change_staged' && e.change.path),
      ['made.txt'],
    );
    assert.equal(await temp.bytes('made.txt'), undefined);
  });

  it('offers only the agent\'s tools and refuses calls to others', async () => {
    const tools: ToolName[] = ['read_file', 'todo_write'];
    server.enqueue(
      { toolUses: [{ name: 'write_file', input: { path: 'x.ts', content: 'x' } }] },
      { text: 'I cannot write files.' },
      { text: 'Still cannot.' },
    );
    const { run, changes } = makeRun({ agent: { name: 'reader', systemPrompt: 'Read only.', tools } });
    const outcome = await run.start();
    const offered = (server.messageRequests[0].body!.tools ?? []).map((t) => t.name);
    assert.deepEqual(offered, tools);
    const result = toolResults(server, 1)[0];
    assert.equal(result.is_error, true);
    assert.match(String(result.content), /no tool named "write_file"/);
    assert.equal(changes.size, 0);
    assert.equal(outcome.status, 'incomplete');
  });

  it('returns invalid tool input to the model as an error and carries on', async () => {
    server.enqueue(
      { toolUses: [{ name: 'edit_file', input: { path: 'src/app.ts', old_string: 42 } }] },
      { toolUses: [{ name: 'edit_file', input: { path: 'src/app.ts', old_string: 'app.use(', new_string: 'x' } }] },
      { text: 'Giving up.' },
      { text: 'Really giving up.' },
    );
    const { run, changes } = makeRun();
    const outcome = await run.start();
    const first = toolResults(server, 1)[0];
    assert.equal(first.is_error, true);
    assert.match(String(first.content), /Invalid input for edit_file/);
    const second = toolResults(server, 2)[0];
    assert.equal(second.is_error, true);
    assert.match(String(second.content), /occurs 2 times/);
    assert.equal(changes.size, 0);
    assert.equal((await temp.bytes('src/app.ts'))?.toString(), APP_TS);
    assert.equal(outcome.status, 'incomplete');
  });

  it('stops when the model repeats the same failing call three times', async () => {
    const bad = { toolUses: [{ name: 'read_file', input: { path: '../outside.txt' } }] };
    server.enqueue(bad, bad, bad, bad, bad);
    const { run } = makeRun();
    const outcome = await run.start();
    assert.equal(outcome.status, 'limit');
    assert.match(outcome.reason, /same failing read_file call three times/);
    assert.equal(server.messageRequests.length, 3);
  });

  it('asks once to finish when todos are open, then reports what is left', async () => {
    server.respondWith(scriptedImplementer({ fileLines: 10, stopAfterTasks: 1 }));
    const { run } = makeRun();
    const outcome = await run.start();
    assert.equal(outcome.status, 'incomplete');
    assert.deepEqual(outcome.openTodos.map((t) => t.content), [
      'Create src/middleware/requireAuth.ts',
      'Modify src/app.ts',
      'Run Level 1: Syntax & Style',
    ]);
    const nudges = server.messageRequests.filter((r) => JSON.stringify(r.body?.messages.at(-1)).includes('still open'));
    assert.equal(nudges.length, 1);
    assert.equal(outcome.reason, 'The model stopped with 3 tasks still open.');
  });

  it('does not run a tool call cut off by the output token limit, but runs the complete ones before it', async () => {
    server.enqueue(
      {
        toolUses: [
          { name: 'read_file', input: { path: 'src/app.ts' } },
          { name: 'write_file', input: { path: 'src/big.ts', content: 'export const partial' } },
        ],
        stopReason: 'max_tokens',
      },
      { text: 'Stopping.' },
      { text: 'Stopping.' },
    );
    const { run, changes } = makeRun();
    await run.start();
    const [read, write] = toolResults(server, 1);
    assert.equal(read.is_error, undefined);
    assert.match(String(read.content), /express/);
    assert.equal(write.is_error, true);
    assert.match(String(write.content), /output token limit/);
    assert.equal(changes.size, 0);
  });

  it('stops at max turns', async () => {
    server.respondWith(() => ({ toolUses: [{ name: 'list_files', input: {} }] }));
    const { run } = makeRun({ limits: { maxTurns: 4 } });
    const outcome = await run.start();
    assert.equal(outcome.status, 'limit');
    assert.equal(outcome.turns, 4);
    assert.equal(server.messageRequests.length, 4);
  });

  it('stops at the token limit', async () => {
    server.respondWith(() => ({ toolUses: [{ name: 'list_files', input: {} }] }));
    const { run } = makeRun({ limits: { maxTokensPerRun: 1000 } });
    const outcome = await run.start();
    assert.equal(outcome.status, 'limit');
    assert.match(outcome.reason, /maxTokensPerRun/);
  });

  it('cancels mid-stream: stops at once, keeps the staged work consistent, and Continue finishes the job', async () => {
    const implementer = scriptedImplementer({ fileLines: 10 });
    let calls = 0;
    server.respondWith((request, index) => {
      calls++;
      return calls === 4 ? { hang: true, afterText: 'Writing the middleware' } : implementer(request, index);
    });
    const controller = new AbortController();
    const { run, changes } = makeRun({
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'text' && event.text.includes('Writing the middleware')) controller.abort();
      },
    });
    const outcome = await run.start();
    assert.equal(outcome.status, 'cancelled');
    assert.equal(await server.whenClosed(3), 'client_closed');
    assert.equal(events.filter((e) => e.type === 'done').length, 1);
    const stagedBefore = changes.entries().map((e) => e.path);
    assert.deepEqual(stagedBefore, ['src/config/auth.ts']);
    assert.equal(await temp.bytes('src/config/auth.ts'), undefined);

    // Continue: a new run over the same plan, ChangeSet and transcript.
    server.respondWith(scriptedImplementer({ fileLines: 10 }));
    const resumed = new AgentRun({
      agent: { name: 'dev-backend', systemPrompt: 'You are a backend agent.', tools: ALL_TOOL_NAMES },
      model: 'claude-sonnet-5-5',
      prp: { path: 'PRPs/auth-api.md', text: '# JWT authentication\n' },
      plan: run.plan,
      client: new AnthropicModelClient({ apiKey: async () => 'sk-test-key', baseURL: server.baseURL, maxRetries: 0 }),
      workspace: temp.workspace,
      changes,
      history: run.messages,
    });
    const final = await resumed.start();
    assert.equal(final.status, 'completed', final.reason);
    assert.deepEqual(changes.entries().map((e) => e.path).sort(), ['src/app.ts', 'src/config/auth.ts', 'src/middleware/requireAuth.ts']);
  });

  it('reports API failures with the error kind and keeps the plan', async () => {
    const { run } = makeRun({}, 'sk-wrong');
    const outcome: RunOutcome = await run.start();
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.errorKind, 'auth');
    assert.equal(run.plan.todos.length, 4);
    const error = events.find((e) => e.type === 'error');
    assert.ok(error && error.type === 'error' && !error.message.includes('sk-wrong'));
  });

  it('reports an overloaded API (529) as such', async () => {
    server.enqueue({ httpError: { status: 529, type: 'overloaded_error', message: 'Overloaded' } });
    const { run } = makeRun();
    const outcome = await run.start();
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.errorKind, 'overloaded');
  });
});

function toolResults(server: FakeAnthropicServer, requestIndex: number): { content: unknown; is_error?: boolean }[] {
  const messages = server.messageRequests[requestIndex].body!.messages;
  const last = messages[messages.length - 1];
  return (last.content as { type: string; content: unknown; is_error?: boolean }[]).filter((b) => b.type === 'tool_result');
}
