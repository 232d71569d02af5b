// The fallback engine: walks the workspace through its port (node:fs in the CLI, vscode.workspace.fs in the
// extension, so unsaved editors count) and reads each file in process. Slower than ripgrep on a large tree,
// but needs nothing installed and works on remote and virtual file systems.
import { decodeFile } from '../changes/fileText';
import { resolveWorkspacePath } from '../changes/pathGuard';
import { listVisibleFiles } from '../workspace/gitignoreFilter';
import type { Workspace } from '../workspace/workspace';
import {
  displayLine,
  HitCollector,
  SEARCH_MAX_FILE_BYTES,
  type LineHit,
  type PathFilter,
  type SearchEngine,
  type SearchOutcome,
  type TextSearchRequest,
  type TextSearchResult,
} from './searchEngine';

const PARALLEL_READS = 8;

export class WorkspaceScanEngine implements SearchEngine {
  readonly name = 'workspace scan';

  constructor(private readonly workspace: Workspace) {}

  async listFiles(filter: PathFilter, signal?: AbortSignal): Promise<SearchOutcome<string[]>> {
    try {
      const files = await listVisibleFiles(this.workspace, signal);
      return { ok: true, value: files.filter((p) => filter.matches(p)) };
    } catch (error) {
      if (signal?.aborted) return { ok: false, reason: 'cancelled', message: 'Listing cancelled.' };
      throw error;
    }
  }

  async searchText(request: TextSearchRequest): Promise<SearchOutcome<TextSearchResult>> {
    const listed = await this.listFiles(request.filter, request.signal);
    if (!listed.ok) return listed;
    const paths = listed.value.filter((p) => request.isSearchable(p));
    const collector = new HitCollector(request.maxHits);
    let searched = 0;
    let skippedLarge = 0;
    for (let i = 0; i < paths.length; i += PARALLEL_READS) {
      if (request.signal?.aborted) return { ok: false, reason: 'cancelled', message: 'Search cancelled.' };
      const batch = paths.slice(i, i + PARALLEL_READS);
      const contents = await Promise.all(batch.map((p) => this.readSearchable(p, request)));
      contents.forEach((content, j) => {
        if (content === 'large') return void skippedLarge++;
        if (content === undefined) return;
        searched++;
        const path = batch[j] ?? '';
        collector.addFile(path, matchLines(path, content, request));
      });
    }
    return { ok: true, value: { hits: collector.result(), total: collector.total, files: collector.files, searched, skippedLarge } };
  }

  /** The file's text, 'large', or undefined when it is not searchable (binary, refused, a secret through a symlink). */
  private async readSearchable(path: string, request: TextSearchRequest): Promise<string | 'large' | undefined> {
    const resolved = await resolveWorkspacePath(this.workspace, path);
    if (!resolved.ok || !request.isSearchable(resolved.target)) return undefined;
    const stat = await this.workspace.stat(resolved.target);
    if (stat?.kind !== 'file') return undefined;
    if (stat.size > SEARCH_MAX_FILE_BYTES) return 'large';
    const bytes = await this.workspace.readFile(resolved.target);
    const decoded = bytes && decodeFile(bytes);
    return decoded?.kind === 'text' ? decoded.text : undefined;
  }
}

/** The lines of `content` that match, as hits; `\r` of CRLF lines is not part of a line. */
export function matchLines(path: string, content: string, request: Pick<TextSearchRequest, 'query' | 'matchLine'>): LineHit[] {
  if (request.query.kind === 'literal' && !content.includes(request.query.text)) return [];
  const hits: LineHit[] = [];
  content.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (request.matchLine(line)) hits.push({ path, line: index + 1, text: displayLine(line) });
  });
  return hits;
}
