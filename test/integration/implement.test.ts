// "Implement Backend" (devBackend.implement) without the chat, against the fake Anthropic server: the same run in
// a progress notification; per-task review offers; cancel and "Continue"; without a key, the set-key prompt.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChangeEntry } from '../../src/core/changes/changeSet';
import type { DevBackendApi, FinishedRun } from '../../src/vscode/api';
import { scriptedImplementer } from '../fakes/scriptedImplementer';
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
  setSetting,
  snapshotWorkspace,
  TEST_KEY,
  workspaceUri,
} from './runHarness';

const ALL_FILES = [
  'src/app.ts',
  'src/config/auth.ts',
  'src/db/migrations/002_users.sql',
  'src/middleware/requireAuth.ts',
  'src/routes/auth.ts',
  'src/services/authService.ts',
  'src/services/noteService.ts',
  'test/auth.test.ts',
];

function messages(run: FinishedRun): { text: string; buttons: string[] }[] {
  return run.rendered.filter((p) => p.kind === 'message').map((p) => ({ text: p.text, buttons: p.buttons ?? [] }));
}

/** Presses the end notification's "Show Summary" and returns the text it opened. */
async function showSummaryOf(run: FinishedRun): Promise<string> {
  const message = run.rendered.filter((p) => p.kind === 'message').at(-1);
  const index = message?.buttons?.indexOf('Show Summary') ?? -1;
  const button = message?.buttonCommands?.[index];
  assert.ok(button, 'no Show Summary button');
  const editor = await vscode.commands.executeCommand<vscode.TextEditor>(button.command, ...button.args);
  // A read-only document of its own: closing it never asks to save an untitled file.
  assert.equal(editor.document.isUntitled, false);
  assert.equal(editor.document.uri.scheme, 'devbackend-summary');
  assert.equal(editor.document.languageId, 'markdown');
  return editor.document.getText();
}

function stagedEntries(api: DevBackendApi): ChangeEntry[] {
  assert.ok(api.pendingChanges, 'the API exports no pendingChanges');
  return api.pendingChanges.changeSet.entries();
}

function stagedPaths(api: DevBackendApi): string[] {
  return stagedEntries(api).map((e) => e.path).sort();
}

describe('Implement Backend command (inside VS Code)', function () {
  this.timeout(240_000);
  let api: DevBackendApi;
  let fake: FakeApi | undefined;
  let baseline: Map<string, string>;

  before(async () => {
    api = await devBackend();
    await resetRunState(api);
    baseline = snapshotWorkspace();
  });

  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
    await setSetting('reviewMode', undefined);
    await resetRunState(api);
    restoreWorkspace(baseline);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Implement Backend on the auth PRP against a fake that never answers request `hangAt`; resolves once it arrived. */
  async function startRunHangingAt(
    hangAt: number,
  ): Promise<{ server: FakeApi['server']; finished: Promise<FinishedRun>; running: Thenable<FinishedRun | undefined> }> {
    fake = await new FakeApi().start();
    const implementer = scriptedImplementer({ fileLines: 12 });
    let count = 0;
    fake.server.respondWith((request, index) => (++count === hangAt ? { hang: true } : implementer(request, index)));
    const finished = nextFinishedRun(api, (run) => run.source === 'command');
    const running = vscode.commands.executeCommand<FinishedRun>('devBackend.implement', workspaceUri(AUTH_PRP));
    await fake.server.waitForRequests(hangAt);
    return { server: fake.server, finished, running };
  }

  it('runs on the PRP uri in a progress notification, offers each task for review (perTask), ends with Review Changes; apply writes the files', async () => {
    fake = await new FakeApi().start();
    await setSetting('reviewMode', 'perTask');
    const run = await vscode.commands.executeCommand<FinishedRun>('devBackend.implement', workspaceUri(AUTH_PRP));
    assert.ok(run, 'the command returned nothing');
    assert.equal(run.source, 'command');
    assert.equal(run.error, undefined, run.error);
    assert.equal(run.outcome?.status, 'completed', run.outcome?.reason);
    assert.equal(run.prpPath, AUTH_PRP);
    assert.equal(run.via, 'anthropic');
    assert.ok(planOf(api)?.todos.every((t) => t.status === 'completed' || t.gate)); // gate todos: only their gates complete them

    const progress = run.rendered.filter((p) => p.kind === 'progress').map((p) => p.text);
    assert.ok(progress.includes('Reading src/app.ts'), 'no tool activity in the progress');
    // The 3 validation gate todos are completed only by their gates, which this run does not reach.
    assert.ok(progress.some((p) => p.startsWith('12/15 tasks done')), `the progress never reached 12/15: ${progress.filter((p) => p.includes('tasks done')).join(' | ')}`);
    assert.ok(!progress.some((p) => /^\[\d+\/\d+\]/.test(p)), 'a bare "[n/m]" progress message');
    const shown = messages(run);
    const perTask = shown.filter((m) => m.text.includes('is done;'));
    assert.ok(perTask.length >= 6, `expected a review offer per task with changes, got ${perTask.length}`);
    assert.ok(perTask.every((m) => m.buttons.join() === 'Review Changes'));
    const final = shown[shown.length - 1];
    assert.match(final.text, /implemented auth-api\.md: 12\/15 tasks, 8 changes staged for review/); // the gates were declined
    assert.deepEqual(final.buttons, ['Review Changes', 'Show Summary']);
    const summary = await showSummaryOf(run);
    assert.match(summary, /^# Dev Backend: auth-api\.md/);
    assert.match(summary, /- Tokens: [\d,]+ in/);
    assert.match(summary, /- Cost: \$\d/);
    assert.match(summary, /## Waiting for review\n\n(- `[^`]+` \((new|edited)\)\n)*- `src\/app\.ts` \(edited\)/);

    assert.deepEqual(stagedPaths(api), ALL_FILES);
    assert.deepEqual(changedSince(baseline), [], 'the run wrote to disk');
    const result = await reviewAndApplyAll(ALL_FILES.length);
    assert.deepEqual([...result.applied].sort(), ALL_FILES);
    assert.deepEqual(changedSince(baseline), ALL_FILES);
    assert.deepEqual(stagedPaths(api), []);
  });

  it('cancel mid-run: nothing on disk, plan and staged changes consistent; Continue finishes the job', async () => {
    const { server, finished, running } = await startRunHangingAt(14);
    await vscode.commands.executeCommand('devBackend.cancelRun');
    const run = await finished;
    await running;
    assert.equal(run.outcome?.status, 'cancelled', run.outcome?.reason);
    assert.equal(await server.whenClosed(13), 'client_closed');
    assert.deepEqual(changedSince(baseline), [], 'a cancelled run wrote to disk');
    const cancelNote = messages(run).pop();
    assert.match(cancelNote?.text ?? '', /Cancelled\. Nothing was lost/);
    assert.deepEqual(cancelNote?.buttons, ['Continue', 'Review Changes', 'Show Summary']);

    // Consistent: every staged change belongs to a todo of the plan; every completed task's files are staged.
    const plan = planOf(api);
    assert.ok(plan);
    const ids = new Set(plan.todos.map((t) => t.id));
    const entries = stagedEntries(api);
    assert.ok(entries.length >= 1 && entries.length < ALL_FILES.length, `staged ${entries.length} file(s)`);
    for (const entry of entries) assert.ok(entry.todoIds.every((id) => ids.has(id)), `${entry.path} belongs to no todo of the plan`);
    for (const todo of plan.todos.filter((t) => t.status === 'completed')) {
      for (const file of todo.files ?? []) assert.ok(entries.some((e) => e.path === file), `${todo.content} is completed but ${file} is not staged`);
    }
    assert.ok(plan.todos.filter((t) => t.status === 'in_progress').length <= 1);

    const resumed = await vscode.commands.executeCommand<FinishedRun>('devBackend.implement', { uri: workspaceUri(AUTH_PRP), resume: true });
    assert.equal(resumed?.outcome?.status, 'completed', resumed?.outcome?.reason);
    assert.ok(planOf(api)?.todos.every((t) => t.status === 'completed' || t.gate)); // gate todos: only their gates complete them
    assert.deepEqual(stagedPaths(api), ALL_FILES);
    assert.deepEqual(changedSince(baseline), []);
  });

  it('while a run works on a PRP, its tasks are not changed by hand (the run would overwrite them); after it, they are', async () => {
    const { finished, running } = await startRunHangingAt(4);
    const during = planOf(api);
    const pending = during?.todos.find((t) => t.status === 'pending');
    assert.ok(during && pending, 'the run has a pending todo');

    assert.equal(await vscode.commands.executeCommand('devBackend.task.complete', pending.id), undefined);
    assert.equal(await vscode.commands.executeCommand('devBackend.task.reset', during.todos[0]?.id), undefined);
    assert.equal(await vscode.commands.executeCommand('devBackend.plan', workspaceUri(AUTH_PRP)), undefined);
    await vscode.commands.executeCommand('devBackend.clearTasks');
    assert.deepEqual(planOf(api), during, 'a command changed the plan of the running PRP');

    await vscode.commands.executeCommand('devBackend.cancelRun');
    assert.equal((await finished).outcome?.status, 'cancelled');
    await running;
    const after = await vscode.commands.executeCommand<{ todos: { id: string; status: string }[] }>('devBackend.task.complete', pending.id);
    assert.equal(after?.todos.find((t) => t.id === pending.id)?.status, 'completed', 'Mark Done works again once the run ended');
  });

  it('without a key: the plan is shown, no model is called, and the notification offers "Set Anthropic API Key"', async function () {
    if ((process.env.ANTHROPIC_API_KEY ?? '').trim() !== '') this.skip(); // the environment's key would be used
    fake = await new FakeApi().start({ key: false });
    const run = await vscode.commands.executeCommand<FinishedRun>('devBackend.implement', workspaceUri(AUTH_PRP));
    assert.equal(run?.missingKey, true);
    assert.equal(run?.outcome, undefined);
    assert.equal(fake.server.requests.length, 0);
    assert.equal(planOf(api)?.todos.length, 15, 'the plan did not reach the tree');
    const [prompt] = messages(run);
    assert.match(prompt.text, /needs an Anthropic API key/);
    assert.deepEqual(prompt.buttons, ['Set Anthropic API Key']);

    // The button: once the key is saved, the run starts by itself.
    const setKey = run?.rendered.find((p) => p.kind === 'message')?.buttonCommands?.[0];
    assert.equal(setKey?.command, 'devBackend.setApiKey');
    const started = nextFinishedRun(api, (r) => r.source === 'command');
    const args = (setKey?.args[0] ?? {}) as Record<string, unknown>;
    assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', { ...args, key: TEST_KEY }), true);
    const after = await started;
    assert.equal(after.outcome?.status, 'completed', after.outcome?.reason ?? after.error);
    assert.ok(fake.server.messageRequests.length > 0, 'the run did not start once the key was saved');
  });
});
