// search: text or regex over the files the model can see (overlay contents, .gitignore honoured),
// skipping binaries and secret-looking files; results as `path:line: text`.
import { resolveWorkspacePath } from '../changes/pathGuard';
import { redactionNote, redactSecrets } from '../changes/secretContent';
import { isSecretPath } from '../changes/secretPaths';
import { regexEngine } from '../libraries/lazyLibraries';
import { byPathThenLine, SEARCH_MAX_FILE_BYTES, type LineHit, type TextQuery } from '../search/searchEngine';
import { matchLines } from '../search/workspaceScanEngine';
import { compileGlob } from './globMatcher';
import { searchEngineOf } from './overlayFiles';
import { defineTool, failure, success, type ToolContext } from './toolTypes';

export { SEARCH_MAX_FILE_BYTES };
export const SEARCH_MAX_MATCHES = 200;

const input = {
  type: 'object',
  properties: {
    query: { type: 'string', minLength: 1, description: 'Text to find (case-sensitive), or a regular expression when regex is true.' },
    regex: {
      type: 'boolean',
      description:
        'Treat query as a regular expression in RE2 syntax, as ripgrep: matched line by line, (?i) ignores case, no look-around or back-references. Default false.',
    },
    glob: { type: 'string', description: 'Only search files matching this glob, e.g. "src/**/*.ts" or "*.py".' },
  },
  required: ['query'],
  additionalProperties: false,
} as const;

export const searchTool = defineTool({
  name: 'search',
  description:
    `Search file contents in the workspace (including your staged changes) for text or a regular expression, line by line. ` +
    `Returns up to ${SEARCH_MAX_MATCHES} matches as "path:line: text". Files ignored by .gitignore, binaries, secret files and files over ${SEARCH_MAX_FILE_BYTES / 1024 / 1024} MB are skipped.`,
  input,
  label: 'Searching',
  describe: ({ query, glob }) => `Searching for ${JSON.stringify(query)}${glob ? ` in ${glob}` : ''}`,
  run: async ({ query, regex, glob }, ctx) => {
    let test: (line: string) => boolean;
    if (regex) {
      // RE2 runs in time linear in the line: a pattern like (a+)+$ cannot freeze the extension host, as it
      // can with JavaScript's backtracking RegExp. It is also the syntax the model knows from ripgrep.
      const { RE2JS } = regexEngine();
      let re: ReturnType<typeof RE2JS.compile>;
      try {
        re = RE2JS.compile(query);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return failure(
          `Invalid regular expression (RE2 syntax, as ripgrep: no look-around or back-references): ${message}. ` +
            'Fix it, or set regex to false to search for the text as is.',
          'search: invalid regex',
        );
      }
      test = (line) => re.test(line);
    } else {
      test = (line) => line.includes(query);
    }
    const textQuery: TextQuery = regex ? { kind: 'regex', source: query } : { kind: 'literal', text: query };
    const filter = compileGlob(glob);
    if (!filter.ok) return failure(`Invalid glob: ${filter.reason}.`, 'search: invalid glob');
    const staged = new Map(ctx.changes.entries().map((e) => [e.path, e] as const));
    // Secret files are neither read nor shown; staged files are searched below, as staged.
    const isSearchable = (path: string): boolean => !staged.has(path) && (ctx.allowSecretFiles || !isSecretPath(path));
    const request = { query: textQuery, matchLine: test, filter, isSearchable, maxHits: SEARCH_MAX_MATCHES, signal: ctx.signal };
    const outcome = await searchEngineOf(ctx).searchText(request);
    if (!outcome.ok) {
      if (outcome.reason === 'cancelled') return failure('Search cancelled.', 'search: cancelled');
      return failure(`${outcome.message} Narrow the query or add a glob, then try again.`, `search: ${outcome.reason}`);
    }
    const found = { ...outcome.value };
    const hits = [...found.hits];
    for (const { path, content } of staged.values()) {
      if (content === undefined || !filter.matches(path) || (!ctx.allowSecretFiles && isSecretPath(path))) continue;
      found.searched++;
      const inFile = matchLines(path, content, request);
      found.total += inFile.length;
      if (inFile.length > 0) found.files++;
      hits.push(...inFile.slice(0, SEARCH_MAX_MATCHES));
    }
    const shown = await visibleHits(hits.sort(byPathThenLine).slice(0, SEARCH_MAX_MATCHES), new Set(staged.keys()), test, ctx);
    found.total -= shown.dropped;
    const lines = shown.hits.map((h) => `${h.path}:${h.line}: ${h.text}`);
    const redacted = shown.redactedKinds.size > 0 ? `\n${redactionNote([...shown.redactedKinds])}` : '';
    const what = `${JSON.stringify(query)}${glob ? ` in ${glob}` : ''}`;
    const skipped = found.skippedLarge > 0 ? `\n[${found.skippedLarge} files over ${SEARCH_MAX_FILE_BYTES / 1024 / 1024} MB were not searched.]` : '';
    if (lines.length === 0) {
      return success(`No matches for ${what} in ${found.searched} files.${skipped}`, `No matches for ${what}`);
    }
    const capped = found.total > SEARCH_MAX_MATCHES
      ? `\n\n[Showing the first ${SEARCH_MAX_MATCHES} of ${found.total} matches; narrow the query or add a glob.]`
      : '';
    return success(
      lines.join('\n') + capped + skipped + redacted,
      `Found ${found.total} matches in ${found.files} files for ${what}`,
    );
  },
});

/**
 * What the model may see of the engine's hits: lines of files it may not read (a symlink out of the workspace or to
 * a secret, a hard-linked or non-regular file) are dropped, and secret values are hidden. A hit that matched only
 * because of a secret value is dropped too, so a query cannot confirm a secret it may not see.
 */
async function visibleHits(
  hits: readonly LineHit[],
  stagedPaths: ReadonlySet<string>,
  matchLine: (line: string) => boolean,
  ctx: ToolContext,
): Promise<{ hits: LineHit[]; dropped: number; redactedKinds: Set<string> }> {
  const readable = new Map<string, Promise<boolean>>();
  const isReadable = (path: string): Promise<boolean> => {
    let known = readable.get(path);
    if (!known) {
      known = stagedPaths.has(path) ? Promise.resolve(true) : diskFileReadable(path, ctx);
      readable.set(path, known);
    }
    return known;
  };
  const out: LineHit[] = [];
  const redactedKinds = new Set<string>();
  let dropped = 0;
  for (const hit of hits) {
    if (!(await isReadable(hit.path))) {
      dropped++;
      continue;
    }
    const redaction = ctx.allowSecretFiles ? undefined : redactSecrets(hit.text);
    if (!redaction || redaction.text === hit.text) {
      out.push(hit);
      continue;
    }
    if (!matchLine(redaction.text)) {
      dropped++;
      continue;
    }
    redaction.kinds.forEach((k) => redactedKinds.add(k));
    out.push({ ...hit, text: redaction.text });
  }
  return { hits: out, dropped, redactedKinds };
}

async function diskFileReadable(path: string, ctx: ToolContext): Promise<boolean> {
  const resolved = await resolveWorkspacePath(ctx.workspace, path);
  if (!resolved.ok || resolved.target !== path) return false;
  if (!ctx.allowSecretFiles && isSecretPath(resolved.target)) return false;
  const stat = await ctx.workspace.stat(path);
  return stat?.kind === 'file' && (stat.links === undefined || stat.links <= 1);
}
