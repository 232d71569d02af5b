// Review wiring: the pending changes (restored from workspaceState), the context key that shows the
// Review button, and the commands devBackend.reviewChanges and devBackend.discardChanges.
import vscode = require('vscode');
import { counted } from '../../core/text/plural';
import type { Workspace } from '../../core/workspace/workspace';
import { NoFolderWorkspace } from '../workspace/noFolderWorkspace';
import { VscodeWorkspace } from '../workspace/vscodeWorkspace';
import { PendingChanges, type PendingChangesLog } from './pendingChanges';
import {
  discardChanges,
  type RegenerateRequest,
  reviewPendingChanges,
  type ReviewOptions,
  type ReviewPlans,
  type ReviewResult,
} from './reviewChanges';
import { discardedMessage, discardQuestion } from './reviewMessages';
import { registerStagedContent } from './stagedDiff';

export { PendingChanges } from './pendingChanges';
export { discardChanges, regenerateStaleChanges, reviewPendingChanges } from './reviewChanges';
export type { RegenerateRequest, ReviewOptions, ReviewPlans, ReviewResult } from './reviewChanges';

export const HAS_PENDING_CHANGES_KEY = 'devBackend.hasPendingChanges';

export interface ReviewLog extends PendingChangesLog {
  show?(): void;
}

export interface Review {
  readonly pending: PendingChanges;
  /** The first workspace folder (or, with none open, a workspace that refuses every access). */
  readonly workspace: Workspace;
  /** reviewPendingChanges with this window's pending changes, plan store, log and Regenerate. */
  review(options?: ReviewOptions): Promise<ReviewResult>;
}

export interface ReviewDeps {
  planStore: ReviewPlans;
  log?: ReviewLog;
  /** Re-runs the todos of stale changes when the user picks "Regenerate" (a run, through the Runs service). */
  regenerate?: (request: RegenerateRequest) => Promise<void>;
  /** What the preview says about the validation gates for the pending changes (the validation reports). */
  validationNote?: ReviewOptions['validationNote'];
}

/** Arguments the commands accept (from buttons, tests or automation). */
export interface ReviewCommandArgs {
  /** devBackend.reviewChanges: false = no notifications (the caller shows the result). */
  notify?: boolean;
  /** Review only these workspace-relative paths. */
  paths?: string[];
  /** false: leave the preview's grouping as it is (default: grouped by task unless notify is false). */
  groupByTask?: boolean;
}
export interface DiscardCommandArgs {
  /** devBackend.discardChanges: drop them without the modal question. */
  skipConfirmation?: boolean;
}

export function registerReview(context: vscode.ExtensionContext, deps: ReviewDeps): Review {
  const { planStore, log, regenerate: onRegenerate, validationNote } = deps;
  const workspace: Workspace = VscodeWorkspace.forFirstFolder() ?? new NoFolderWorkspace();
  const pending = new PendingChanges(context.workspaceState, workspace, log);
  context.subscriptions.push(pending);
  registerStagedContent(context, pending);
  reportRestoreProblems(pending, log);

  const showState = (): void => {
    void vscode.commands.executeCommand('setContext', HAS_PENDING_CHANGES_KEY, pending.size > 0);
  };
  context.subscriptions.push(pending.onDidChange(showState));
  showState();

  const review = (options: ReviewOptions = {}): Promise<ReviewResult> =>
    reviewPendingChanges(pending, planStore, {
      ...(log ? { log } : {}),
      ...(onRegenerate ? { onRegenerate } : {}),
      ...(validationNote ? { validationNote } : {}),
      groupingMemory: context.globalState,
      ...options,
    });

  context.subscriptions.push(
    vscode.commands.registerCommand('devBackend.reviewChanges', async (args?: ReviewCommandArgs) => {
      try {
        return await review(reviewOptionsOf(args));
      } catch (error) {
        log?.error('Review failed', error);
        void vscode.window.showErrorMessage(`Dev Backend: the review failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }),
    vscode.commands.registerCommand('devBackend.discardChanges', async (args?: DiscardCommandArgs) => {
      const count = pending.size;
      if (count === 0) {
        void vscode.window.showInformationMessage('Dev Backend: no pending changes to discard.');
        return 0;
      }
      if (!(typeof args === 'object' && args !== null && args.skipConfirmation === true)) {
        const choice = await vscode.window.showWarningMessage(
          discardQuestion(count),
          { modal: true, detail: 'They are dropped without being written to your files. This cannot be undone.' },
          'Discard',
        );
        if (choice !== 'Discard') return 0;
      }
      const paths = pending.changeSet.entries().map((e) => e.path);
      const dropped = discardChanges(pending);
      log?.info?.(`Discarded ${counted(dropped, 'pending change')}.`);
      if (dropped > 0) void vscode.window.showInformationMessage(`Dev Backend: ${discardedMessage(paths)}`);
      return dropped;
    }),
  );

  return {
    pending,
    workspace,
    review,
  };
}

function reportRestoreProblems(pending: PendingChanges, log: ReviewLog | undefined): void {
  const problems = pending.restoreProblems;
  if (problems.length === 0) return;
  const message =
    `Dev Backend: some pending changes could not be restored (${problems[0]}${problems.length > 1 ? ` and ${problems.length - 1} more` : ''}). ` +
    'A copy of what was saved is kept in the workspace state.';
  void vscode.window.showWarningMessage(message, 'Show Log').then((choice) => {
    if (choice === 'Show Log') log?.show?.();
  });
}

/** Command arguments come from anywhere (buttons, other extensions): keep only well-formed fields. */
function reviewOptionsOf(args: unknown): ReviewOptions {
  if (typeof args !== 'object' || args === null) return {};
  const { notify, paths, groupByTask } = args as Record<string, unknown>;
  return {
    ...(notify === false ? { notify: false } : {}),
    ...(groupByTask === false ? { groupByTask: false } : {}),
    ...(Array.isArray(paths) && paths.every((p) => typeof p === 'string') ? { paths: paths as string[] } : {}),
  };
}
