// The file list the model sees: disk files not ignored by .gitignore, plus staged creates, minus staged deletes.
import type { ChangeKind } from '../changes/changeSet';
import { listVisibleFiles } from '../workspace/gitignoreFilter';
import type { ToolContext } from './toolTypes';

export interface OverlayListing {
  path: string;
  /** Set when the file has a staged create or edit. */
  staged?: Exclude<ChangeKind, 'delete'>;
}

export async function listOverlayFiles(ctx: ToolContext): Promise<OverlayListing[]> {
  const disk = await listVisibleFiles(ctx.workspace, ctx.signal);
  const staged = new Map(ctx.changes.entries().map((e) => [e.path, e.kind] as const));
  const listing: OverlayListing[] = [];
  for (const path of disk) {
    const kind = staged.get(path);
    staged.delete(path);
    if (kind === 'delete') continue;
    listing.push(kind ? { path, staged: kind } : { path });
  }
  for (const [path, kind] of staged) {
    if (kind !== 'delete') listing.push({ path, staged: kind });
  }
  return listing.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Up to `limit` listed files with the same name as `path` (case-insensitive), for "did you mean" hints. */
export async function similarPaths(ctx: ToolContext, path: string, limit = 5): Promise<string[]> {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  try {
    const listing = await listOverlayFiles(ctx);
    return listing
      .map((f) => f.path)
      .filter((p) => p !== path && p.slice(p.lastIndexOf('/') + 1).toLowerCase() === name)
      .slice(0, limit);
  } catch {
    return [];
  }
}
