// @dev-backend in the real chat view, against the fake Anthropic server (or the fake chat model without a key):
// /implement fills the tree, completes the todos and ends with "Review Changes"; the review applies the files;
// cancel, 401 and 529 keep the plan and the staged changes, and "Continue" finishes the job.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { Plan } from '../../src/core/plan/todo';
import type { DevBackendApi, FinishedRun, RenderedPart } from '../../src/vscode/api';
import type { Responder } from '../fakes/fakeAnthropicServer';
import type { Turn } from '../fakes/fakeTurns';
import { scriptedImplementer } from '../fakes/scriptedImplementer';
import { getFakeLm, selectFakeModel, type FakeLmApi } from './fakeLm';
import {
  AUTH_PRP,
  changedSince,
  devBackend,
  FakeApi,
  nextFinishedRun,
  planOf,
  resetRunState,
  restoreWorkspace,
  reviewAndApplyAll,
  sendChat,
  sleep,
  snapshotWorkspace,
  TEST_KEY,
  workspaceUri,
} from './runHarness';

const CREATED = [
  'src/config/auth.ts',
  'src/db/migrations/002_users.sql',
  'src/middleware/requireAuth.ts',
  'src/routes/auth.ts',
  'src/services/authService.ts',
  'test/auth.test.ts',
];
const EDITED = ['src/app.ts', 'src/services/noteService.ts'];

const fingerprint = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 12);

function buttons(run: FinishedRun): string[] {
  return run.rendered.filter((p) => p.kind === 'button').map((p) => `${p.text} -> ${p.command ?? ''}`);
}

function markdown(run: FinishedRun): string {
  return run.rendered.filter((p) => p.kind === 'markdown').map((p) => p.text).join('');
}

function lastPart(run: FinishedRun): RenderedPart | undefined {
  return run.rendered[run.rendered.length - 1];
}

/** Sends a chat query and resolves with what the participant rendered for it. */
async function chat(api: DevBackendApi, query: string, options: { newChat?: boolean; attachFiles?: vscode.Uri[] } = {}): Promise<FinishedRun> {
  const finished = nextFinishedRun(api, (run) => run.source === 'chat');
  await sendChat(query, options);
  return finished;
}

/** The plan is still there with at most one todo in progress, and every staged path is one the PRP's tasks name. */
function assertConsistent(plan: Plan | undefined, staged: readonly string[]): void {
  assert.ok(plan, 'the plan is gone');
  assert.ok(plan.todos.filter((t) => t.status === 'in_progress').length <= 1, 'more than one todo in progress');
  for (const path of staged) assert.ok(CREATED.includes(path) || EDITED.includes(path), `unexpected staged path ${path}`);
}

/** Scripted implementer with one request (1-based) replaced by `turn`. */
function withTurnAt(n: number, turn: Turn): Responder {
  const implementer = scriptedImplementer({ fileLines: 12 });
  let count = 0;
  return (request, index) => (++count === n ? turn : implementer(request, index));
}

describe('@dev-backend in the chat (inside VS Code)', function () {
  this.timeout(240_000);
  let api: DevBackendApi;
  let fakeLm: FakeLmApi;
  let fake: FakeApi | undefined;
  let baseline: Map<string, string>;

  before(async () => {
    api = await devBackend();
    fakeLm = await getFakeLm();
    await selectFakeModel();
    await resetRunState(api);
    baseline = snapshotWorkspace();
  });

  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
    fakeLm.reset();
    await resetRunState(api);
    restoreWorkspace(baseline);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('/implement on the open PRP: plan at once, todos completed live, summary + file tree + Review Changes; apply writes the files', async () => {
    fake = await new FakeApi().start();
    await vscode.window.showTextDocument(workspaceUri(AUTH_PRP));
    const plans: Plan[] = [];
    let requestsAtFirstPlan = -1;
    const subscription = api.tasks.planStore.onDidChange((plan) => {
      if (plans.length === 0) requestsAtFirstPlan = fake?.server.requests.length ?? -1;
      if (plan) plans.push(plan);
    });
    const run = await chat(api, '@dev-backend /implement');
    subscription.dispose();

    assert.equal(run.error, undefined, run.error);
    assert.equal(run.command, 'implement');
    assert.equal(run.prpPath, AUTH_PRP);
    assert.equal(run.via, 'anthropic');
    assert.equal(run.outcome?.status, 'completed', run.outcome?.reason);
    assert.ok(fake.server.messageRequests.length > 10, 'the fake server saw too few requests');
    const keys = new Set(fake.server.messageRequests.map((r) => r.auth.keyFingerprint));
    assert.deepEqual([...keys], [fingerprint(TEST_KEY)], 'the requests did not all carry the stored key');

    // The tree had the whole offline plan, all pending, before any model call; then todos moved to completed.
    assert.equal(requestsAtFirstPlan, 0, 'the plan reached the tree only after a model call');
    assert.equal(plans[0]?.todos.length, 15);
    assert.ok(plans[0].todos.every((t) => t.status === 'pending'));
    assert.ok(plans.some((p) => p.todos.some((t) => t.status === 'in_progress')), 'no todo was ever in progress');
    assert.ok(planOf(api)?.todos.every((t) => t.status === 'completed' || t.gate), 'not every todo is completed'); // gate todos: only their gates complete them

    // What the chat showed.
    const text = markdown(run);
    assert.match(text, /JWT authentication for the notes API/);
    assert.match(text, /Tasks: 12 done, 3 left/); // the 3 validation gates are not run here
    assert.match(text, /Cost: \$\d/);
    assert.ok(run.rendered.some((p) => p.kind === 'progress' && p.text === 'Reading src/app.ts'), 'no "Reading src/app.ts" progress');
    const tree = run.rendered.find((p) => p.kind === 'filetree');
    assert.deepEqual([...(tree?.paths ?? [])].sort(), [...CREATED, ...EDITED].sort());
    assert.deepEqual([lastPart(run)?.kind, lastPart(run)?.command], ['button', 'devBackend.reviewChanges']);
    assert.deepEqual(changedSince(baseline), [], 'the run wrote to disk');
    const log = api.outputLogLines();
    assert.ok(log.some((line) => line.includes(`Run on ${AUTH_PRP} ended: completed`)), 'the run was not logged');
    assert.ok(log.every((line) => !line.includes(TEST_KEY)), 'the key reached the log');
    assert.ok(log.every((line) => !line.includes('Could not save the run transcript')), 'the transcript was not persisted');

    // /status reports the same pending changes, compactly: counts, review, the last run's tokens and cost; no checklist.
    const status = await chat(api, '@dev-backend /status');
    const statusText = markdown(status);
    // The 3 validation gate todos are completed only by their gates, which this run does not reach.
    assert.match(statusText, /\*\*auth-api\.md\*\*: 12 of 15 tasks done \(Analysis 1\/1 · Implementation 7\/7/);
    assert.match(statusText, /Waiting for review: 8 changes \(6 new, 2 edited\)/);
    assert.match(statusText, /Last run: Done: .* [\d,]+ tokens, \$\d[\d.]* \(Claude [A-Z][a-z]+ \d\.\d\)/);
    assert.doesNotMatch(statusText, /\[x\]/, '/status printed the checklist');
    assert.ok(buttons(status).includes('Review Changes -> devBackend.reviewChanges'));
    assert.ok(buttons(status).includes('Show Backend Tasks -> devBackend.tasks.focus'));

    // Review: apply everything in the Refactor Preview.
    const result = await reviewAndApplyAll(CREATED.length + EDITED.length);
    assert.deepEqual([...result.applied].sort(), [...CREATED, ...EDITED].sort());
    assert.deepEqual(changedSince(baseline), [...CREATED, ...EDITED].sort());
    const auth = (await vscode.workspace.fs.readFile(workspaceUri('src/routes/auth.ts'))).toString();
    assert.match(auth, /^\/\/ src\/routes\/auth\.ts: generated by the scripted implementer/);
    const app = (await vscode.workspace.fs.readFile(workspaceUri('src/app.ts'))).toString();
    assert.ok(app.startsWith(baseline.get('src/app.ts')?.split('\n')[0] ?? '\u0000'), 'src/app.ts lost its first line');
    assert.match(app, /\/\/ Task 6: Modify src\/app\.ts and src\/services\/noteService\.ts/);
    const plan = planOf(api);
    assert.ok(plan?.todos.filter((t) => t.content.startsWith('Task ')).every((t) => t.status === 'completed'), 'an applied task is not marked completed');
  });

  it('/plan plans without calling a model; no PRP at all gets a clear message and a Pick button', async () => {
    fake = await new FakeApi().start();
    await vscode.window.showTextDocument(workspaceUri(AUTH_PRP));
    const planned = await chat(api, '@dev-backend /plan');
    assert.equal(planned.prpPath, AUTH_PRP);
    assert.equal(fake.server.requests.length, 0, '/plan called the model');
    assert.equal(planOf(api)?.todos.length, 15);
    assert.match(markdown(planned), /15 tasks, 0 done/);

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetRunState(api);
    const lost = await chat(api, '@dev-backend /implement');
    assert.equal(lost.outcome, undefined);
    assert.match(markdown(lost), /Which PRP should I implement\?/);
    assert.deepEqual(buttons(lost), ['Pick a PRP… -> devBackend.pickPrp']);

    // The button: a QuickPick of the workspace's markdown (PRPs/ first); the pick opens and re-sends the command.
    const replanned = nextFinishedRun(api, (run) => run.source === 'chat');
    const picking = vscode.commands.executeCommand<vscode.Uri | undefined>('devBackend.pickPrp', { chatCommand: 'plan' });
    let picked: vscode.Uri | undefined | null = null;
    void picking.then((uri) => (picked = uri));
    for (let attempt = 0; attempt < 50 && picked === null; attempt++) {
      await sleep(200);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    assert.equal((await picking)?.toString(), workspaceUri(AUTH_PRP).toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), workspaceUri(AUTH_PRP).toString());
    assert.equal((await replanned).prpPath, AUTH_PRP);

    // An attached file wins over the active editor.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.window.showTextDocument(workspaceUri('README.md'));
    const referenced = await chat(api, '@dev-backend /plan', { attachFiles: [workspaceUri(AUTH_PRP)] });
    assert.equal(referenced.prpPath, AUTH_PRP);
    assert.equal(fake.server.requests.length, 0);
  });

  it('Stop in the chat mid-run keeps the plan and the staged changes, writes nothing; /continue (the Continue followup) finishes the job', async () => {
    fake = await new FakeApi().start();
    fake.server.respondWith(withTurnAt(12, { hang: true }));
    await vscode.window.showTextDocument(workspaceUri(AUTH_PRP));
    const finished = nextFinishedRun(api, (run) => run.source === 'chat');
    await sendChat('@dev-backend /implement');
    await fake.server.waitForRequests(12);
    await vscode.commands.executeCommand('workbench.action.chat.cancel'); // the chat's own Stop: the request's token
    const run = await finished;
    assert.equal(run.outcome?.status, 'cancelled', run.outcome?.reason);
    assert.equal(await fake.server.whenClosed(11), 'client_closed');
    assert.deepEqual(changedSince(baseline), [], 'a cancelled run wrote to disk');
    const plan = planOf(api);
    const done = plan?.todos.filter((t) => t.status === 'completed') ?? [];
    assert.ok(done.length >= 1 && done.length < 15, `expected some todos done, got ${done.length}`);
    const staged = run.rendered.find((p) => p.kind === 'filetree')?.paths ?? [];
    assert.ok(staged.length >= 1, 'nothing staged before the cancel');
    assertConsistent(plan, staged);
    assert.match(markdown(run), /Nothing was lost/);

    const resumed = await chat(api, '@dev-backend /continue');
    assert.equal(resumed.outcome?.status, 'completed', resumed.outcome?.reason);
    assert.match(markdown(resumed), /Resuming the last run/);
    assert.ok(planOf(api)?.todos.every((t) => t.status === 'completed' || t.gate)); // gate todos: only their gates complete them
    assert.deepEqual([...(resumed.rendered.find((p) => p.kind === 'filetree')?.paths ?? [])].sort(), [...CREATED, ...EDITED].sort());
    assert.deepEqual(changedSince(baseline), []);
  });

  it('401 mid-run: the key is rejected in words with a Set Key button, nothing lost; with a key again, continue completes', async () => {
    fake = await new FakeApi().start();
    fake.server.respondWith(withTurnAt(10, { httpError: { status: 401, type: 'authentication_error', message: 'invalid x-api-key' } }));
    await vscode.window.showTextDocument(workspaceUri(AUTH_PRP));
    const run = await chat(api, '@dev-backend /implement');
    assert.equal(run.outcome?.status, 'failed');
    assert.equal(run.outcome?.errorKind, 'auth');
    assert.match(markdown(run), /API key was rejected/);
    assert.ok(!markdown(run).includes(TEST_KEY), 'the key appeared in the chat');
    assert.ok(buttons(run).includes('Set Anthropic API Key -> devBackend.setApiKey'));
    assert.ok(!buttons(run).some((b) => b.startsWith('Continue')), 'Continue with the rejected key would fail the same way');
    const staged = run.rendered.find((p) => p.kind === 'filetree')?.paths ?? [];
    assert.ok(staged.length >= 1);
    assertConsistent(planOf(api), staged);

    // The button: once a key is saved, the run continues by itself.
    const setKey = run.rendered.find((p) => p.kind === 'button' && p.command === 'devBackend.setApiKey');
    const args = setKey?.args?.[0] as { then?: { chatQuery?: string } } | undefined;
    assert.equal(args?.then?.chatQuery, '@dev-backend /continue');
    const resumedRun = nextFinishedRun(api, (r) => r.source === 'chat');
    assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', { ...args, key: TEST_KEY }), true);
    const resumed = await resumedRun;
    assert.equal(resumed.outcome?.status, 'completed', resumed.outcome?.reason);
    assert.deepEqual(changedSince(baseline), []);
  });

  it('529 (overloaded, after the client retries): a clear message, nothing lost; continue completes', async () => {
    fake = await new FakeApi().start();
    const overloaded = { httpError: { status: 529, type: 'overloaded_error', message: 'Overloaded', headers: { 'retry-after': '0' } } };
    const implementer = scriptedImplementer({ fileLines: 12 });
    let count = 0;
    fake.server.respondWith((request, index) => (++count >= 8 && count <= 10 ? overloaded : implementer(request, index)));
    await vscode.window.showTextDocument(workspaceUri(AUTH_PRP));
    const run = await chat(api, '@dev-backend /implement');
    assert.equal(run.outcome?.status, 'failed');
    assert.equal(run.outcome?.errorKind, 'overloaded');
    assert.match(markdown(run), /overloaded right now/);
    assert.match(markdown(run), /Nothing was lost/);
    const staged = run.rendered.find((p) => p.kind === 'filetree')?.paths ?? [];
    assert.ok(staged.length >= 1);

    const resumed = await chat(api, '@dev-backend /continue');
    assert.equal(resumed.outcome?.status, 'completed', resumed.outcome?.reason);
    assert.deepEqual(changedSince(baseline), []);
  });

  it('free text asks the agent with the PRP, the plan and the earlier turns as context; nothing is staged', async () => {
    fake = await new FakeApi().start();
    let answers = 0;
    fake.server.respondWith(() => ({ text: `Answer ${++answers}: Task 3 creates src/services/authService.ts.` }));
    await vscode.window.showTextDocument(workspaceUri(AUTH_PRP));
    const first = await chat(api, '@dev-backend what does task 3 do?');
    assert.equal(first.command, undefined);
    assert.equal(first.via, 'anthropic');
    assert.equal(first.prpPath, AUTH_PRP);
    assert.match(markdown(first), /Answer 1: Task 3 creates src\/services\/authService\.ts\./);
    assert.equal(planOf(api)?.todos.length, 15, 'the PRP was not planned for the question');
    const [asked] = fake.server.messageRequests;
    assert.equal(asked.body?.tools?.length ?? 0, 0, 'a question offered tools');
    assert.match(JSON.stringify(asked.body?.system), /JWT authentication for the notes API/);
    assert.match(JSON.stringify(asked.body?.messages), /Task 3: Create src\/services\/authService\.ts[\s\S]*The user asks: what does task 3 do\?/);

    const second = await chat(api, '@dev-backend and task 4?', { newChat: false });
    assert.match(markdown(second), /Answer 2/);
    const followUp = JSON.stringify(fake.server.messageRequests[1]?.body?.messages);
    assert.match(followUp, /what does task 3 do\?[\s\S]*Answer 1[\s\S]*The user asks: and task 4\?/, 'the earlier turn was not sent as context');
    assert.equal(api.pendingChanges.changeSet.size, 0);
  });

  it('without a key, /implement runs on the chat model (the fake LM) and says so', async () => {
    fake = await new FakeApi().start({ key: false });
    fakeLm.setResponder((_messages, _options, n) => {
      if (n === 1) return [new vscode.LanguageModelToolCallPart('call-1', 'write_file', { path: 'src/hello.ts', content: 'export const hello = 1;\n' })];
      if (n === 2) {
        const todos = (planOf(api)?.todos ?? []).map((t) => ({ content: t.content, status: 'completed', activeForm: t.activeForm }));
        return [new vscode.LanguageModelToolCallPart('call-2', 'todo_write', { todos })];
      }
      return 'All done.';
    });
    await vscode.window.showTextDocument(workspaceUri(AUTH_PRP));
    const run = await chat(api, '@dev-backend /implement');
    assert.equal(run.via, 'chat-model');
    assert.deepEqual(run.chatModel, { vendor: 'dev-backend-test', id: 'fake-lm' });
    assert.equal(run.outcome?.status, 'completed', run.outcome?.reason);
    assert.equal(fake.server.requests.length, 0, 'the Anthropic server was called without a key');
    assert.ok(fakeLm.requests.length >= 3);
    assert.match(markdown(run), /Fake LM/);
    assert.deepEqual(run.rendered.find((p) => p.kind === 'filetree')?.paths, ['src/hello.ts']);
  });
});
