// After a review: did a staged change land on disk? The user may have unchecked whole files or single
// hunks in the preview, so each entry is judged by what its file holds now.
import type { ChangeEntry } from './changeEntry';
import { isPartialApplication, sameText } from './minimalEdits';

/**
 * - landed: the file is what the change wanted (gone, for a delete);
 * - untouched: the file is still what the change was computed against;
 * - partial: an edit of which only some hunks were applied (the rest can be restaged against the new text);
 * - diverged: anything else (changed by something other than this change).
 */
export type Landing = 'landed' | 'untouched' | 'partial' | 'diverged';

/** The file as it is now. `text` is undefined for a binary file. */
export type CurrentFile = { exists: false } | { exists: true; hash: string; text: string | undefined };

export function landingOf(entry: ChangeEntry, file: CurrentFile): Landing {
  if (!file.exists) {
    if (entry.kind === 'delete') return 'landed';
    return entry.kind === 'create' ? 'untouched' : 'diverged';
  }
  if (entry.content !== undefined && file.text !== undefined && sameText(file.text, entry.content)) return 'landed';
  if (file.hash === entry.baseHash) return 'untouched';
  if (
    entry.kind === 'edit' &&
    entry.baseContent !== undefined &&
    entry.content !== undefined &&
    file.text !== undefined &&
    isPartialApplication(entry.baseContent, entry.content, file.text)
  ) {
    return 'partial';
  }
  return 'diverged';
}

/**
 * Todos whose work is now all on disk: each has a landed entry and no entry still staged.
 * In the order they first appear among the landed entries.
 */
export function todosFullyLanded(landed: readonly ChangeEntry[], stillStaged: readonly ChangeEntry[]): string[] {
  const open = new Set(stillStaged.flatMap((e) => e.todoIds));
  const done: string[] = [];
  for (const id of landed.flatMap((e) => e.todoIds)) {
    if (!open.has(id) && !done.includes(id)) done.push(id);
  }
  return done;
}
