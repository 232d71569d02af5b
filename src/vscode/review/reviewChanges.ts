// Review the pending changes in the Refactor Preview, then record what landed. Stale changes (their file
// changed since the agent computed them) are never part of the edit: they are reported and wait for the
// user to regenerate or discard them.
import vscode = require('vscode');
import type { ChangeEntry } from '../../core/changes/changeEntry';
import { type CurrentFile, type Landing, landingOf, todosFullyLanded } from '../../core/changes/changeLanding';
import type { ChangeSet } from '../../core/changes/changeSet';
import { contentHash, decodeFile } from '../../core/changes/fileText';
import type { Plan, TodoStatus } from '../../core/plan/todo';
import type { Workspace } from '../../core/workspace/workspace';
import { VscodeWorkspace } from '../workspace/vscodeWorkspace';
import type { PendingChanges, PendingChangesLog } from './pendingChanges';
import { buildReviewEdit } from './reviewEdit';
import { groupPreviewByTask, type GroupingMemory } from './previewGrouping';
import { openStagedDiff } from './stagedDiff';
import { emptyReviewResult, type ReviewResult, reviewOpeningMessage, reviewSummary, staleMessage } from './reviewMessages';
import { prpPathOf, prpUriOf } from '../workspace/prpDocument';

export type { ReviewResult } from './reviewMessages';

/** The part of the PlanStore the review needs (marking todos). */
export interface ReviewPlans {
  readonly activePlan: Plan | undefined;
  updateActive(fn: (plan: Plan) => Plan): unknown;
}

/** What "Regenerate" hands to whoever re-runs the work: the dropped stale paths and their todos (now pending). */
export interface RegenerateRequest {
  paths: string[];
  todoIds: string[];
}

export interface ReviewOptions {
  /** Notifications for "nothing pending", stale changes and the outcome (default true). */
  notify?: boolean;
  /** Review only these paths (e.g. one task's files in perTask review mode); default: every pending change. */
  paths?: readonly string[];
  /** Open the preview grouped by task the first time (see previewGrouping.ts); default: when `notify` (a person's review). */
  groupByTask?: boolean;
  /** What the preview says about the validation gates for the pending changes (see validatedChanges.ts). */
  validationNote?: (plan: Plan | undefined, pending: readonly ChangeEntry[]) => string;
  /** Where the review remembers that it asked the preview for its grouping by task (globalState). */
  groupingMemory?: GroupingMemory;
  /** Called after the user picked "Regenerate" on the stale warning (the stale changes are dropped by then). */
  onRegenerate?: (request: RegenerateRequest) => void | Promise<void>;
  log?: PendingChangesLog;
}

const REGENERATE = 'Regenerate';
const DISCARD = 'Discard';
const running = new WeakMap<PendingChanges, Promise<ReviewResult>>();

/** Opens the Refactor Preview over the pending changes; resolves once it was applied or discarded. One at a time. */
export function reviewPendingChanges(pending: PendingChanges, plans: ReviewPlans, options: ReviewOptions = {}): Promise<ReviewResult> {
  const current = running.get(pending);
  if (current) {
    // The preview may just be hidden: show it again rather than start a second one.
    void vscode.commands.executeCommand('refactorPreview.focus').then(undefined, () => undefined);
    return current;
  }
  const review = runReview(pending, plans, options).finally(() => running.delete(pending));
  running.set(pending, review);
  return review;
}

async function runReview(pending: PendingChanges, plans: ReviewPlans, options: ReviewOptions): Promise<ReviewResult> {
  const notify = options.notify ?? true;
  const changeSet = pending.changeSet;
  const result = emptyReviewResult();
  const only = options.paths && new Set(options.paths);
  const entries = changeSet.entries().filter((e) => !only || only.has(e.path));
  if (entries.length === 0) {
    if (notify) void vscode.window.showInformationMessage('Dev Backend: no pending changes to review.');
    return result;
  }

  const stale = new Set(await changeSet.staleEntries());
  result.stale = entries.filter((e) => stale.has(e.path)).map((e) => e.path);
  result.staleTodoIds = unique(entries.filter((e) => stale.has(e.path)).flatMap((e) => e.todoIds));
  if (result.stale.length > 0) {
    options.log?.warn(`Review: stale, left out: ${result.stale.join(', ')}`);
    if (notify) offerStaleChoices(pending, plans, result.stale, options);
  }
  const reviewed = entries.filter((e) => !stale.has(e.path));
  if (reviewed.length === 0) return result;

  const note = options.validationNote?.(plans.activePlan, changeSet.entries());
  if (note !== undefined) result.validationNote = note;
  const { edit } = buildReviewEdit(reviewed, plans.activePlan, (path) => uriOf(pending.workspace, path), note);
  const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
  const prpTab = openPrpTab(plans.activePlan);
  // Beside the preview (whose unticked entries show no diff): every change readable before it is ticked.
  if (notify) await openStagedDiff(reviewed, (path) => uriOf(pending.workspace, path));
  const grouping = options.groupByTask ?? notify ? groupPreviewByTask(options.groupingMemory, options.log) : undefined;
  try {
    const applying = vscode.workspace.applyEdit(edit, { isRefactoring: true });
    if (notify) void vscode.window.showInformationMessage(`Dev Backend: ${reviewOpeningMessage(reviewed.length)}`);
    await applying;
  } catch (error) {
    // Bulk edits are not atomic across files: record whatever landed before reporting.
    options.log?.error('Review: applying the edit failed', error);
    if (notify) void vscode.window.showErrorMessage(`Dev Backend: applying the changes failed: ${errorText(error)}`);
  } finally {
    grouping?.dispose();
  }
  await saveEditedDocuments(reviewed, dirtyBefore, pending.workspace, options.log);
  await reopenPrp(prpTab);

  const landed: ChangeEntry[] = [];
  for (const entry of reviewed) {
    const landing = landingOf(entry, await currentFile(pending.workspace, entry.path));
    await settle(changeSet, entry, landing, options.log);
    if (landing === 'landed') {
      landed.push(entry);
      result.applied.push(entry.path);
    } else {
      result.skipped.push(entry.path);
      if (landing === 'partial') result.partial.push(entry.path);
    }
  }
  const done = todosFullyLanded(landed, changeSet.entries());
  if (done.length > 0) plans.updateActive((plan) => withStatus(plan, done, 'completed'));
  options.log?.info?.(`Review: ${reviewSummary(result)}`);
  if (notify) void vscode.window.showInformationMessage(`Dev Backend: ${reviewSummary(result)}`);
  return result;
}

/**
 * Brings the pending set in line with the disk for one reviewed entry: a landed change leaves the set; a
 * partly applied one (or one the run restaged during the review) is restaged against the file's new text.
 */
async function settle(changeSet: ChangeSet, reviewed: ChangeEntry, landing: Landing, log: PendingChangesLog | undefined): Promise<void> {
  const now = changeSet.get(reviewed.path);
  if (!now) return;
  const unchangedDuringReview = now.content === reviewed.content && now.baseHash === reviewed.baseHash;
  if (landing === 'landed' && unchangedDuringReview) changeSet.remove([reviewed.path]);
  else if (landing === 'landed' || landing === 'partial') await restage(changeSet, now, log);
}

/** Re-stages an entry's target over the file as it is now (its todos kept). */
async function restage(changeSet: ChangeSet, entry: ChangeEntry, log: PendingChangesLog | undefined): Promise<void> {
  changeSet.remove([entry.path]);
  const todoIds = entry.todoIds.length > 0 ? entry.todoIds : [undefined];
  for (const todoId of todoIds) {
    const staged =
      entry.content === undefined
        ? await changeSet.delete(entry.path, todoId)
        : await changeSet.write(entry.path, entry.content, todoId);
    if (!staged.ok) {
      log?.warn(`Review: could not keep the rest of ${entry.path} pending: ${staged.error}`);
      return;
    }
  }
}

/** The PRP's open editor tab, if any: the preview's diff editors can replace it (a preview tab). */
function openPrpTab(plan: Plan | undefined): vscode.Uri | undefined {
  const uri = plan ? prpUriOf(plan.prpPath) : undefined;
  if (!uri) return undefined;
  const open = vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()));
  return open ? uri : undefined;
}

/** Opens the PRP again (kept, not a preview tab) when the review closed its tab. */
async function reopenPrp(uri: vscode.Uri | undefined): Promise<void> {
  if (!uri || openPrpTab({ prpPath: prpPathOf(uri), title: '', todos: [] })) return;
  await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: true }).then(undefined, () => undefined);
}

/** With files.refactoring.autoSave (the default), saves the documents the review edited and left unsaved. */
async function saveEditedDocuments(
  reviewed: readonly ChangeEntry[],
  dirtyBefore: ReadonlySet<string>,
  workspace: Workspace,
  log: PendingChangesLog | undefined,
): Promise<void> {
  if (vscode.workspace.getConfiguration('files').get<boolean>('refactoring.autoSave') === false) return;
  const edited = new Set(reviewed.map((e) => uriOf(workspace, e.path).toString()));
  for (const doc of vscode.workspace.textDocuments) {
    const key = doc.uri.toString();
    if (!doc.isDirty || dirtyBefore.has(key) || !edited.has(key)) continue;
    try {
      if (!(await doc.save())) log?.warn(`Review: ${doc.uri.fsPath} was not saved`);
    } catch (error) {
      log?.error(`Review: saving ${doc.uri.fsPath} failed`, error);
    }
  }
}

function offerStaleChoices(pending: PendingChanges, plans: ReviewPlans, paths: string[], options: ReviewOptions): void {
  void vscode.window.showWarningMessage(`Dev Backend: ${staleMessage(paths)}`, REGENERATE, DISCARD).then(async (choice) => {
    try {
      if (choice === DISCARD) {
        discardChanges(pending, paths);
      } else if (choice === REGENERATE) {
        const request = regenerateStaleChanges(pending, plans, paths);
        if (options.onRegenerate) await options.onRegenerate(request);
        else {
          void vscode.window.showInformationMessage(
            `Dev Backend: the stale changes were dropped and their tasks are pending again; run Implement Backend to redo them.`,
          );
        }
      }
    } catch (error) {
      options.log?.error('Review: handling the stale changes failed', error);
    }
  });
}

/**
 * Drops the given stale changes and sets their todos back to pending, so a new run redoes them against
 * the files as they are now. Returns what to re-run.
 */
export function regenerateStaleChanges(pending: PendingChanges, plans: ReviewPlans, paths: readonly string[]): RegenerateRequest {
  const entries = paths.map((p) => pending.changeSet.get(p)).filter((e): e is ChangeEntry => e !== undefined);
  const todoIds = unique(entries.flatMap((e) => e.todoIds));
  pending.changeSet.remove(entries.map((e) => e.path));
  if (todoIds.length > 0) plans.updateActive((plan) => withStatus(plan, todoIds, 'pending'));
  return { paths: entries.map((e) => e.path), todoIds };
}

/** Drops pending changes (all, or `paths`); returns how many were dropped. */
export function discardChanges(pending: PendingChanges, paths?: readonly string[]): number {
  const before = pending.changeSet.size;
  if (paths === undefined) pending.changeSet.clear();
  else pending.changeSet.remove(paths);
  return before - pending.changeSet.size;
}

async function currentFile(workspace: Workspace, path: string): Promise<CurrentFile> {
  const bytes = await workspace.readFile(path);
  if (bytes === undefined) return { exists: false };
  const decoded = decodeFile(bytes);
  return { exists: true, hash: contentHash(bytes), text: decoded.kind === 'text' ? decoded.text : undefined };
}

function uriOf(workspace: Workspace, path: string): vscode.Uri {
  return workspace instanceof VscodeWorkspace ? workspace.uri(path) : vscode.Uri.joinPath(vscode.Uri.file(workspace.root), ...path.split('/'));
}

function withStatus(plan: Plan, ids: readonly string[], status: TodoStatus): Plan {
  const wanted = new Set(ids);
  if (!plan.todos.some((t) => wanted.has(t.id) && t.status !== status)) return plan;
  return { ...plan, todos: plan.todos.map((t) => (wanted.has(t.id) && t.status !== status ? { ...t, status } : t)) };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
