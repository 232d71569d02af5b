// Inside the VS Code host: 200 staged files through the review path (ChangeSet -> reviewPendingChanges -> the real
// Refactor Preview, ticked and applied with its own commands); the same edit handed to VS Code's preview directly;
// and a plain applyEdit of 200 createFile entries. Each timed from the Apply to every file on disk with its content.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Plan, Todo } from '../../src/core/plan/todo';
import { PendingChanges } from '../../src/vscode/review/pendingChanges';
import { reviewPendingChanges, type ReviewPlans } from '../../src/vscode/review/reviewChanges';
import { buildReviewEdit } from '../../src/vscode/review/reviewEdit';
import { VscodeWorkspace } from '../../src/vscode/workspace/vscodeWorkspace';
import { generatedSource } from '../../test/fakes/scriptedImplementer';
import { BENCH_DIR_ENV, previewReadyFile, WAITING_FOR_PREVIEW, type ApplyTiming } from './hostProtocol';

const PREVIEW_SCHEME = 'vscode-bulkeditpreview-editor';
const TASKS = 10;
/** Of each task's files, this many edit an existing file; the rest are new. */
const EDITS_PER_TASK = 4;
const FILE_LINES = 80;
let previewWaits = 0;

/** Asks the bench parent to watch the page until the Refactor Preview panel shows its rows and Apply (hostProtocol.ts). */
async function previewShown(): Promise<void> {
  const dir = process.env[BENCH_DIR_ENV];
  if (!dir) throw new Error(`${BENCH_DIR_ENV} is not set`);
  const sequence = String(++previewWaits);
  console.log(`${WAITING_FOR_PREVIEW}${sequence}`);
  await until('the bench parent to see the Refactor Preview', () => fs.existsSync(previewReadyFile(dir, sequence)));
  if (fs.readFileSync(previewReadyFile(dir, sequence), 'utf8') !== 'true') throw new Error('the Refactor Preview panel did not show its rows');
  await sleep(500);
}

/** One file of the change: new, or an existing file with a line inserted after its first. */
interface FileChange {
  rel: string;
  task: number;
  kind: 'create' | 'edit';
  /** The new file, or the existing file's first line (the edit's anchor). */
  content: string;
  anchor: string;
  /** What the file must hold once applied. */
  expected: string;
}

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
const taskLine = (task: number): string => `// Implement part ${task + 1}`;

/** Polls until `probe` is true; a guard against hangs, not a timed assertion. `state` explains a timeout. */
async function until(what: string, probe: () => boolean, state: () => string = () => '', timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!probe()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}${state() ? ` (${state()})` : ''}`);
    await sleep(2);
  }
}

/** `probe` is true once every file has its expected content (sizes first: cheap while the apply is still running). */
function onDisk(root: vscode.Uri, changes: readonly FileChange[]): { probe: () => boolean; state: () => string } {
  const done = new Set<string>();
  const state = (): string => {
    const left = changes.filter((c) => !done.has(c.rel));
    const missing = left.filter((c) => !fs.existsSync(path.join(root.fsPath, c.rel)));
    return `${left.length} not there yet: ${missing.length} missing, ${left.length - missing.length} with other content, e.g. ${left[0]?.rel ?? '-'}`;
  };
  const probe = (): boolean => {
    for (const change of changes) {
      if (done.has(change.rel)) continue;
      const file = path.join(root.fsPath, change.rel);
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch {
        return false;
      }
      if (size !== Buffer.byteLength(change.expected) || fs.readFileSync(file, 'utf8') !== change.expected) return false;
      done.add(change.rel);
    }
    return true;
  };
  return { probe, state };
}

/**
 * `files` changes over TASKS tasks in a fresh folder; the files to edit are written to disk first, and this waits
 * until VS Code's file watcher has reported them: a change reported after a preview opened is a conflict, and the
 * preview then refuses to apply.
 */
async function prepare(root: vscode.Uri, label: string, files: number): Promise<FileChange[]> {
  const dir = `bench-${label}-${Date.now()}`;
  const perTask = Math.ceil(files / TASKS);
  const changes: FileChange[] = [];
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, `${dir}/**`));
  const reported = new Set<string>();
  watcher.onDidCreate((uri) => reported.add(uri.fsPath));
  watcher.onDidChange((uri) => reported.add(uri.fsPath));
  try {
    for (let i = 0; i < files; i++) {
      const task = Math.floor(i / perTask);
      const rel = `${dir}/part${task + 1}/file${i + 1}.ts`;
      const content = generatedSource(rel, FILE_LINES);
      const anchor = content.split('\n')[0];
      if (i % perTask < EDITS_PER_TASK) {
        const abs = path.join(root.fsPath, rel);
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(abs, content);
        changes.push({ rel, task, kind: 'edit', content, anchor, expected: content.replace(anchor, `${anchor}\n${taskLine(task)}`) });
      } else {
        changes.push({ rel, task, kind: 'create', content, anchor, expected: content });
      }
    }
    // The watcher folds the events of files created inside a new folder into that folder's event.
    const covered = (file: string): boolean => {
      for (let p = file; p.length > root.fsPath.length; p = path.dirname(p)) if (reported.has(p)) return true;
      return false;
    };
    const written = changes.filter((c) => c.kind === 'edit').map((c) => path.join(root.fsPath, c.rel));
    await until('the file watcher to report the files to edit', () => written.every(covered), () => `${written.filter(covered).length}/${written.length} reported`, 30_000);
    await sleep(500); // and let the last events reach every listener
    return changes;
  } finally {
    watcher.dispose();
  }
}

interface PreviewDrive {
  previewOpenMs: number;
  toDiskMs: number;
  resolvedMs: number;
}

/**
 * Starts a review (or applyEdit) that opens the Refactor Preview, waits until the preview shows every edited file,
 * ticks each task's row (grouped by type), applies, and times the Apply until every file is on disk.
 */
async function drivePreview(root: vscode.Uri, changes: readonly FileChange[], tick: boolean, start: () => Thenable<unknown>): Promise<PreviewDrive> {
  const edited = changes.filter((c) => c.kind === 'edit').map((c) => vscode.Uri.joinPath(root, ...c.rel.split('/')).path);
  const seen = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  const previews = (): number =>
    vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PREVIEW_SCHEME && !seen.has(d.uri.toString()) && edited.includes(d.uri.path)).length;
  const started = performance.now();
  let resolvedAt: number | undefined;
  const pending = Promise.resolve(start());
  void pending.finally(() => (resolvedAt = performance.now())).catch(() => undefined);
  await until('the Refactor Preview to show the edited files', () => resolvedAt !== undefined || previews() === edited.length);
  if (resolvedAt !== undefined) throw new Error('the apply ended before its preview was driven');
  const previewOpenMs = performance.now() - started;
  // Focus (and so create) the preview's view: Apply and the list commands act on it. Its documents exist before
  // the panel shows the new input, and commands sent earlier act on nothing (an Apply then resolves false), so wait
  // for the page to show its rows; this costs bench time only, the figures start at Apply.
  await vscode.commands.executeCommand('refactorPreview.focus');
  await previewShown();
  if (tick) {
    await vscode.commands.executeCommand('refactorPreview.groupByType');
    await vscode.commands.executeCommand('list.collapseAll');
    await vscode.commands.executeCommand('list.focusFirst');
    for (let t = 0; t < TASKS; t++) {
      if (t > 0) await vscode.commands.executeCommand('list.focusDown');
      await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
    }
  }
  const applyAt = performance.now();
  void vscode.commands.executeCommand('refactorPreview.apply');
  const disk = onDisk(root, changes);
  // Once the apply has settled, a file still missing will not come: stop waiting a second later.
  await until(`${changes.length} files on disk`, () => disk.probe() || (resolvedAt !== undefined && performance.now() - resolvedAt > 1000), disk.state);
  const toDiskMs = performance.now() - applyAt;
  if (!disk.probe()) throw new Error(`the apply settled without every file on disk (${disk.state()})`);
  await pending;
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await sleep(1000); // the next preview starts from a settled panel
  return { previewOpenMs, toDiskMs, resolvedMs: (resolvedAt ?? performance.now()) - applyAt };
}

/** The review path: the changes staged in a ChangeSet, reviewPendingChanges opens the preview. */
export async function timeReview(root: vscode.Uri, files: number): Promise<ApplyTiming> {
  const changes = await prepare(root, 'review', files);
  const todos: Todo[] = Array.from({ length: TASKS }, (_, t) => ({
    id: `task-${t + 1}`,
    content: `Implement part ${t + 1}`,
    activeForm: `Implementing part ${t + 1}`,
    status: 'completed',
  }));
  const plans = new BenchPlans({ prpPath: 'PRPs/bench.md', title: 'Review benchmark', todos });
  const workspace = new VscodeWorkspace(root);
  const pending = new PendingChanges(new MemoryMemento(), workspace);
  try {
    for (const c of changes) {
      const staged =
        c.kind === 'edit'
          ? await pending.changeSet.edit(c.rel, c.anchor, `${c.anchor}\n${taskLine(c.task)}`, false, todos[c.task].id)
          : await pending.changeSet.write(c.rel, c.content, todos[c.task].id);
      if (!staged.ok) throw new Error(`staging ${c.rel} failed: ${staged.error}`);
    }
    // Our share of preparing the review, timed on its own: the stale check reads every file, then the edit is built.
    let mark = performance.now();
    await pending.changeSet.staleEntries();
    const staleCheckMs = performance.now() - mark;
    mark = performance.now();
    buildReviewEdit(pending.changeSet.entries(), plans.activePlan, (p) => workspace.uri(p));
    const buildEditMs = performance.now() - mark;

    let counts = { applied: 0, skipped: 0 };
    const drive = await drivePreview(root, changes, true, async () => {
      const result = await reviewPendingChanges(pending, plans, { notify: false });
      counts = { applied: result.applied.length, skipped: result.skipped.length };
    });
    return { files, ...drive, staleCheckMs, buildEditMs, ...counts };
  } finally {
    pending.dispose();
  }
}

/**
 * VS Code's own preview apply of the same kind of change, without our ChangeSet or review: the 200 entries go in
 * pre-checked (no needsConfirmation) and one extra entry needs confirmation, which is what opens the preview; so
 * nothing needs ticking (driving the preview's rows a second time in one window proved flaky) and Apply applies the 200.
 */
export async function timePreviewOnly(root: vscode.Uri, files: number): Promise<ApplyTiming> {
  const changes = await prepare(root, 'preview', files);
  const edit = new vscode.WorkspaceEdit();
  const encoder = new TextEncoder();
  const metadata = Array.from({ length: TASKS }, (_, t): vscode.WorkspaceEditEntryMetadata => ({ label: `Task ${t + 1}: Implement part ${t + 1}`, needsConfirmation: false }));
  for (const c of changes) {
    const uri = vscode.Uri.joinPath(root, ...c.rel.split('/'));
    if (c.kind === 'edit') edit.insert(uri, new vscode.Position(1, 0), `${taskLine(c.task)}\n`, metadata[c.task]);
    else edit.createFile(uri, { contents: encoder.encode(c.content), ignoreIfExists: true }, metadata[c.task]);
  }
  const opener = vscode.Uri.joinPath(root, changes[0].rel.split('/')[0], 'unchecked.txt');
  edit.createFile(opener, { contents: encoder.encode('left unchecked\n'), ignoreIfExists: true }, { label: 'Unchecked', needsConfirmation: true });
  // Like the review, save what the preview left unsaved (the edited files).
  const drive = await drivePreview(root, changes, false, async () => {
    await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    await vscode.workspace.saveAll(false);
  });
  return { files, ...drive };
}

/** workspace.applyEdit of `files` createFile entries with contents, no confirmation. */
export async function timeApplyEdit(root: vscode.Uri, files: number): Promise<ApplyTiming> {
  const changes = (await prepare(root, 'apply', files)).map((c): FileChange => ({ ...c, kind: 'create', expected: c.content }));
  // prepare() wrote the files meant for edits; this variant only creates, so start from an empty folder.
  fs.rmSync(path.join(root.fsPath, changes[0].rel.split('/')[0]), { recursive: true, force: true });
  const edit = new vscode.WorkspaceEdit();
  const encoder = new TextEncoder();
  for (const c of changes) edit.createFile(vscode.Uri.joinPath(root, ...c.rel.split('/')), { contents: encoder.encode(c.content) });
  const started = performance.now();
  const ok = await vscode.workspace.applyEdit(edit);
  const resolvedMs = performance.now() - started;
  if (!ok) throw new Error('workspace.applyEdit returned false');
  const disk = onDisk(root, changes);
  await until(`${files} files on disk`, disk.probe, disk.state);
  return { files, toDiskMs: performance.now() - started, resolvedMs };
}
