// The result text after a write or edit was staged: what changed, and that the disk is untouched.
import type { StageResult } from '../changes/changeSet';
import { success, type ToolResult } from './toolTypes';

export function describeStaged(staged: Extract<StageResult, { ok: true }>, todoId: string | undefined, verb: 'Wrote' | 'Edited'): ToolResult {
  const { path, entry } = staged;
  if (!entry) {
    return success(`${path} now matches the file on disk, so no change is staged for it.`, `${verb} ${path} (back to the original)`);
  }
  const lines = entry.content === undefined ? 0 : countLines(entry.content);
  const replaced =
    staged.replacements !== undefined ? `Replaced ${staged.replacements} occurrence${staged.replacements === 1 ? '' : 's'} in ${path}` : undefined;
  const what =
    replaced ??
    (entry.kind === 'create' ? `Staged new file ${path} (${lines} lines)` : `Staged the new content of ${path} (${lines} lines)`);
  const note = staged.note ? ` Note: ${staged.note}.` : '';
  return success(
    `${what}.${note} The change is staged for review; the file on disk is unchanged.`,
    `${verb} ${path} (${entry.kind}${staged.replacements !== undefined ? `, ${staged.replacements} replaced` : `, ${lines} lines`})`,
    { path, kind: entry.kind, ...(todoId !== undefined ? { todoId } : {}) },
  );
}

function countLines(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
