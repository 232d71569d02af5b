// Staged changes -> one vscode.WorkspaceEdit for the Refactor Preview: every entry needs confirmation and
// carries its task's label (the preview groups by it), new files are created with their contents, edits
// are the changed hunks only, deletions delete.
import vscode = require('vscode');
import type { ChangeEntry } from '../../core/changes/changeEntry';
import { minimalTextEdits } from '../../core/changes/minimalEdits';
import { groupChangesByTask } from '../../core/changes/reviewGroups';
import type { Plan } from '../../core/plan/todo';
import { describePaths } from './reviewMessages';

const encoder = new TextEncoder();
const BOM = '\uFEFF';

export interface ReviewEdit {
  edit: vscode.WorkspaceEdit;
  /** The entries in the edit, in the order they were added (task by task). */
  entries: ChangeEntry[];
  /** The preview's groups (when grouped by type): their labels and paths, in order. */
  groups: { label: string; paths: string[] }[];
}

/**
 * `uriOf` maps a workspace-relative path to its URI. `validationNote` ("validated: Level 1, Level 2 passed" or
 * "not validated") ends every group's description, so the preview says which gates passed for these changes.
 */
export function buildReviewEdit(
  entries: readonly ChangeEntry[],
  plan: Plan | undefined,
  uriOf: (path: string) => vscode.Uri,
  validationNote?: string,
): ReviewEdit {
  const edit = new vscode.WorkspaceEdit();
  const ordered: ChangeEntry[] = [];
  const groups: ReviewEdit['groups'] = [];
  for (const group of groupChangesByTask(entries, plan)) {
    groups.push({ label: group.label, paths: group.entries.map((e) => e.path) });
    // One metadata object per group: the preview takes a category's label and description from its first entry.
    const metadata: vscode.WorkspaceEditEntryMetadata = {
      label: group.label,
      description: [describePaths(group.entries.map((e) => e.path)), validationNote].filter(Boolean).join(' · '),
      needsConfirmation: true,
    };
    for (const entry of group.entries) {
      addEntry(edit, entry, uriOf(entry.path), metadata);
      ordered.push(entry);
    }
  }
  return { edit, entries: ordered, groups };
}

function addEntry(edit: vscode.WorkspaceEdit, entry: ChangeEntry, uri: vscode.Uri, metadata: vscode.WorkspaceEditEntryMetadata): void {
  if (entry.content === undefined) {
    edit.deleteFile(uri, { ignoreIfNotExists: true }, metadata);
    return;
  }
  if (entry.kind === 'create') {
    // Never over a file that appeared meanwhile: it is skipped, stays pending and shows up as stale.
    edit.createFile(uri, { contents: encoder.encode(entry.content), ignoreIfExists: true }, metadata);
    return;
  }
  if (entry.baseContent === undefined) {
    // The base was binary: no text to diff against, so the file is replaced as a whole.
    edit.createFile(uri, { contents: encoder.encode(entry.content), overwrite: true }, metadata);
    return;
  }
  // VS Code's text model hides a byte-order mark: positions are counted after it.
  const stripBom = entry.baseContent.startsWith(BOM) && entry.content.startsWith(BOM);
  const base = stripBom ? entry.baseContent.slice(1) : entry.baseContent;
  const content = stripBom ? entry.content.slice(1) : entry.content;
  for (const hunk of minimalTextEdits(base, content)) {
    const range = new vscode.Range(hunk.start.line, hunk.start.character, hunk.end.line, hunk.end.character);
    edit.replace(uri, range, hunk.text, metadata);
  }
}
