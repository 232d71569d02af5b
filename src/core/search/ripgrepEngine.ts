// The engine over a ripgrep binary (VS Code's own in the extension, `rg` from PATH in the CLI). Flags make it
// see what the workspace scan sees: every .gitignore from the root down (with or without a git repository),
// nothing else (no .ignore, .rgignore, global excludes or parent folders), dotfiles, never `.git`, no symlinks.
import { spawn } from 'node:child_process';
import {
  displayLine,
  HitCollector,
  SEARCH_MAX_FILE_BYTES,
  SEARCH_TIME_LIMIT_MS,
  type LineHit,
  type PathFilter,
  type SearchEngine,
  type SearchOutcome,
  type TextSearchRequest,
  type TextSearchResult,
} from './searchEngine';

const WALK_FLAGS = [
  '--no-config',
  '--hidden',
  '--no-require-git',
  '--no-ignore-dot',
  '--no-ignore-exclude',
  '--no-ignore-global',
  '--no-ignore-parent',
  '--iglob=!.git',
  '--path-separator=/',
  '--no-messages',
];

export interface RipgrepEngineOptions {
  /** The rg binary. */
  binary: string;
  /** Absolute folder searched (the workspace root). */
  root: string;
  timeLimitMs?: number;
}

export class RipgrepEngine implements SearchEngine {
  readonly name = 'ripgrep';

  constructor(private readonly options: RipgrepEngineOptions) {}

  async listFiles(filter: PathFilter, signal?: AbortSignal): Promise<SearchOutcome<string[]>> {
    const files: string[] = [];
    let rest = '';
    const run = await this.run(['--files', '--null', ...WALK_FLAGS, ...globFlags(filter)], signal, (chunk) => {
      const parts = (rest + chunk).split('\0');
      rest = parts.pop() ?? '';
      for (const path of parts) if (filter.matches(path)) files.push(path);
    });
    if (!run.ok) return run;
    return { ok: true, value: files.sort() };
  }

  async searchText(request: TextSearchRequest): Promise<SearchOutcome<TextSearchResult>> {
    const { query } = request;
    const empty: TextSearchResult = { hits: [], total: 0, files: 0, searched: 0, skippedLarge: 0 };
    // Lines never hold a line break, so such a query matches nothing (ripgrep would refuse it).
    if (query.kind === 'literal' && /[\r\n]/.test(query.text)) return { ok: true, value: empty };
    const args = [
      '--null',
      '--line-number',
      '--with-filename',
      '--no-heading',
      '--color=never',
      '--crlf',
      '--stats',
      `--max-filesize=${SEARCH_MAX_FILE_BYTES}`,
      ...WALK_FLAGS,
      ...globFlags(request.filter),
      ...(query.kind === 'literal' ? ['--fixed-strings', '--regexp', query.text] : ['--regexp', query.source]),
    ];
    const collector = new HitCollector(request.maxHits);
    let searched = 0;
    let rest = '';
    let current: { path: string; hits: LineHit[]; accepted: boolean } | undefined;
    const flush = (): void => {
      if (current?.accepted) collector.addFile(current.path, current.hits);
      current = undefined;
    };
    const onLine = (line: string): void => {
      const nul = line.indexOf('\0');
      if (nul === -1) {
        // Only the --stats block has no NUL.
        const stat = /^(\d+) files searched$/.exec(line);
        if (stat) searched = Number(stat[1]);
        return;
      }
      const path = line.slice(0, nul);
      const colon = line.indexOf(':', nul);
      if (current?.path !== path) {
        flush();
        current = { path, hits: [], accepted: request.filter.matches(path) && request.isSearchable(path) };
      }
      if (!current.accepted) return;
      const text = line.slice(colon + 1);
      current.hits.push({ path, line: Number(line.slice(nul + 1, colon)), text: displayLine(text.endsWith('\r') ? text.slice(0, -1) : text) });
    };
    const run = await this.run(args, request.signal, (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    if (rest !== '') onLine(rest);
    flush();
    if (!run.ok) return run;
    return { ok: true, value: { hits: collector.result(), total: collector.total, files: collector.files, searched, skippedLarge: 0 } };
  }

  /** Runs rg in the root; exit 1 (nothing found) is success. Killed on abort and after the time limit. */
  private run(args: string[], signal: AbortSignal | undefined, onOutput: (chunk: string) => void): Promise<SearchOutcome<undefined>> {
    const limit = this.options.timeLimitMs ?? SEARCH_TIME_LIMIT_MS;
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve({ ok: false, reason: 'cancelled', message: 'Search cancelled.' });
      const child = spawn(this.options.binary, args, { cwd: this.options.root, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      let stopped: 'cancelled' | 'timeout' | undefined;
      let stderr = '';
      const stop = (why: 'cancelled' | 'timeout'): void => {
        stopped ??= why;
        child.kill('SIGKILL');
      };
      const onAbort = (): void => stop('cancelled');
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => stop('timeout'), limit);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        if (!stopped) onOutput(chunk);
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < 4000) stderr += chunk;
      });
      const finish = (outcome: SearchOutcome<undefined>): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      child.on('error', (error) => finish({ ok: false, reason: 'failed', message: `ripgrep (${this.options.binary}) could not start: ${error.message}` }));
      child.on('close', (code) => {
        if (stopped === 'cancelled') return finish({ ok: false, reason: 'cancelled', message: 'Search cancelled.' });
        if (stopped === 'timeout') {
          return finish({ ok: false, reason: 'timeout', message: `The search took longer than ${limit / 1000} s and was stopped.` });
        }
        // 1: nothing found. 2 with nothing said: no file passed the filters ("No files were searched").
        const said = stderr.replace(/No files were searched[^\n]*\n?|Running with --debug[^\n]*\n?/g, '').trim();
        if (code === 0 || code === 1 || (code === 2 && said === '')) return finish({ ok: true, value: undefined });
        finish({ ok: false, reason: 'failed', message: `ripgrep failed: ${said.split('\n').slice(-3).join(' ').replace(/\s+/g, ' ') || `exit code ${code}`}.` });
      });
    });
  }
}

/**
 * A file type, not `--glob`: ripgrep's globs override .gitignore (a gitignored file matching one would come
 * back), while a type only narrows what the ignore rules let through.
 */
function globFlags(filter: PathFilter): string[] {
  return filter.nameGlob === undefined ? [] : [`--type-add=devbackendselection:${filter.nameGlob}`, '--type=devbackendselection'];
}
