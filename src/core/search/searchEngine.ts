// The port behind the search and list_files tools: text search and file listing over the files on disk, as
// git shows them (.gitignore honoured, `.git/` never). Two engines answer alike: ripgrep where one is at hand
// (ripgrepEngine.ts), else an in-process walk (workspaceScanEngine.ts). Staged changes are not the engine's
// business: the tools exclude staged paths from its answers and search the staged texts themselves.

/** Which paths to list or search. */
export interface PathFilter {
  matches(path: string): boolean;
  /** A glob on file names that every path `matches` accepts passes: lets an engine skip other files early. */
  nameGlob?: string;
}

export type TextQuery = { kind: 'literal'; text: string } | { kind: 'regex'; source: string };

export interface TextSearchRequest {
  query: TextQuery;
  /** The same test in process (RE2 for a regex), for engines that read the files themselves. */
  matchLine(line: string): boolean;
  filter: PathFilter;
  /** False for paths the engine must neither read nor report (secret files, paths with staged content). */
  isSearchable(path: string): boolean;
  /** Keep at most this many hits: the first in (path, line) order. */
  maxHits: number;
  signal?: AbortSignal;
}

export interface LineHit {
  path: string;
  /** 1-based. */
  line: number;
  /** The line, trimmed and shortened for display. */
  text: string;
}

export interface TextSearchResult {
  /** The first `maxHits` hits in (path, line) order. */
  hits: LineHit[];
  total: number;
  files: number;
  searched: number;
  /** Files not searched because of their size, when the engine counts them. */
  skippedLarge: number;
}

export type SearchOutcome<T> = { ok: true; value: T } | { ok: false; reason: 'cancelled' | 'timeout' | 'failed'; message: string };

export interface SearchEngine {
  /** 'ripgrep' or 'workspace scan': shown in logs and tests. */
  readonly name: string;
  /** Visible files on disk accepted by the filter, sorted. */
  listFiles(filter: PathFilter, signal?: AbortSignal): Promise<SearchOutcome<string[]>>;
  searchText(request: TextSearchRequest): Promise<SearchOutcome<TextSearchResult>>;
}

export const SEARCH_MAX_FILE_BYTES = 1024 * 1024;
/** No engine call runs longer: a process still running then is killed. */
export const SEARCH_TIME_LIMIT_MS = 30_000;
const MAX_SHOWN_LINE_CHARS = 240;

export function displayLine(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > MAX_SHOWN_LINE_CHARS ? `${trimmed.slice(0, MAX_SHOWN_LINE_CHARS)}...` : trimmed;
}

export function byPathThenLine(a: LineHit, b: LineHit): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
}

/** Counts every hit, keeps the first `max` in (path, line) order with bounded memory, whatever order files come in. */
export class HitCollector {
  private kept = new Map<string, LineHit[]>();
  private keptCount = 0;
  /** Files sorting after this path cannot be among the first `max` hits. */
  private cutoff: string | undefined;
  total = 0;
  files = 0;

  constructor(private readonly max: number) {}

  /** The hits of one file, in line order. */
  addFile(path: string, hits: LineHit[]): void {
    if (hits.length === 0) return;
    this.total += hits.length;
    this.files++;
    if (this.cutoff !== undefined && path > this.cutoff) return;
    this.kept.set(path, hits.slice(0, this.max));
    this.keptCount += Math.min(hits.length, this.max);
    if (this.keptCount > this.max * 4) this.prune();
  }

  result(): LineHit[] {
    this.prune();
    return [...this.kept.keys()].sort().flatMap((p) => this.kept.get(p) ?? []).slice(0, this.max);
  }

  private prune(): void {
    const paths = [...this.kept.keys()].sort();
    let count = 0;
    const next = new Map<string, LineHit[]>();
    for (const path of paths) {
      if (count >= this.max) break;
      const hits = this.kept.get(path) ?? [];
      next.set(path, hits);
      count += hits.length;
      this.cutoff = path;
    }
    if (count < this.max) this.cutoff = undefined;
    this.kept = next;
    this.keptCount = count;
  }
}
