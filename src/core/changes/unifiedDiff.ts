// Staged changes as a git-style unified diff (a/ b/ prefixes, /dev/null for creates and deletes), which
// `git apply` and `patch -p1` accept. A secret file's content is never printed (CI logs are often public):
// its diff says only that it changed.
import { libraries } from '../libraries/lazyLibraries';
import type { ChangeEntry } from './changeEntry';
import { isSecretPath } from './secretPaths';

const CONTEXT_LINES = 3;

export function formatUnifiedDiff(entries: readonly ChangeEntry[]): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(fileDiff)
    .join('');
}

function fileDiff(entry: ChangeEntry): string {
  const { path } = entry;
  let header = `diff --git a/${path} b/${path}\n`;
  if (entry.kind === 'create') header += 'new file mode 100644\n';
  if (entry.kind === 'delete') header += 'deleted file mode 100644\n';
  if (entry.kind !== 'create' && entry.baseContent === undefined) {
    return `${header}Binary files a/${path} and ${entry.kind === 'delete' ? '/dev/null' : `b/${path}`} differ\n`;
  }
  const before = entry.baseContent ?? '';
  const after = entry.content ?? '';
  if (before === after) return entry.kind === 'edit' ? '' : header;
  if (isSecretPath(path)) return `${header}${secretFileNote(path, entry)}\n`;
  const { FILE_HEADERS_ONLY, formatPatch, structuredPatch } = libraries();
  const patch = structuredPatch(
    entry.kind === 'create' ? '/dev/null' : `a/${path}`,
    entry.kind === 'delete' ? '/dev/null' : `b/${path}`,
    before,
    after,
    undefined,
    undefined,
    { context: CONTEXT_LINES },
  );
  return header + formatPatch(patch, FILE_HEADERS_ONLY);
}

/** What is said instead of a secret file's content (diff and JSON report alike). */
export function secretFileNote(path: string, entry: Pick<ChangeEntry, 'baseContent' | 'content'>): string {
  const lines = (text: string | undefined): number => (text === undefined || text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
  return `# ${path} looks like a secret file: its content is not shown (${lines(entry.baseContent)} lines before, ${lines(entry.content)} after). Review it in the workspace.`;
}
