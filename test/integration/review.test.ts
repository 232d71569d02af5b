// Review inside VS Code: pending changes -> one WorkspaceEdit -> the real Refactor Preview, driven with its
// own commands -> what landed on disk, the pending set and the plan afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Plan } from '../../src/core/plan/todo';
import type { DevBackendApi } from '../../src/vscode/api';
import { PendingChanges } from '../../src/vscode/review/pendingChanges';
import { regenerateStaleChanges, reviewPendingChanges, type ReviewPlans, type ReviewResult } from '../../src/vscode/review/reviewChanges';
import { VscodeWorkspace } from '../../src/vscode/workspace/vscodeWorkspace';

const EXTENSION_ID = 'dev-backend.dev-backend';
const PREVIEW_SCHEME = 'vscode-bulkeditpreview-editor';
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** workspaceState-like: values kept as JSON. */
class JsonMemento implements vscode.Memento {
  private readonly data = new Map<string, string>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    const raw = this.data.get(key);
    return raw === undefined ? defaultValue : (JSON.parse(raw) as T);
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

class FakePlans implements ReviewPlans {
  constructor(public activePlan: Plan | undefined) {}
  updateActive(fn: (plan: Plan) => Plan): Plan | undefined {
    if (this.activePlan) this.activePlan = fn(this.activePlan);
    return this.activePlan;
  }
  status(id: string): string | undefined {
    return this.activePlan?.todos.find((t) => t.id === id)?.status;
  }
}

function plan(): Plan {
  return {
    prpPath: 'PRPs/auth-api.md',
    title: 'Auth API',
    todos: [
      { id: 'read', content: 'Read the codebase', activeForm: 'Reading the codebase', status: 'completed' },
      { id: 'mw', content: 'Create auth middleware', activeForm: 'Creating auth middleware', status: 'in_progress' },
      { id: 'app', content: 'Wire the middleware into the app', activeForm: 'Wiring', status: 'pending' },
    ],
  };
}

const root = (): vscode.Uri => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration host opens a workspace folder');
  return folder.uri;
};
const fileUri = (path: string): vscode.Uri => vscode.Uri.joinPath(root(), ...path.split('/'));

async function write(path: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fileUri(path), encoder.encode(text));
}
async function read(path: string): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(fileUri(path)));
  } catch {
    return undefined;
  }
}

/**
 * Writes files and waits until the file watcher reported them: a late watcher event during the preview
 * counts as "changed in the meantime" and the preview refuses to apply.
 */
async function writeSettled(files: Record<string, string>): Promise<void> {
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root(), 'review-fixture/**'));
  const reported = new Set<string>();
  let lastEvent = Date.now();
  const note = (uri: vscode.Uri): void => {
    reported.add(uri.toString());
    lastEvent = Date.now();
  };
  const subscriptions = [watcher, watcher.onDidCreate(note), watcher.onDidChange(note)];
  try {
    for (const [path, text] of Object.entries(files)) await write(path, text);
    // A new folder may be reported once for all its files.
    const covered = (path: string): boolean => {
      const parts = path.split('/');
      return parts.some((_, i) => reported.has(fileUri(parts.slice(0, i + 1).join('/')).toString()));
    };
    await waitFor('the file watcher to report the fixture files', () => (Object.keys(files).every(covered) ? true : undefined));
    // Then quiet: a folder event may come first and the files' own events later.
    await waitFor('the file watcher to settle', () => (Date.now() - lastEvent >= QUIET_MS ? true : undefined));
  } finally {
    for (const s of subscriptions) s.dispose();
  }
}

/** Polls until `probe` gives a value (a guard against hangs, not a timing assertion). */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The preview's copy of a file (its text follows the checked edits), from the preview session that opened after `seen`. */
function previewDoc(path: string, seen: ReadonlySet<string>): vscode.TextDocument | undefined {
  const target = fileUri(path).path;
  return vscode.workspace.textDocuments.find(
    (d) => d.uri.scheme === PREVIEW_SCHEME && d.uri.path === target && !seen.has(d.uri.toString()),
  );
}

/** How long without watcher events counts as settled (a wait, not an assertion). */
const QUIET_MS = 1500;

const run = (command: string): Thenable<unknown> => vscode.commands.executeCommand(command);

/**
 * Starts a review and drives the Refactor Preview: waits until it shows `editedPath`'s preview, then ticks
 * the top-level rows listed in `tick` (row indexes after collapsing; grouping 'type' = one row per task,
 * 'file' = one row per file sorted by URI) and applies (or discards).
 */
async function reviewWith(
  start: () => Promise<ReviewResult>,
  drive: { editedPath: string; grouping: 'type' | 'file'; tick: number[]; expectPreview?: string; discard?: boolean },
): Promise<ReviewResult> {
  const seen = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  const review = start();
  let settled = false;
  void review.finally(() => (settled = true)).catch(() => undefined);
  await waitFor(`the Refactor Preview to show ${drive.editedPath}`, () => (settled ? true : previewDoc(drive.editedPath, seen)));
  assert.equal(settled, false, 'the review finished before the preview was driven');
  await run(drive.grouping === 'type' ? 'refactorPreview.groupByType' : 'refactorPreview.groupByFile');
  await run('list.collapseAll');
  await run('list.focusFirst');
  let row = 0;
  for (const wanted of drive.tick) {
    for (; row < wanted; row++) await run('list.focusDown');
    await run('refactorPreview.toggleCheckedState');
  }
  if (drive.expectPreview !== undefined) {
    const expected = drive.expectPreview;
    await waitFor(`the preview of ${drive.editedPath} to show the checked edits`, () =>
      previewDoc(drive.editedPath, seen)?.getText() === expected ? true : undefined,
    );
  }
  await run(drive.discard ? 'refactorPreview.discard' : 'refactorPreview.apply');
  return review;
}

const APP = ['import express from "express";', '', 'const app = express();', 'app.get("/health", ok);', '', 'export { app };', ''].join('\n');
const APP_EDITED = ['import express from "express";', 'import { auth } from "./auth";', '', 'const app = express();', 'app.use(auth);', 'app.get("/health", ok);', '', 'export { app };', ''].join('\n');
const AUTH = 'export function auth(_req: unknown, _res: unknown, next: () => void): void {\n  next();\n}\n';
const LEGACY = 'legacy code\n';

describe('Review (inside VS Code)', function () {
  this.timeout(120_000);
  let dir: string;
  let counter = 0;
  let state: JsonMemento;
  let workspace: VscodeWorkspace;
  let pending: PendingChanges;
  let plans: FakePlans;
  const p = (name: string): string => `${dir}/${name}`;

  /** create auth.ts (task 2), edit app.ts (task 3), delete legacy.ts (task 2). */
  async function stageThree(): Promise<void> {
    await writeSettled({ [p('app.ts')]: APP, [p('legacy.ts')]: LEGACY });
    const set = pending.changeSet;
    assert.equal((await set.write(p('auth.ts'), AUTH, 'mw')).ok, true);
    assert.equal((await set.edit(p('app.ts'), 'import express from "express";\n', 'import express from "express";\nimport { auth } from "./auth";\n', false, 'app')).ok, true);
    assert.equal((await set.edit(p('app.ts'), 'const app = express();\n', 'const app = express();\napp.use(auth);\n', false, 'app')).ok, true);
    assert.equal((await set.delete(p('legacy.ts'), 'mw')).ok, true);
  }

  beforeEach(async () => {
    const extension = vscode.extensions.getExtension<DevBackendApi>(EXTENSION_ID);
    await extension?.activate();
    dir = `review-fixture/case-${++counter}`;
    state = new JsonMemento();
    workspace = new VscodeWorkspace(root());
    pending = new PendingChanges(state, workspace);
    plans = new FakePlans(plan());
  });

  afterEach(async () => {
    await run('workbench.action.closeAllEditors');
    pending.dispose();
    await vscode.workspace.fs.delete(fileUri(dir), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  after(async () => {
    await vscode.workspace.fs.delete(fileUri('review-fixture'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('applies a create, a minimal edit and a delete checked task by task; marks the tasks', async () => {
    await stageThree();
    // Two categories: "Task 2: Create auth middleware" (auth.ts, legacy.ts), "Task 3: Wire ..." (app.ts).
    const result = await reviewWith(() => reviewPendingChanges(pending, plans, { notify: false }), {
      editedPath: p('app.ts'),
      grouping: 'type',
      tick: [0, 1],
      expectPreview: APP_EDITED,
    });
    assert.deepEqual([...result.applied].sort(), [p('app.ts'), p('auth.ts'), p('legacy.ts')]);
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(result.stale, []);
    assert.equal(await read(p('auth.ts')), AUTH);
    assert.equal(await read(p('app.ts')), APP_EDITED);
    assert.equal(await read(p('legacy.ts')), undefined);
    assert.equal(pending.size, 0);
    assert.equal(plans.status('mw'), 'completed');
    assert.equal(plans.status('app'), 'completed');
    assert.equal(plans.status('read'), 'completed');
    const saved = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fileUri(p('app.ts')).toString());
    assert.ok(!saved?.isDirty, 'the edited file is saved');
  });

  it('keeps an unchecked file pending and its task open', async () => {
    await stageThree();
    // By file, sorted by URI: app.ts, auth.ts, legacy.ts. Tick app.ts and auth.ts, leave legacy.ts.
    const result = await reviewWith(() => reviewPendingChanges(pending, plans, { notify: false }), {
      editedPath: p('app.ts'),
      grouping: 'file',
      tick: [0, 1],
      expectPreview: APP_EDITED,
    });
    assert.deepEqual([...result.applied].sort(), [p('app.ts'), p('auth.ts')]);
    assert.deepEqual(result.skipped, [p('legacy.ts')]);
    assert.equal(await read(p('legacy.ts')), LEGACY);
    assert.deepEqual(pending.changeSet.entries().map((e) => e.path), [p('legacy.ts')]);
    assert.equal(plans.status('app'), 'completed');
    assert.equal(plans.status('mw'), 'in_progress', 'legacy.ts of the same task is still pending');
    assert.deepEqual(await pending.changeSet.staleEntries(), [], 'the pending delete still matches the disk');
  });

  it('leaves a change stale when the user edited its file after staging: never applied, user content kept', async () => {
    await stageThree();
    const mine = APP.replace('export { app };', 'export { app }; // mine');
    await write(p('app.ts'), mine);
    const result = await reviewWith(() => reviewPendingChanges(pending, plans, { notify: false }), {
      editedPath: p('auth.ts'),
      grouping: 'file',
      tick: [0, 1],
    });
    assert.deepEqual(result.stale, [p('app.ts')]);
    assert.deepEqual(result.staleTodoIds, ['app']);
    assert.deepEqual([...result.applied].sort(), [p('auth.ts'), p('legacy.ts')]);
    assert.equal(await read(p('app.ts')), mine);
    assert.deepEqual(pending.changeSet.entries().map((e) => e.path), [p('app.ts')]);
    assert.equal(plans.status('mw'), 'completed');
    assert.equal(plans.status('app'), 'pending');

    // "Regenerate": the stale change is dropped and its todo is pending again, for a new run to redo.
    plans.updateActive((plan) => ({ ...plan, todos: plan.todos.map((t) => (t.id === 'app' ? { ...t, status: 'completed' as const } : t)) }));
    assert.deepEqual(regenerateStaleChanges(pending, plans, result.stale), { paths: [p('app.ts')], todoIds: ['app'] });
    assert.equal(pending.size, 0);
    assert.equal(plans.status('app'), 'pending');
    assert.equal(await read(p('app.ts')), mine);
  });

  it('keeps the unchecked hunks of a file pending against its new text', async () => {
    await writeSettled({ [p('app.ts')]: APP });
    const set = pending.changeSet;
    assert.equal((await set.write(p('app.ts'), APP_EDITED, 'app')).ok, true);
    const secondHunkOnly = APP.replace('const app = express();\n', 'const app = express();\napp.use(auth);\n');
    const seen = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const review = reviewPendingChanges(pending, plans, { notify: false });
    const preview = (): string | undefined => previewDoc(p('app.ts'), seen)?.getText();
    await waitFor('the Refactor Preview', () => preview());
    await run('refactorPreview.groupByFile');
    await run('list.collapseAll');
    await run('list.focusFirst');
    await run('refactorPreview.toggleCheckedState'); // the file row: both hunks
    await waitFor('both hunks checked', () => (preview() === APP_EDITED ? true : undefined));
    // Uncheck the first hunk: expand the file row and toggle its first edit. The tree expands
    // asynchronously, so check the effect in the preview and retry if the toggle hit the file row.
    for (let attempt = 0; ; attempt++) {
      await run('list.collapseAll');
      await run('list.focusFirst');
      await run('list.expand');
      await run('list.focusDown');
      await run('refactorPreview.toggleCheckedState');
      const outcome = await waitFor('the preview to follow the toggle', () => {
        const text = preview();
        return text === secondHunkOnly || text === APP ? text : undefined;
      });
      if (outcome === secondHunkOnly) break;
      assert.ok(attempt < 5, 'could not reach the first hunk of app.ts in the preview tree');
      await run('refactorPreview.toggleCheckedState');
      await waitFor('both hunks checked again', () => (preview() === APP_EDITED ? true : undefined));
    }
    await run('refactorPreview.apply');
    const result = await review;
    assert.deepEqual(result.applied, []);
    assert.deepEqual(result.skipped, [p('app.ts')]);
    assert.deepEqual(result.partial, [p('app.ts')]);
    // VS Code's own refactoring auto-save may still be writing the document when applyEdit resolves.
    const onDisk = await waitFor('the checked hunk on disk', async () => {
      const text = await read(p('app.ts'));
      return text === secondHunkOnly ? text : undefined;
    }, 10_000).catch(async () => read(p('app.ts')));
    assert.equal(onDisk, secondHunkOnly, 'the checked hunk is on disk (saved)');
    const rest = pending.changeSet.get(p('app.ts'));
    assert.equal(rest?.content, APP_EDITED);
    assert.equal(rest?.baseContent, secondHunkOnly);
    assert.deepEqual(rest?.todoIds, ['app']);
    assert.deepEqual(await pending.changeSet.staleEntries(), []);
    assert.equal(plans.status('app'), 'pending');
  });

  it('discarding the preview writes nothing and keeps everything pending', async () => {
    await stageThree();
    const before = pending.changeSet.entries();
    const result = await reviewWith(() => reviewPendingChanges(pending, plans, { notify: false }), {
      editedPath: p('app.ts'),
      grouping: 'type',
      tick: [0, 1],
      discard: true,
    });
    assert.deepEqual(result.applied, []);
    assert.equal(result.skipped.length, 3);
    assert.equal(await read(p('app.ts')), APP);
    assert.equal(await read(p('auth.ts')), undefined);
    assert.deepEqual(pending.changeSet.entries(), before);
  });

  it('pending changes survive re-creating PendingChanges from the same state', async () => {
    await stageThree();
    await pending.flush();
    const again = new PendingChanges(state, new VscodeWorkspace(root()));
    assert.deepEqual(again.changeSet.entries(), pending.changeSet.entries());
    assert.deepEqual(again.restoreProblems, []);
    again.dispose();
  });

  it('the Workspace reads an open editor\'s unsaved text and lists files without .git', async () => {
    await write(p('open.ts'), 'on disk\n');
    const doc = await vscode.workspace.openTextDocument(fileUri(p('open.ts')));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'unsaved '));
    assert.equal(decoder.decode(await workspace.readFile(p('open.ts'))), 'unsaved on disk\n');
    assert.equal((await workspace.stat(p('open.ts')))?.kind, 'file');
    assert.equal((await workspace.stat(dir))?.kind, 'directory');
    assert.equal(await workspace.readFile(p('missing.ts')), undefined);
    assert.equal(await workspace.readFile(dir), undefined);
    assert.equal(await workspace.realPath(p('missing.ts')), undefined);
    assert.ok((await workspace.realPath(p('open.ts')))?.endsWith('open.ts'));
    await write(`${dir}/.git/HEAD`, 'ref\n');
    const files = await workspace.listFiles();
    assert.ok(files.includes(p('open.ts')));
    assert.ok(!files.some((f) => f.includes('.git/')), files.join('\n'));
    assert.throws(() => workspace.uri('../outside.ts'), /outside the workspace/);
    await workspace.writeFile(p('deep/new.ts'), encoder.encode('x\n'));
    assert.equal(await read(p('deep/new.ts')), 'x\n');
    await workspace.deleteFile(p('deep/new.ts'));
    await workspace.deleteFile(p('deep/new.ts'));
    assert.equal(await read(p('deep/new.ts')), undefined);
    await run('workbench.action.revertAndCloseActiveEditor');
  });

  describe('commands', () => {
    it('devBackend.reviewChanges reviews the extension\'s own pending changes', async () => {
      const shared = vscode.extensions.getExtension<DevBackendApi>(EXTENSION_ID)?.exports.pendingChanges;
      assert.ok(shared, 'the extension exports its pending changes');
      shared.changeSet.clear();
      await writeSettled({ [p('app.ts')]: APP });
      assert.equal((await shared.changeSet.write(p('app.ts'), APP_EDITED)).ok, true);
      assert.equal((await shared.changeSet.write(p('later.ts'), 'not in this review\n')).ok, true);
      const result = await reviewWith(
        async () => (await vscode.commands.executeCommand('devBackend.reviewChanges', { notify: false, paths: [p('app.ts')] })) as ReviewResult,
        { editedPath: p('app.ts'), grouping: 'file', tick: [0], expectPreview: APP_EDITED },
      );
      assert.deepEqual(result.applied, [p('app.ts')]);
      assert.deepEqual(result.skipped, []);
      assert.equal(await read(p('app.ts')), APP_EDITED);
      assert.deepEqual(shared.changeSet.entries().map((e) => e.path), [p('later.ts')], 'only the given paths were reviewed');
      shared.changeSet.clear();
    });

    it('devBackend.reviewChanges with nothing pending resolves at once; discard drops all after skipping the question', async () => {
      const extension = vscode.extensions.getExtension<DevBackendApi>(EXTENSION_ID);
      const shared = extension?.exports.pendingChanges;
      assert.ok(shared, 'the extension exports its pending changes');
      shared.changeSet.clear();
      const empty = (await vscode.commands.executeCommand('devBackend.reviewChanges', { notify: false })) as ReviewResult;
      assert.deepEqual(empty.applied, []);
      assert.deepEqual(empty.skipped, []);

      assert.equal((await shared.changeSet.write(p('one.ts'), '1\n')).ok, true);
      assert.equal((await shared.changeSet.write(p('two.ts'), '2\n')).ok, true);
      const dropped = await vscode.commands.executeCommand('devBackend.discardChanges', { skipConfirmation: true });
      assert.equal(dropped, 2);
      assert.equal(shared.size, 0);
      assert.equal(await read(p('one.ts')), undefined);
    });
  });
});
