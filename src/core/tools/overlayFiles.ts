// The files the model sees: the search engine's disk files (gitignored ones left out), plus staged creates and
// edits, minus staged deletes.
import type { ChangeKind } from '../changes/changeSet';
import type { PathFilter, SearchEngine, SearchOutcome } from '../search/searchEngine';
import { WorkspaceScanEngine } from '../search/workspaceScanEngine';
import { isInGitDirectory } from '../workspace/gitDirectories';
import type { ToolContext } from './toolTypes';

export interface OverlayListing {
  path: string;
  /** Set when the file has a staged create or edit. */
  staged?: Exclude<ChangeKind, 'delete'>;
}

/** The run's engine, or the workspace scan when none was given. */
export function searchEngineOf(ctx: ToolContext): SearchEngine {
  return ctx.searchEngine ?? new WorkspaceScanEngine(ctx.workspace);
}

export async function listOverlayFiles(ctx: ToolContext, filter: PathFilter): Promise<SearchOutcome<OverlayListing[]>> {
  const staged = new Map(ctx.changes.entries().map((e) => [e.path, e.kind] as const));
  const engine = searchEngineOf(ctx);
  const disk = await engine.listFiles(filter, ctx.signal);
  if (!disk.ok) return disk;
  // The workspace scan prunes git directories under other names while walking; another engine's answer is checked here.
  const visible = engine instanceof WorkspaceScanEngine ? disk.value : await withoutGitDirectories(ctx, disk.value);
  const listing: OverlayListing[] = visible.filter((path) => !staged.has(path)).map((path) => ({ path }));
  for (const [path, kind] of staged) {
    if (kind !== 'delete' && filter.matches(path)) listing.push({ path, staged: kind });
  }
  return { ok: true, value: listing.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/** Leaves out files inside a git directory under another name (a `.git` file names it, or it is shaped like one). */
async function withoutGitDirectories(ctx: ToolContext, paths: string[]): Promise<string[]> {
  const dirs = [...new Set(paths.map(parentOf).filter((d) => d !== ''))];
  const gitDirs = new Set<string>();
  await Promise.all(dirs.map(async (d) => void ((await isInGitDirectory(ctx.workspace, d)) && gitDirs.add(d))));
  return gitDirs.size === 0 ? paths : paths.filter((p) => !gitDirs.has(parentOf(p)));
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Up to `limit` listed files with the same name as `path` (case-insensitive), for "did you mean" hints. */
export async function similarPaths(ctx: ToolContext, path: string, limit = 5): Promise<string[]> {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const filter: PathFilter = {
    matches: (p) => p !== path && p.slice(p.lastIndexOf('/') + 1).toLowerCase() === name,
  };
  try {
    const listing = await listOverlayFiles(ctx, filter);
    return listing.ok ? listing.value.map((f) => f.path).slice(0, limit) : [];
  } catch {
    return [];
  }
}
