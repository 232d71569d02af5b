// Inside the VS Code host: 200 staged files through the review path (ChangeSet -> reviewPendingChanges ->
// the real Refactor Preview, ticked and applied with its own commands), and the plain applyEdit of 200
// createFile entries for comparison. Times run from the Apply to every file being on disk with its content.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Plan, Todo } from '../../src/core/plan/todo';
import { PendingChanges } from '../../src/vscode/review/pendingChanges';
import { reviewPendingChanges, type ReviewPlans } from '../../src/vscode/review/reviewChanges';
import { buildReviewEdit } from '../../src/vscode/review/reviewEdit';
import { VscodeWorkspace } from '../../src/vscode/workspace/vscodeWorkspace';
import { generatedSource } from '../../test/fakes/scriptedImplementer';
import type { ApplyTiming } from './hostProtocol';

const PREVIEW_SCHEME = 'vscode-bulkeditpreview-editor';
const TASKS = 10;
/** Of each task's files, this many edit an existing file; the rest are new. */
const EDITS_PER_TASK = 4;
const FILE_LINES = 80;

/** workspaceState stand-in: the review's pending set is saved here instead of the extension's state. */
class MemoryMemento implements vscode.Memento {
  private readonly data = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.data.has(key) ? (this.data.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.data.set(key, value);
    return Promise.resolve();
  }
}

class BenchPlans implements ReviewPlans {
  constructor(public activePlan: Plan) {}
  updateActive(fn: (plan: Plan) => Plan): void {
    this.activePlan = fn(this.activePlan);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` is true; a guard against hangs, not a timed assertion. */
async function until(what: string, probe: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!probe()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** True once every file has its expected content (sizes first: cheap while the apply is still running). */
function onDisk(expected: ReadonlyMap<string, string>): () => boolean {
  const done = new Set<string>();
  return () => {
    for (const [file, text] of expected) {
      if (done.has(file)) continue;
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch {
        return false;
      }
      if (size !== Buffer.byteLength(text) || fs.readFileSync(file, 'utf8') !== text) return false;
      done.add(file);
    }
    return true;
  };
}

/** The review path with `files` staged changes over TASKS tasks. */
export async function timeReview(root: vscode.Uri, files: number): Promise<ApplyTiming> {
  const dir = `bench-review-${Date.now()}`;
  const perTask = Math.ceil(files / TASKS);
  const todos: Todo[] = Array.from({ length: TASKS }, (_, t) => ({
    id: `task-${t + 1}`,
    content: `Implement part ${t + 1}`,
    activeForm: `Implementing part ${t + 1}`,
    status: 'completed',
  }));
  const plans = new BenchPlans({ prpPath: 'PRPs/bench.md', title: 'Review benchmark', todos });
  const workspace = new VscodeWorkspace(root);
  const pending = new PendingChanges(new MemoryMemento(), workspace);
  const expected = new Map<string, string>();
  const edited: string[] = [];
  try {
    for (let i = 0; i < files; i++) {
      const task = Math.floor(i / perTask);
      const rel = `${dir}/part${task + 1}/file${i + 1}.ts`;
      const content = generatedSource(rel, FILE_LINES);
      const abs = path.join(root.fsPath, rel);
      if (i % perTask < EDITS_PER_TASK) {
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(abs, content);
        const anchor = content.split('\n')[0];
        const staged = await pending.changeSet.edit(rel, anchor, `${anchor}\n// ${todos[task].content}`, false, todos[task].id);
        if (!staged.ok) throw new Error(`staging the edit of ${rel} failed: ${staged.error}`);
        expected.set(abs, content.replace(anchor, `${anchor}\n// ${todos[task].content}`));
        edited.push(vscode.Uri.joinPath(root, ...rel.split('/')).path);
      } else {
        const staged = await pending.changeSet.write(rel, content, todos[task].id);
        if (!staged.ok) throw new Error(`staging ${rel} failed: ${staged.error}`);
        expected.set(abs, content);
      }
    }

    // Our share of preparing the review, timed on its own: the stale check reads every file, then the edit is built.
    let mark = performance.now();
    await pending.changeSet.staleEntries();
    const staleCheckMs = performance.now() - mark;
    mark = performance.now();
    buildReviewEdit(pending.changeSet.entries(), plans.activePlan, (p) => workspace.uri(p));
    const buildEditMs = performance.now() - mark;

    const seen = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const previews = (): number =>
      vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PREVIEW_SCHEME && !seen.has(d.uri.toString()) && edited.includes(d.uri.path)).length;
    const started = performance.now();
    let resolvedAt: number | undefined;
    const review = reviewPendingChanges(pending, plans, { notify: false });
    void review.finally(() => (resolvedAt = performance.now())).catch(() => undefined);
    await until('the Refactor Preview to show the edited files', () => resolvedAt !== undefined || previews() === edited.length);
    if (resolvedAt !== undefined) throw new Error('the review ended before its preview was driven');
    const previewOpenMs = performance.now() - started;

    // One row per task when grouped by type; tick each, then Apply.
    await vscode.commands.executeCommand('refactorPreview.groupByType');
    await vscode.commands.executeCommand('list.collapseAll');
    await vscode.commands.executeCommand('list.focusFirst');
    for (let t = 0; t < TASKS; t++) {
      if (t > 0) await vscode.commands.executeCommand('list.focusDown');
      await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
    }
    const applyAt = performance.now();
    void vscode.commands.executeCommand('refactorPreview.apply');
    await until(`${files} files on disk`, onDisk(expected));
    const toDiskMs = performance.now() - applyAt;
    const result = await review;
    return {
      files,
      toDiskMs,
      resolvedMs: (resolvedAt ?? performance.now()) - applyAt,
      previewOpenMs,
      staleCheckMs,
      buildEditMs,
      applied: result.applied.length,
      skipped: result.skipped.length,
    };
  } finally {
    pending.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}

/** workspace.applyEdit of `files` createFile entries with contents, no confirmation. */
export async function timeApplyEdit(root: vscode.Uri, files: number): Promise<ApplyTiming> {
  const dir = `bench-apply-${Date.now()}`;
  const edit = new vscode.WorkspaceEdit();
  const expected = new Map<string, string>();
  const encoder = new TextEncoder();
  for (let i = 0; i < files; i++) {
    const rel = `${dir}/part${Math.floor(i / 20) + 1}/file${i + 1}.ts`;
    const content = generatedSource(rel, FILE_LINES);
    const uri = vscode.Uri.joinPath(root, ...rel.split('/'));
    edit.createFile(uri, { contents: encoder.encode(content) });
    expected.set(uri.fsPath, content);
  }
  const started = performance.now();
  const ok = await vscode.workspace.applyEdit(edit);
  const resolvedMs = performance.now() - started;
  if (!ok) throw new Error('workspace.applyEdit returned false');
  await until(`${files} files on disk`, onDisk(expected));
  return { files, toDiskMs: performance.now() - started, resolvedMs };
}
