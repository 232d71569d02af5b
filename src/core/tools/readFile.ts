// read_file: a text file through the ChangeSet overlay (so staged work is visible), as numbered lines,
// a page at a time.
import { redactionNote, redactSecrets } from '../changes/secretContent';
import { similarPaths } from './overlayFiles';
import { guardToolPath } from './toolPaths';
import { defineTool, failure, success } from './toolTypes';

export const READ_MAX_LINES = 2000;
export const READ_MAX_BYTES = 256 * 1024;
export const READ_MAX_LINE_CHARS = 2000;

const input = {
  type: 'object',
  properties: {
    path: { type: 'string', minLength: 1, description: 'Workspace-relative path, e.g. "src/app.ts".' },
    start_line: { type: 'integer', minimum: 1, description: 'First line to read (1-based). Default 1.' },
    end_line: { type: 'integer', minimum: 1, description: `Last line to read (inclusive). At most ${READ_MAX_LINES} lines per call.` },
  },
  required: ['path'],
  additionalProperties: false,
} as const;

export const readFileTool = defineTool({
  name: 'read_file',
  description:
    `Read a text file of the workspace, with line numbers (cat -n style: number, tab, text). Shows your staged changes. ` +
    `At most ${READ_MAX_LINES} lines or ${READ_MAX_BYTES / 1024} KB per call; use start_line and end_line to page through larger files. ` +
    'When editing, copy text from after the tab, never the line-number prefix.',
  input,
  label: 'Reading a file',
  describe: ({ path, start_line, end_line }) =>
    start_line !== undefined || end_line !== undefined
      ? `Reading ${path} (lines ${start_line ?? 1}-${end_line ?? 'end'})`
      : `Reading ${path}`,
  run: async ({ path: requested, start_line, end_line }, ctx) => {
    const guarded = await guardToolPath(ctx, requested, 'read');
    if (!guarded.ok) return guarded.result;
    const file = await ctx.changes.readFile(guarded.path);
    switch (file.kind) {
      case 'refused':
        return failure(file.reason, `Refused path ${JSON.stringify(requested)}`);
      case 'directory':
        return failure(
          `${file.path} is a directory. List its files with list_files {"pattern": "${file.path}/**"}.`,
          `${file.path} is a directory`,
        );
      case 'binary':
        return failure(`${file.path} is a binary file (${file.reason}); only text files can be read.`, `Binary file ${file.path}`);
      case 'missing': {
        if (file.stagedDelete) return failure(`${file.path} is deleted in your staged changes.`, `${file.path} is deleted`);
        const similar = await similarPaths(ctx, file.path);
        const hint = similar.length > 0 ? ` Files with that name: ${similar.join(', ')}.` : ' Use list_files to find the right path.';
        return failure(`${file.path} does not exist.${hint}`, `Not found: ${file.path}`);
      }
      case 'text': {
        if (ctx.allowSecretFiles) return page(file.path, file.content, file.staged, start_line, end_line, []);
        const redacted = redactSecrets(file.content);
        return page(file.path, redacted.text, file.staged, start_line, end_line, redacted.kinds);
      }
    }
  },
});

function page(
  path: string,
  content: string,
  staged: boolean,
  startLine: number | undefined,
  endLine: number | undefined,
  redactedKinds: readonly string[],
) {
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const total = lines.length;
  const stagedNote =
    (staged ? '\n[This is your staged version of the file; it is not on disk until the user reviews it.]' : '') +
    (redactedKinds.length > 0 ? `\n${redactionNote(redactedKinds)}` : '');
  if (total === 0) return success(`(${path} is empty)${stagedNote}`, `Read ${path} (empty)`);
  const start = startLine ?? 1;
  if (start > total) {
    return failure(`start_line ${start} is past the end of ${path}, which has ${total} lines.`, `read_file: start_line past end of ${path}`);
  }
  if (endLine !== undefined && endLine < start) {
    return failure(`end_line (${endLine}) is before start_line (${start}).`, 'read_file: end_line before start_line');
  }
  const last = Math.min(endLine ?? total, total, start + READ_MAX_LINES - 1);
  const out: string[] = [];
  let bytes = 0;
  let shownLast = start - 1;
  for (let n = start; n <= last; n++) {
    let text = (lines[n - 1] ?? '').replace(/\r$/, '');
    if (text.length > READ_MAX_LINE_CHARS) {
      text = `${text.slice(0, READ_MAX_LINE_CHARS)}... [line truncated: ${text.length} characters]`;
    }
    const line = `${String(n).padStart(6)}\t${text}`;
    bytes += Buffer.byteLength(line) + 1;
    if (bytes > READ_MAX_BYTES && out.length > 0) break;
    out.push(line);
    shownLast = n;
  }
  const whole = start === 1 && shownLast === total;
  const notes: string[] = [];
  if (shownLast < Math.min(endLine ?? total, total)) {
    notes.push(
      `[Showing lines ${start}-${shownLast} of ${total}${endLine !== undefined ? ' (the per-call limit)' : ''}. ` +
        `Call read_file with start_line ${shownLast + 1} to read on.]`,
    );
  }
  const body = out.join('\n') + (notes.length ? `\n\n${notes.join('\n')}` : '') + stagedNote;
  return success(body, whole ? `Read ${path} (${total} lines)` : `Read ${path} (lines ${start}-${shownLast} of ${total})`);
}
