// The Refactor Preview's grouping. VS Code 1.139 keeps it in the preview's own memory (the profile storage key
// "refactorPreview.groupByFile", read when the panel is created, written by its grouping button and by the commands
// refactorPreview.groupByType / groupByFile), by file until told otherwise. Dev Backend asks for the grouping by task
// (each task a group; entries carry the task's label) during a person's first review only: from then on the preview's
// memory holds what the user last picked, so a switch back to by-file sticks. An extension can neither read that memory
// nor know when the preview has its input, so the first review asks when the first of the preview's file copies opens
// and once more shortly after (the command does nothing when the preview is already grouped by type).
import vscode = require('vscode');

/** Where the extension remembers that it asked once (its globalState). */
export type GroupingMemory = Pick<vscode.Memento, 'get' | 'update'>;

const ASKED_KEY = 'devBackend.review.askedPreviewToGroupByTask';
/** The scheme of the preview's copies of the files: the first opens once the preview has its input. */
const PREVIEW_SCHEME = 'vscode-bulkeditpreview-editor';
/** The second ask, in case the first came before the preview drew its tree. Later copies (the preview's multi-diff
 * editor opens some when the user clicks a file) must not ask: by then a switch to by-file is the user's. */
const SECOND_ASK_MS = 1500;
const NOTHING: vscode.Disposable = { dispose: () => undefined };

/** Whether a review has asked the preview for its grouping by task already (then the preview's memory rules). */
export function askedForTaskGrouping(memory: GroupingMemory | undefined): boolean {
  return memory?.get<boolean>(ASKED_KEY) === true;
}

/**
 * During a person's first review, asks the preview that is about to open for its grouping by task. Dispose when the
 * review ends. Without a memory (tests), asks every time.
 */
export function groupPreviewByTask(memory: GroupingMemory | undefined, log?: { info?(message: string): void }): vscode.Disposable {
  if (askedForTaskGrouping(memory)) return NOTHING;
  let second: ReturnType<typeof setTimeout> | undefined;
  const ask = (): void => {
    void vscode.commands.executeCommand('refactorPreview.groupByType').then(
      () => void memory?.update(ASKED_KEY, true),
      () => undefined,
    );
  };
  const subscription = vscode.workspace.onDidOpenTextDocument((doc) => {
    if (doc.uri.scheme !== PREVIEW_SCHEME) return;
    subscription.dispose();
    log?.info?.('Review: asking the Refactor Preview to group the changes by task (once; it keeps what the user picks next).');
    ask();
    second = setTimeout(ask, SECOND_ASK_MS);
  });
  return {
    dispose: () => {
      subscription.dispose();
      clearTimeout(second);
    },
  };
}
