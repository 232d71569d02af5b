// `implement --apply`: land the staged changes and say exactly what landed and what did not.
import { writeFile } from 'node:fs/promises';
import type { ApplyResult, ChangeEntry, ChangeSet } from '../core/changes/changeSet';
import { formatUnifiedDiff } from '../core/changes/unifiedDiff';
import { counted } from '../core/text/plural';
import type { CliIo } from './cliIo';
import { escapeControls, escapeJsonControls } from './terminalText';

/** Applies everything staged; a failure of the apply itself (the workspace lock) fails every file. */
export async function applyStaged(changes: ChangeSet, staged: readonly ChangeEntry[]): Promise<ApplyResult> {
  try {
    return await changes.applyToDisk();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { applied: [], stale: [], failed: staged.map((entry) => ({ path: entry.path, reason })) };
  }
}

/** Lists what was not applied, with why, and its diff, so the paid work is not lost. */
export function reportNotApplied(result: ApplyResult, staged: readonly ChangeEntry[], io: CliIo): void {
  const count = result.stale.length + result.failed.length;
  if (count === 0) return;
  io.stderr(`${counted(count, 'file')} NOT applied:\n`);
  for (const path of result.stale) io.stderr(`  ${path}: changed on disk since it was staged\n`);
  for (const f of result.failed) io.stderr(`  ${f.path}: ${f.reason}\n`);
  const left = new Set([...result.stale, ...result.failed.map((f) => f.path)]);
  io.stderr(`The changes not applied, as a diff:\n${escapeControls(formatUnifiedDiff(staged.filter((e) => left.has(e.path))))}`);
}

/** Writes the output to --out (the exact bytes), else to stdout with control characters shown escaped. */
export async function deliver(output: string, outFile: string | undefined, json: boolean, io: CliIo): Promise<void> {
  const shown = json ? escapeJsonControls(output) : escapeControls(output);
  if (outFile === undefined) {
    io.stdout(shown);
    return;
  }
  try {
    await writeFile(outFile, output);
  } catch (error) {
    io.stderr(`could not write ${outFile} (${error instanceof Error ? error.message : String(error)}); here it is instead:\n`);
    io.stdout(shown);
  }
}
