// Validation of a persisted ChangeSet (workspace state across reloads, or a file). A bad entry is skipped
// with a reason; a document that is not a change set at all is refused.
import type { ChangeEntry, ChangeKind } from './changeEntry';
import { contentHash } from './fileText';
import { checkPathSyntax } from './pathGuard';
import { isSecretPath } from './secretPaths';
import { secretFileNote } from './unifiedDiff';

/** A staged change as printed in a report (CLI --json): a secret file's contents are left out, with a note. */
export type ReportedChangeEntry = ChangeEntry | (Omit<ChangeEntry, 'baseContent' | 'content'> & { redacted: string });

/** The entries for a report that may end up in a public log; persisted change sets keep everything (`toJSON`). */
export function changeEntriesForReport(entries: readonly ChangeEntry[]): ReportedChangeEntry[] {
  return entries.map((entry) => {
    if (!isSecretPath(entry.path)) return entry;
    const { baseContent: _base, content: _content, ...rest } = entry;
    return { ...rest, redacted: secretFileNote(entry.path, entry).replace(/^# /, '') };
  });
}

export type ParsedChangeSet = { ok: true; entries: ChangeEntry[]; problems: string[] } | { ok: false; error: string };

const KINDS: readonly ChangeKind[] = ['create', 'edit', 'delete'];
const HASH = /^[0-9a-f]{64}$/;

export function parseChangeSetJson(json: unknown): ParsedChangeSet {
  if (!isRecord(json)) return { ok: false, error: 'Not a change set: expected a JSON object.' };
  if (json.version !== 1) return { ok: false, error: `Unsupported change set version ${JSON.stringify(json.version)}; expected 1.` };
  if (!Array.isArray(json.entries)) return { ok: false, error: 'Not a change set: "entries" must be an array.' };
  const entries: ChangeEntry[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  json.entries.forEach((raw: unknown, index: number) => {
    const parsed = parseEntry(raw);
    if (typeof parsed === 'string') {
      problems.push(`Skipped change #${index + 1}: ${parsed}`);
    } else if (seen.has(parsed.path)) {
      problems.push(`Skipped change #${index + 1}: a second change for ${parsed.path}.`);
    } else {
      seen.add(parsed.path);
      entries.push(parsed);
    }
  });
  return { ok: true, entries, problems };
}

/** The entry, or why it is unusable. */
function parseEntry(raw: unknown): ChangeEntry | string {
  if (!isRecord(raw)) return 'not an object.';
  const { path, kind, baseHash, baseContent, content, todoIds, commands } = raw;
  const checked = checkPathSyntax(path);
  if (!checked.ok) return `bad path ${JSON.stringify(path)} (${checked.reason})`;
  if (checked.path !== path) return `path ${JSON.stringify(path)} is not normalised.`;
  const where = ` (${checked.path})`;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) return `unknown kind ${JSON.stringify(kind)}${where}.`;
  if (!(baseHash === null || (typeof baseHash === 'string' && HASH.test(baseHash)))) return `bad baseHash${where}.`;
  if (!(content === undefined || typeof content === 'string')) return `content is not a string${where}.`;
  if (!(baseContent === undefined || typeof baseContent === 'string')) return `baseContent is not a string${where}.`;
  if (!(todoIds === undefined || (Array.isArray(todoIds) && todoIds.every((t) => typeof t === 'string')))) {
    return `todoIds must be an array of strings${where}.`;
  }
  if (!(commands === undefined || (Array.isArray(commands) && commands.every((c) => typeof c === 'string')))) {
    return `commands must be an array of strings${where}.`;
  }
  const consistent =
    kind === 'create'
      ? baseHash === null && content !== undefined && baseContent === undefined
      : kind === 'edit'
        ? baseHash !== null && content !== undefined
        : baseHash !== null && content === undefined;
  if (!consistent) return `a ${kind} with inconsistent fields${where}.`;
  if (baseContent !== undefined && baseHash !== null && contentHash(baseContent) !== baseHash) {
    return `baseContent does not match baseHash${where}.`;
  }
  return {
    path: checked.path,
    kind: kind as ChangeKind,
    baseHash,
    ...(baseContent !== undefined ? { baseContent } : {}),
    ...(content !== undefined ? { content } : {}),
    todoIds: todoIds === undefined ? [] : [...(todoIds as string[])],
    ...(commands !== undefined ? { commands: [...(commands as string[])] } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
