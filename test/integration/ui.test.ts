// What a person sees, inside VS Code (issue 11): followups carry their command, a Claude model picked in the chat
// is the model, `@dev-backend` answers with no key and no other model (and a saved key continues the request),
// review groups are labelled once, the PRP stays open after a review, the PRP's tasks stay the plan's frame.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DevBackendApi, FinishedRun } from '../../src/vscode/api';
import { buildReviewEdit } from '../../src/vscode/review/reviewEdit';
import type { ReviewResult } from '../../src/vscode/review';
import { stagedUri } from '../../src/vscode/review/stagedDiff';
import { DROPPED_NOTE } from '../../src/core/plan/planFrame';
import { getFakeLm, type FakeLmApi } from './fakeLm';
import { chatModels } from './modelsHarness';
import {
  AUTH_PRP,
  changedSince,
  devBackend,
  FakeApi,
  nextFinishedRun,
  planOf,
  resetRunState,
  restoreWorkspace,
  sendChat,
  sleep,
  snapshotWorkspace,
  TEST_KEY,
  workspaceUri,
  type PickedModel,
} from './runHarness';

const CLAUDE = 'dev-backend-anthropic';
const HAIKU: PickedModel = { vendor: CLAUDE, id: 'claude-haiku-5-5', family: 'claude-haiku' };
const SONNET: PickedModel = { vendor: CLAUDE, id: 'claude-sonnet-5-5', family: 'claude-sonnet' };

function markdown(run: FinishedRun): string {
  return run.rendered.filter((p) => p.kind === 'markdown').map((p) => p.text).join('');
}

async function chat(api: DevBackendApi, query: string, model?: PickedModel): Promise<FinishedRun> {
  const finished = nextFinishedRun(api, (run) => run.source === 'chat');
  await sendChat(query, model ? { model } : {});
  return finished;
}

/** Runs `command` every half second until `done` settles (the preview opens with no signal to the extension host). */
async function pressUntil<T>(command: string, done: Promise<T>): Promise<T> {
  let settled = false;
  void done.finally(() => (settled = true)).catch(() => undefined);
  for (let attempt = 0; attempt < 60 && !settled; attempt++) {
    await sleep(500);
    if (!settled) await vscode.commands.executeCommand(command).then(undefined, () => undefined);
  }
  return done;
}

function prpTabOpen(): boolean {
  const uri = workspaceUri(AUTH_PRP).toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri));
}

describe('What a person sees (inside VS Code)', function () {
  this.timeout(240_000);
  let api: DevBackendApi;
  let fakeLm: FakeLmApi;
  let fake: FakeApi | undefined;
  let baseline: Map<string, string>;

  before(async () => {
    api = await devBackend();
    fakeLm = await getFakeLm();
    await resetRunState(api);
    baseline = snapshotWorkspace();
  });

  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
    fakeLm.setRegistered(true);
    fakeLm.reset();
    await resetRunState(api);
    restoreWorkspace(baseline);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the "Review Changes" followup (/review) opens the review and calls no model', async () => {
    fake = await new FakeApi().start();
    assert.equal((await api.pendingChanges.changeSet.write('src/hello.ts', 'export const hello = 1;\n')).ok, true);
    const finished = nextFinishedRun(api, (run) => run.source === 'chat');
    await sendChat('@dev-backend /review');
    const run = await pressUntil('refactorPreview.discard', finished);
    assert.equal(run.command, 'review');
    assert.match(markdown(run), /grouped by task unless you switched it to by file/);
    assert.equal(fake.server.requests.length, 0, 'the followup called Claude');
    assert.equal(fakeLm.requests.length, 0, 'the followup called the chat model');
    assert.equal(api.pendingChanges.changeSet.size, 1, 'discarding the preview keeps the change pending');
  });

  it('a Claude model picked in the chat is the model that runs, named as people name it', async () => {
    fake = await new FakeApi().start();
    await chatModels((m) => m.some((model) => model.id === HAIKU.id), { vendor: CLAUDE });
    const run = await chat(api, '@dev-backend what does this project do?', HAIKU);
    assert.equal(run.error, undefined, run.error);
    assert.equal(run.model, 'claude-haiku-5-5');
    assert.equal(fake.server.messageRequests.at(-1)?.body?.model, 'claude-haiku-5-5');
    assert.match(markdown(run), /_Claude Haiku 5\.5: /);
    assert.doesNotMatch(markdown(run), /127\.0\.0\.1|Anthropic \(/, 'the model is named by its endpoint');

    // Another vendor's model picked while a key is set: Claude runs, and the answer says which and why.
    const other = await chat(api, '@dev-backend and what next?');
    assert.equal(other.via, 'anthropic');
    assert.match(markdown(other), /This runs Claude \w+ \d\.\d \([^)]+\) with your Anthropic key, not the chat's Fake LM/);
  });

  it('with no key and no other model, /status and /plan answer; free text offers the key and continues once it is saved', async function () {
    if ((process.env.ANTHROPIC_API_KEY ?? '').trim() !== '') this.skip(); // the environment's key would be used
    fake = await new FakeApi().start({ key: false });
    fakeLm.setRegistered(false);
    const models = await chatModels((m) => m.length > 0 && m.every((model) => model.vendor === CLAUDE));
    assert.ok(models.length >= 3, `our Claude models are not listed without a key: ${models.map((m) => `${m.vendor}/${m.id}`).join(', ')}`);
    await vscode.window.showTextDocument(workspaceUri(AUTH_PRP));

    const status = await chat(api, '@dev-backend /status', SONNET);
    assert.equal(status.command, 'status');
    assert.equal(status.error, undefined, status.error);
    assert.match(markdown(status), /No plan yet|tasks done/);
    const planned = await chat(api, '@dev-backend /plan', SONNET);
    assert.equal(planned.prpPath, AUTH_PRP);
    assert.match(markdown(planned), /Send `\/implement` to implement it\./);
    const status2 = await chat(api, '@dev-backend /status', SONNET);
    assert.match(markdown(status2), /^\*\*auth-api\.md\*\*: 0 of 15 tasks done \(Analysis 0\/1 · Implementation 0\/7/);
    assert.equal(fake.server.requests.length, 0);

    const asked = await chat(api, '@dev-backend what does task 1 need?', SONNET);
    assert.equal(asked.missingKey, true);
    assert.match(markdown(asked), /Claude Sonnet 5\.5 \(served by Dev Backend\) needs an Anthropic API key/);
    const button = asked.rendered.find((p) => p.kind === 'button' && p.command === 'devBackend.setApiKey');
    const args = button?.args?.[0] as { then?: { chatQuery?: string } } | undefined;
    assert.equal(args?.then?.chatQuery, '@dev-backend what does task 1 need?');
    const continued = nextFinishedRun(api, (run) => run.source === 'chat');
    assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', { ...args, key: TEST_KEY }), true);
    const answer = await continued;
    assert.equal(answer.via, 'anthropic', answer.error);
    assert.ok(fake.server.messageRequests.length >= 1, 'the request was not sent again once the key was saved');
  });

  it('review groups say a task the PRP numbered once', async () => {
    const plan = await vscode.commands.executeCommand<{ todos: { id: string; content: string }[] } | undefined>('devBackend.plan', workspaceUri(AUTH_PRP));
    const task1 = plan?.todos.find((t) => t.content.startsWith('Task 1:'));
    const analysis = plan?.todos.find((t) => t.content === 'Analyze the PRP and the code it references') ?? plan?.todos[0];
    assert.ok(task1 && analysis);
    const set = api.pendingChanges.changeSet;
    assert.equal((await set.write('src/db/migrations/002_users.sql', 'create table users();\n', task1.id)).ok, true);
    assert.equal((await set.write('notes/analysis.md', 'notes\n', analysis.id)).ok, true);
    const { groups } = buildReviewEdit(set.entries(), api.tasks.planStore.activePlan, (p) => workspaceUri(p));
    const labels = groups.map((g) => g.label);
    assert.ok(labels.includes('Task 1: Create src/db/migrations/002_users.sql'), labels.join(' | '));
    assert.ok(labels.every((l) => !/^Task \d+: Task \d+/.test(l)), labels.join(' | '));
  });

  it('the review opens every staged diff beside the preview, readable before anything is ticked', async () => {
    const app = (await vscode.workspace.fs.readFile(workspaceUri('src/app.ts'))).toString();
    const staged = `${app}// added by the agent\n`;
    assert.equal((await api.pendingChanges.changeSet.write('src/app.ts', staged)).ok, true);
    assert.equal((await api.pendingChanges.changeSet.write('src/hello.ts', 'export const hello = 1;\n')).ok, true);
    const review = vscode.commands.executeCommand<ReviewResult>('devBackend.reviewChanges');
    let diffTab: vscode.Tab | undefined;
    for (let attempt = 0; attempt < 100 && !diffTab; attempt++) {
      await sleep(100);
      diffTab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.startsWith('Staged by Dev Backend: 2 changes'));
    }
    assert.ok(diffTab, `no staged diff editor: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(' | ')}`);
    const right = await vscode.workspace.openTextDocument(stagedUri('src/app.ts'));
    assert.equal(right.getText(), staged, 'the diff does not show what was staged');
    await pressUntil('refactorPreview.discard', Promise.resolve(review));
    assert.deepEqual(changedSince(baseline), [], 'showing the diffs wrote to disk');
  });

  it('the PRP stays open after a review that closed its tab', async () => {
    await vscode.commands.executeCommand('devBackend.plan', workspaceUri(AUTH_PRP));
    await vscode.window.showTextDocument(workspaceUri(AUTH_PRP), { preview: true });
    assert.equal((await api.pendingChanges.changeSet.write('src/hello.ts', 'export const hello = 1;\n')).ok, true);
    const review = vscode.commands.executeCommand<ReviewResult>('devBackend.reviewChanges', { notify: false });
    await sleep(1500);
    // What the preview's diff editors do to a preview tab: replace it.
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === workspaceUri(AUTH_PRP).toString());
    if (tab) await vscode.window.tabGroups.close(tab);
    assert.equal(prpTabOpen(), false);
    await pressUntil('refactorPreview.discard', Promise.resolve(review));
    assert.equal(prpTabOpen(), true, 'the PRP is not open after the review');
    assert.deepEqual(changedSince(baseline), []);
  });

  it("the PRP's tasks stay the frame when the model replaces the todos with its own", async () => {
    fake = await new FakeApi().start({ key: false });
    fakeLm.setResponder((_messages, _options, n) => {
      if (n === 1) {
        return [
          new vscode.LanguageModelToolCallPart('call-1', 'todo_write', {
            todos: [
              { content: 'Analyze the PRP and the code it references', status: 'completed', activeForm: 'Analyzing' },
              { content: 'Write the users migration (src/db/migrations/002_users.sql)', status: 'in_progress', activeForm: 'Writing the users migration' },
              { content: 'Add a JWT helper', status: 'pending', activeForm: 'Adding a JWT helper' },
            ],
          }),
        ];
      }
      return 'Stopping here.';
    });
    await vscode.window.showTextDocument(workspaceUri(AUTH_PRP));
    const before = (await vscode.commands.executeCommand<{ todos: { content: string }[] }>('devBackend.plan', workspaceUri(AUTH_PRP)))?.todos.map((t) => t.content) ?? [];
    assert.equal(before.length, 15);
    const run = await chat(api, '@dev-backend /implement');
    assert.equal(run.via, 'chat-model', run.error);
    const shown = planOf(api)?.todos ?? [];
    for (const content of before) assert.ok(shown.some((t) => t.content === content), `the PRP task "${content}" vanished from the plan`);
    const task1 = shown.find((t) => t.content === 'Task 1: Create src/db/migrations/002_users.sql');
    assert.equal(task1?.status, 'in_progress', 'the renamed task was not matched onto the PRP task');
    assert.ok(task1?.source, 'the PRP task lost its line link');
    const task2 = shown.find((t) => t.content === 'Task 2: Create src/config/auth.ts');
    assert.equal(task2?.status, 'pending');
    assert.equal(task2?.details?.[0], DROPPED_NOTE);
    const added = shown.find((t) => t.content === 'Add a JWT helper');
    assert.equal(added?.phase, 'Implementation', 'a new todo is not under the phase it follows');
  });
});
