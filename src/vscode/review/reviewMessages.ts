// The words of the review: summaries, the stale warning, the discard question. No 'vscode' import, so
// they are unit-tested directly.

/** What one review did. Paths are workspace-relative. */
export interface ReviewResult {
  /** Landed on disk as staged; no longer pending. */
  applied: string[];
  /** Reviewed but not (fully) applied, e.g. unchecked in the preview; still pending. */
  skipped: string[];
  /** Changed on disk since the agent staged them: left out of the review, still pending until regenerated or discarded. */
  stale: string[];
  /** Subset of `skipped`: only some hunks were applied; the rest is pending against the file's new text. */
  partial: string[];
  /** The todos behind the stale changes: what a "Regenerate" would re-run. */
  staleTodoIds: string[];
  /** What the preview said about the validation gates ("validated: Level 1, Level 2 passed", "not validated"). */
  validationNote?: string;
}

const LISTED = 3;

export function emptyReviewResult(): ReviewResult {
  return { applied: [], skipped: [], stale: [], partial: [], staleTodoIds: [] };
}

/** "src/a.ts, src/b.ts, src/c.ts +2 more". */
export function describePaths(paths: readonly string[]): string {
  const shown = paths.slice(0, LISTED).join(', ');
  return paths.length > LISTED ? `${shown} +${paths.length - LISTED} more` : shown;
}

export function changeCount(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

/** "src/app.ts changed since the agent edited it; not applied." */
export function staleMessage(paths: readonly string[]): string {
  if (paths.length === 1) return `${paths[0]} changed since the agent edited it; not applied.`;
  return `${paths.length} files changed since the agent edited them (${describePaths(paths)}); not applied.`;
}

/** The one-line outcome shown after the preview closed. */
export function reviewSummary(result: ReviewResult): string {
  const reviewed = result.applied.length + result.skipped.length;
  const parts: string[] = [];
  if (reviewed === 0) parts.push('Nothing was reviewed.');
  else if (result.applied.length === reviewed) parts.push(`Applied ${changeCount(reviewed)}.`);
  else if (result.applied.length === 0) parts.push(`No changes applied; ${changeCount(reviewed)} still pending.`);
  else {
    const left = result.skipped.filter((p) => !result.partial.includes(p));
    parts.push(`Applied ${result.applied.length} of ${changeCount(reviewed)}.`);
    if (left.length > 0) parts.push(`Still pending: ${describePaths(left)}.`);
  }
  if (result.partial.length > 0) parts.push(`Partly applied, the rest still pending: ${describePaths(result.partial)}.`);
  if (result.stale.length > 0) parts.push(`${result.stale.length} stale (changed since the agent edited them).`);
  return parts.join(' ');
}

/** "Discard 3 pending changes?" */
export function discardQuestion(n: number): string {
  return n === 1 ? 'Discard 1 pending change?' : `Discard ${n} pending changes?`;
}

/** Said when the preview opens: how it groups the changes and how to read a change before ticking it. */
export function reviewOpeningMessage(n: number): string {
  return `Review ${changeCount(n)} in the Refactor Preview, grouped by task unless you switched it to by file (its title button switches, and it keeps what you pick); every diff is open in the editor beside it. Tick what you want, then Apply. Nothing is written before Apply.`;
}

/** "Discarded 3 pending changes (src/a.ts, src/b.ts, src/c.ts). Your files were not touched." */
export function discardedMessage(paths: readonly string[]): string {
  const what = paths.length === 1 ? `the pending change to ${paths[0]}` : `${paths.length} pending changes (${describePaths(paths)})`;
  return `Discarded ${what}. Your files were not touched.`;
}
