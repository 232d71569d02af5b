// search: text or regex over the files the model can see (overlay contents, .gitignore honoured),
// skipping binaries and secret-looking files; results as `path:line: text`.
import { readDiskFile } from '../changes/diskFile';
import { decodeFile } from '../changes/fileText';
import { resolveWorkspacePath } from '../changes/pathGuard';
import { redactionNote, redactSecrets, SECRET_PLACEHOLDER } from '../changes/secretContent';
import { isSecretPath } from '../changes/secretPaths';
import { regexEngine } from '../libraries/lazyLibraries';
import { compileGlob } from './globMatcher';
import { listOverlayFiles } from './overlayFiles';
import { defineTool, failure, success, type ToolContext } from './toolTypes';

export const SEARCH_MAX_MATCHES = 200;
export const SEARCH_MAX_FILE_BYTES = 1024 * 1024;
const MAX_SHOWN_LINE_CHARS = 240;
const PARALLEL_READS = 8;

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
    `Returns up to ${SEARCH_MAX_MATCHES} matches as "path:line: text". Files ignored by .gitignore, binaries and secret files are skipped.`,
  input,
  label: 'Searching',
  describe: ({ query, glob }) => `Searching for ${JSON.stringify(query)}${glob ? ` in ${glob}` : ''}`,
  run: async ({ query, regex, glob }, ctx) => {
    let test: (line: string) => boolean;
    // A cheap whole-file test that never misses a file test() would match; skips splitting most files.
    let mayMatch: (content: string) => boolean = () => true;
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
      test = (line) => re.matcher(line).find();
    } else {
      test = (line) => line.includes(query);
      mayMatch = (content) => content.includes(query);
    }
    const matcher = compileGlob(glob);
    if (!matcher.ok) return failure(`Invalid glob: ${matcher.reason}.`, 'search: invalid glob');
    const candidates = (await listOverlayFiles(ctx))
      .map((f) => f.path)
      .filter((p) => matcher.matches(p) && (ctx.allowSecretFiles || !isSecretPath(p)));
    const found = await scan(candidates, test, mayMatch, ctx);
    if (found.aborted) return failure('Search cancelled.', 'search: cancelled');
    const what = `${JSON.stringify(query)}${glob ? ` in ${glob}` : ''}`;
    const redacted = found.redactedKinds.size > 0 ? `\n${redactionNote([...found.redactedKinds])}` : '';
    const skipped = found.skippedLarge > 0 ? `\n[${found.skippedLarge} files over ${SEARCH_MAX_FILE_BYTES / 1024 / 1024} MB were not searched.]` : '';
    if (found.lines.length === 0) {
      return success(`No matches for ${what} in ${found.searched} files.${skipped}`, `No matches for ${what}`);
    }
    const capped = found.total > SEARCH_MAX_MATCHES
      ? `\n\n[Showing the first ${SEARCH_MAX_MATCHES} of ${found.total} matches; narrow the query or add a glob.]`
      : '';
    return success(
      found.lines.join('\n') + capped + skipped + redacted,
      `Found ${found.total} matches in ${found.files} files for ${what}`,
    );
  },
});

interface ScanResult {
  lines: string[];
  total: number;
  files: number;
  searched: number;
  skippedLarge: number;
  aborted: boolean;
  /** Kinds of secret values hidden in the lines shown. */
  redactedKinds: Set<string>;
}

/** Reads a few files at a time (in listing order, so output order is stable) and collects matching lines. */
async function scan(
  paths: string[],
  test: (line: string) => boolean,
  mayMatch: (content: string) => boolean,
  ctx: ToolContext,
): Promise<ScanResult> {
  const result: ScanResult = { lines: [], total: 0, files: 0, searched: 0, skippedLarge: 0, aborted: false, redactedKinds: new Set() };
  for (let i = 0; i < paths.length; i += PARALLEL_READS) {
    if (ctx.signal?.aborted) return { ...result, aborted: true };
    const batch = paths.slice(i, i + PARALLEL_READS);
    const contents = await Promise.all(batch.map((p) => readSearchable(p, ctx)));
    contents.forEach((raw, j) => {
      if (raw === 'large') return void result.skippedLarge++;
      if (raw === undefined) return;
      // Secret values are hidden before matching: a query cannot find (or confirm) what the model may not see.
      const redaction = ctx.allowSecretFiles ? undefined : redactSecrets(raw);
      const content = redaction?.text ?? raw;
      result.searched++;
      if (!mayMatch(content)) return;
      const path = batch[j] ?? '';
      let hits = 0;
      content.split('\n').forEach((raw, index) => {
        const line = raw.replace(/\r$/, '');
        if (!test(line)) return;
        hits++;
        result.total++;
        if (result.lines.length < SEARCH_MAX_MATCHES) {
          result.lines.push(`${path}:${index + 1}: ${shorten(line.trim())}`);
          if (redaction && SECRET_PLACEHOLDER.test(line)) redaction.kinds.forEach((k) => result.redactedKinds.add(k));
        }
      });
      if (hits > 0) result.files++;
    });
  }
  return result;
}

/** The file's text, 'large', or undefined when it is not searchable (binary, refused, secret through a symlink, hard-linked, not a regular file). */
async function readSearchable(path: string, ctx: ToolContext): Promise<string | 'large' | undefined> {
  const staged = ctx.changes.get(path);
  if (staged) return staged.content;
  const resolved = await resolveWorkspacePath(ctx.workspace, path);
  if (!resolved.ok || (!ctx.allowSecretFiles && isSecretPath(resolved.target))) return undefined;
  // Through a symlink: the real file may have staged content of its own.
  if (resolved.target !== path) return ctx.changes.read(resolved.target);
  const disk = await readDiskFile(ctx.workspace, path, SEARCH_MAX_FILE_BYTES);
  if (disk.kind === 'refused' && disk.tooLarge) return 'large';
  if (disk.kind !== 'bytes') return undefined;
  const decoded = decodeFile(disk.bytes);
  return decoded.kind === 'text' ? decoded.text : undefined;
}

function shorten(line: string): string {
  return line.length > MAX_SHOWN_LINE_CHARS ? `${line.slice(0, MAX_SHOWN_LINE_CHARS)}...` : line;
}
