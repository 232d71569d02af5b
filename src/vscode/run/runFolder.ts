// A run reads and stages files in the first workspace folder (the review's ChangeSet is rooted there). A PRP that
// lives in another folder of a multi-root workspace would have its files created in the wrong project: refuse it.
// Only type imports from 'vscode', so this is unit-tested in plain Node.
import type { Uri, WorkspaceFolder } from 'vscode';

/** Why a run on `prpFolder`'s PRP cannot work in `runFolder`, or undefined when it can. */
export function runFolderProblem(prpPath: string, prpFolder: WorkspaceFolder | undefined, runFolder: WorkspaceFolder | undefined): string | undefined {
  // A PRP outside every folder (an untitled or external file) describes work for the open folder.
  if (!prpFolder || !runFolder || sameUri(prpFolder.uri, runFolder.uri)) return undefined;
  return (
    `${prpPath} is in the workspace folder "${prpFolder.name}", but dev-backend reads and changes files only in the ` +
    `first folder, "${runFolder.name}". Open "${prpFolder.name}" on its own, or move it to the top of the workspace's folders.`
  );
}

function sameUri(a: Uri, b: Uri): boolean {
  return a.toString() === b.toString();
}
