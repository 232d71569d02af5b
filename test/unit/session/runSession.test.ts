// RunSession over the fake Anthropic server and a temp workspace: the plan is held for the run, the gates ask once
// and a declined consent runs nothing, and an unfinished run resumes its conversation.
import * as assert from 'node:assert/strict';
import type { AgentDefinition } from '../../../src/core/agents';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import type { CommandRunner } from '../../../src/core/commands/commandRunner';
import { AnthropicModelClient } from '../../../src/core/llm/anthropicClient';
import { fixedModel, MemoryPlanRepository, MemoryTranscripts } from '../../../src/core/session/memoryPorts';
import { RunSession, type RunSessionDeps, type SessionEvent, type SessionReport } from '../../../src/core/session/runSession';
import type { GateConsent } from '../../../src/core/validation/gateConsent';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import { scriptedImplementer } from '../../fakes/scriptedImplementer';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';

const PRP_PATH = 'PRPs/math.md';
const PRP = `# Math helpers

## Implementation Blueprint

Task 1: CREATE src/math.js
- export add(a, b)

## Validation Loop

### Level 1: Syntax
\`\`\`bash
node --check src/math.js
\`\`\`
`;

const AGENT: AgentDefinition = {
  name: 'dev-backend',
  description: 'test agent',
  systemPrompt: 'You are a backend agent.',
  source: { kind: 'bundled', path: 'agents/dev-backend.md' },
} as AgentDefinition;

describe('RunSession', function () {
  this.timeout(20000);
  let server: FakeAnthropicServer;
  let temp: TempWorkspace;

  beforeEach(async () => {
    server = new FakeAnthropicServer({ requireKey: 'sk-test-key' });
    await server.start();
    temp = await makeTempWorkspace({ [PRP_PATH]: PRP });
  });

  afterEach(async () => {
    await server.stop();
    await temp.cleanup();
  });

  function session(overrides: Partial<RunSessionDeps> = {}): { session: RunSession; plans: MemoryPlanRepository; transcripts: MemoryTranscripts; changes: ChangeSet } {
    const changes = new ChangeSet(temp.workspace);
    const plans = new MemoryPlanRepository();
    const transcripts = new MemoryTranscripts();
    const client = new AnthropicModelClient({ apiKey: async () => 'sk-test-key', baseURL: server.baseURL, maxRetries: 0 });
    const deps: RunSessionDeps = { changes, loadAgent: () => Promise.resolve(AGENT), models: fixedModel(client, 'claude-sonnet-5-5'), transcripts, plans, ...overrides };
    return { session: new RunSession(deps), plans, transcripts, changes };
  }

  function finished(report: SessionReport | { missingKey: true }): SessionReport {
    if ('missingKey' in report) throw new Error('the test model has a key');
    return report;
  }

  it('holds the PRP plan for the run: an edit by hand is refused while it runs, allowed after', async () => {
    server.respondWith(scriptedImplementer());
    const { session: run, plans, transcripts } = session();
    const editsDuringRun: boolean[] = [];
    const report = finished(
      await run.run({
        prp: { path: PRP_PATH, text: PRP },
        onEvent: (event: SessionEvent) => {
          if (event.type === 'todos') editsDuringRun.push(plans.edit({ ...event.plan, todos: [] }));
        },
      }),
    );
    assert.equal(report.status, 'completed');
    assert.ok(editsDuringRun.length > 0);
    assert.deepEqual([...new Set(editsDuringRun)], [false]);
    assert.equal(plans.isLeased(PRP_PATH), false);
    assert.ok(plans.get(PRP_PATH)?.todos.some((t) => t.content.includes('src/math.js')), 'the run wrote the plan, not the refused edit');
    assert.equal(plans.edit({ ...report.plan, todos: [] }), true);
    assert.equal((await transcripts.get(PRP_PATH))?.status, 'completed');
  });

  it('asks once for the gates; declined, nothing runs and the gate todo says why', async () => {
    server.respondWith(scriptedImplementer());
    const asked: string[][] = [];
    const consent: GateConsent = {
      approve: (request) => {
        asked.push([...request.commands]);
        return Promise.resolve('declined');
      },
    };
    let commandsRun = 0;
    const runner = {
      sandboxed: () => Promise.resolve(true),
      run: () => {
        commandsRun++;
        return Promise.reject(new Error('no command may run'));
      },
      dispose: () => Promise.resolve(),
    } as unknown as CommandRunner;
    const { session: run } = session({ commands: () => Promise.resolve(runner), gates: { consent, maxFixRounds: 3, networkAllowed: false } });
    const report = finished(await run.run({ prp: { path: PRP_PATH, text: PRP } }));
    assert.deepEqual(asked, [['node --check src/math.js']]);
    assert.equal(commandsRun, 0);
    assert.equal(report.validation, undefined);
    assert.match(report.validationSkipped ?? '', /declined/);
    const gate = report.plan.todos.find((t) => t.gate !== undefined);
    assert.equal(gate?.gate?.status, 'not_run');
    assert.equal(gate?.status, 'pending', 'the model could not complete the gate todo');
    assert.match(gate?.gate?.reason ?? '', /declined/);
  });

  it('resumes an unfinished run: the next run sends its conversation; resume false starts over', async () => {
    server.respondWith((request) =>
      request.body?.messages.length === 1 ? { text: 'Stopping here.', toolUses: [{ name: 'write_file', input: { path: 'src/math.js', content: 'exports.add = (a, b) => a + b;\n' } }] } : { text: 'Paused.' },
    );
    const { session: run, transcripts } = session({ limits: { maxTurns: 2 } });
    const first = finished(await run.run({ prp: { path: PRP_PATH, text: PRP } }));
    assert.notEqual(first.status, 'completed');
    const stored = await transcripts.get(PRP_PATH);
    assert.ok(stored && stored.messages.length > 1);

    const before = server.messageRequests.length;
    const second = finished(await run.run({ prp: { path: PRP_PATH, text: PRP } }));
    assert.equal(second.resumed, true);
    assert.ok((server.messageRequests[before].body?.messages.length ?? 0) > 1);

    const third = finished(await run.run({ prp: { path: PRP_PATH, text: PRP }, resume: false }));
    assert.equal(third.resumed, false);
    assert.equal(server.messageRequests.at(-third.turns)?.body?.messages.length, 1);
  });
});
