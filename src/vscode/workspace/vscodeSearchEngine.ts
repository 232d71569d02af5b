// The search engine inside VS Code: the ripgrep VS Code itself ships (under vscode.env.appRoot; never a
// download), over a local workspace folder; else the workspace scan (remote and virtual folders, or no rg).
// Editors with unsaved changes are what the user sees, so they are searched from the editor, as the scan does.
import vscode = require('vscode');
import type { PathFilter, SearchEngine, SearchOutcome, TextSearchRequest, TextSearchResult } from '../../core/search/searchEngine';
import { runtime } from '../../core/runtime/lazyRuntime';
import { GitignoreRules } from '../../core/workspace/gitignoreFilter';
import type { Workspace } from '../../core/workspace/workspace';
import type { OutputLog } from '../log/outputLog';
import { VscodeWorkspace } from './vscodeWorkspace';

/** Picks the engine for a run and says in the log which one it is. */
export function searchEngineForVscode(workspace: Workspace, log: Pick<OutputLog, 'info'>): SearchEngine {
  const local = workspace instanceof VscodeWorkspace && workspace.rootUri.scheme === 'file';
  const { ripgrepInVscode, RipgrepEngine, WorkspaceScanEngine } = runtime();
  const ripgrep = local ? ripgrepInVscode(vscode.env.appRoot) : undefined;
  if (!ripgrep || !(workspace instanceof VscodeWorkspace)) {
    log.info(`Search: the built-in workspace scan (${local ? `no ripgrep found under ${vscode.env.appRoot}` : 'the folder is not on a local disk'}).`);
    return new WorkspaceScanEngine(workspace);
  }
  log.info(`Search: VS Code's ripgrep at ${ripgrep}.`);
  return new UnsavedEditorsSearchEngine(new RipgrepEngine({ binary: ripgrep, root: workspace.root }), workspace, log);
}

/** An engine over the files on disk, with the text of unsaved editors in place of their disk copies. */
class UnsavedEditorsSearchEngine implements SearchEngine {
  readonly name: string;

  constructor(
    private readonly disk: SearchEngine,
    private readonly workspace: VscodeWorkspace,
    private readonly log: Pick<OutputLog, 'info'>,
  ) {
    this.name = disk.name;
  }

  async listFiles(filter: PathFilter, signal?: AbortSignal): Promise<SearchOutcome<string[]>> {
    const started = Date.now();
    const outcome = await this.disk.listFiles(filter, signal);
    this.log.info(`list_files via ${this.name}: ${outcome.ok ? `${outcome.value.length} files` : outcome.reason} in ${Date.now() - started} ms.`);
    return outcome;
  }

  async searchText(request: TextSearchRequest): Promise<SearchOutcome<TextSearchResult>> {
    const started = Date.now();
    const unsaved = new Map<string, string>();
    for (const doc of vscode.workspace.textDocuments) {
      const path = doc.isDirty && !doc.isClosed ? this.workspace.relativePath(doc.uri) : undefined;
      if (path !== undefined) unsaved.set(path, doc.getText());
    }
    const outcome = await this.disk.searchText({ ...request, isSearchable: (p) => !unsaved.has(p) && request.isSearchable(p) });
    if (outcome.ok && unsaved.size > 0) await this.addUnsaved(outcome.value, unsaved, request);
    this.log.info(`search via ${this.name}: ${outcome.ok ? `${outcome.value.total} matches` : outcome.reason} in ${Date.now() - started} ms.`);
    return outcome;
  }

  private async addUnsaved(result: TextSearchResult, unsaved: Map<string, string>, request: TextSearchRequest): Promise<void> {
    const { byPathThenLine, matchLines, SEARCH_MAX_FILE_BYTES } = runtime();
    const rules = new GitignoreRules(this.workspace);
    for (const [path, text] of unsaved) {
      if (!request.filter.matches(path) || !request.isSearchable(path) || text.length > SEARCH_MAX_FILE_BYTES) continue;
      const dirs = path.split('/').slice(0, -1);
      for (let depth = 0; depth <= dirs.length; depth++) await rules.load(dirs.slice(0, depth).join('/'));
      if (rules.isIgnored(path, false)) continue;
      const hits = matchLines(path, text, request);
      result.searched++;
      result.total += hits.length;
      if (hits.length > 0) result.files++;
      result.hits = [...result.hits, ...hits].sort(byPathThenLine).slice(0, request.maxHits);
    }
  }
}
