// The shape of one staged change, shared by the ChangeSet, its JSON form and its diff.

export type ChangeKind = 'create' | 'edit' | 'delete';

/** Summary of a staged change, for progress UIs. */
export interface StagedChangeInfo {
  path: string;
  kind: ChangeKind;
  todoId?: string;
}

/** Everything staged for one file (at most one entry per path). */
export interface ChangeEntry {
  /** Normalised workspace-relative posix path (the real file when the model named it through a symlink). */
  path: string;
  kind: ChangeKind;
  /** sha256 of the disk bytes the change was computed against; null when the file did not exist. */
  baseHash: string | null;
  /** The original text (edit/delete of a text file), for minimal edits at review; absent for binaries. */
  baseContent?: string;
  /** The new text (create/edit); absent for delete. */
  content?: string;
  /** Ids of the todos whose work touched this file, first first. */
  todoIds: string[];
  /** Commands (run_command) whose run changed this file, first first; absent when none did. */
  commands?: string[];
}

/** The persisted form of a ChangeSet (see changeSetJson.ts). */
export interface ChangeSetJson {
  version: 1;
  entries: ChangeEntry[];
}

export function copyEntry(entry: ChangeEntry): ChangeEntry {
  return { ...entry, todoIds: [...entry.todoIds], ...(entry.commands ? { commands: [...entry.commands] } : {}) };
}
