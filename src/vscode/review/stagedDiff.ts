// Every staged change as a readable diff, beside the Refactor Preview. The preview shows an entry's diff only once it
// is ticked, and every entry starts unticked (each needs confirmation), so its first look at a modified file shows it
// unchanged. VS Code's multi-file diff editor (`vscode.changes`) over a read-only view of the staged contents shows
// each file as it is on disk next to what the agent staged, before anything is ticked.
import vscode = require('vscode');
import type { ChangeEntry } from '../../core/changes/changeEntry';
import type { PendingChanges } from './pendingChanges';

export const STAGED_SCHEME = 'devbackend-staged';

/** The staged text of `path` as a read-only document (what the agent wrote, not yet on disk). */
export function stagedUri(path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: STAGED_SCHEME, path: `/${path}` });
}

export function registerStagedContent(context: vscode.ExtensionContext, pending: PendingChanges): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => pending.changeSet.get(uri.path.replace(/^\//, ''))?.content ?? '',
  };
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(STAGED_SCHEME, provider),
    pending.onDidChange(() => {
      for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === STAGED_SCHEME) changed.fire(doc.uri);
    }),
  );
}

/** Opens the staged changes in the multi-file diff editor: on disk (left) against staged (right). */
export async function openStagedDiff(entries: readonly ChangeEntry[], uriOf: (path: string) => vscode.Uri): Promise<void> {
  // Modified files first: their diffs are the ones to read closely; new files follow, then deletions.
  const order = { edit: 0, create: 1, delete: 2 } as const;
  const sorted = [...entries].sort((a, b) => order[a.kind] - order[b.kind] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const resources = sorted.map((e): [vscode.Uri, vscode.Uri | undefined, vscode.Uri | undefined] => {
    const file = uriOf(e.path);
    if (e.content === undefined) return [file, file, undefined];
    return [file, e.kind === 'create' ? undefined : file, stagedUri(e.path)];
  });
  const title = `Staged by Dev Backend: ${entries.length === 1 ? '1 change' : `${entries.length} changes`} (tick them in the Refactor Preview)`;
  await vscode.commands.executeCommand('vscode.changes', title, resources).then(undefined, () => undefined);
}
