// Which set of changes a validation report is about: a fingerprint of the staged changes taken when the gates ran,
// so the review can say "validated" only for exactly that set (any change staged, applied or dropped since: not).
import { createHash } from 'node:crypto';
import type { ChangeEntry } from '../changes/changeEntry';
import { gateStatusWords } from './validationReport';
import type { ValidationReport } from './validationRun';

/** Identifies the staged changes (paths, the disk they were computed against, what they write), in any order. */
export function changesFingerprint(entries: readonly ChangeEntry[]): string {
  const parts = [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => [e.path, e.kind, e.baseHash, e.content === undefined ? null : createHash('sha256').update(e.content).digest('hex')]);
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * The review's words about the gates for the changes it shows: "validated: Level 1, Level 2 passed",
 * "validated: Level 1 passed; Level 2 failed", or "not validated" when no report covers exactly these changes.
 */
export function validationNote(report: ValidationReport | undefined, coversTheseChanges: boolean): string {
  if (!report || !coversTheseChanges || report.gates.length === 0) return 'not validated';
  const passed = report.gates.filter((g) => g.status === 'passed').map((g) => `Level ${g.level}`);
  const others = report.gates.filter((g) => g.status !== 'passed').map((g) => `Level ${g.level} ${gateStatusWords(g.status)}`);
  if (passed.length === 0) return `not validated: ${others.join(', ')}`;
  return `validated: ${passed.join(', ')} passed${others.length > 0 ? `; ${others.join(', ')}` : ''}`;
}
