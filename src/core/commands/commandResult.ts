// A command's result: the record the UIs and --json report, and the text the model gets.

export interface CommandRecord {
  command: string;
  /** Null when it did not exit by itself (timeout, cancel, not run). */
  exitCode: number | null;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
  sandboxed: boolean;
  /** Files it changed that are now staged. */
  changedPaths: string[];
  /** Why it did not run (declined, refused, could not start). */
  notRun?: string;
}

export interface CommandOutcome {
  record: CommandRecord;
  /** For the model. */
  content: string;
  /** The command's own output (capped, ANSI-stripped, redacted), for gates that judge it. */
  output: string;
  isError: boolean;
  summary: string;
}

export interface OutcomeDetails {
  record: CommandRecord;
  timeoutSeconds: number;
  output: string;
  /** Changed files that could not be staged, with why. */
  unstaged: readonly string[];
  network: string;
}

export function describeOutcome(d: OutcomeDetails): CommandOutcome {
  const { record } = d;
  const status = record.timedOut
    ? `stopped after ${d.timeoutSeconds} s: timeout`
    : record.cancelled
      ? 'cancelled'
      : `exit code ${record.exitCode ?? 'none (ended by a signal)'}`;
  const lines = [
    `$ ${record.command}`,
    `${status} · ${(record.durationMs / 1000).toFixed(1)} s · ${record.sandboxed ? `sandboxed (${d.network})` : 'NOT sandboxed'}`,
  ];
  if (record.changedPaths.length > 0) lines.push(`Files the command changed, now staged for review: ${record.changedPaths.join(', ')}`);
  if (d.unstaged.length > 0) lines.push(`Changed but not staged: ${d.unstaged.join('; ')}`);
  lines.push(d.output === '' ? '(no output)' : `Output:\n${d.output}`);
  const ok = !record.timedOut && !record.cancelled && record.exitCode === 0;
  return { record, content: lines.join('\n'), output: d.output, isError: !ok, summary: `${record.command}: ${status}` };
}

export function notRunOutcome(command: string, why: string, sandboxed: boolean): CommandOutcome {
  const record: CommandRecord = {
    command, exitCode: null, timedOut: false, cancelled: false, durationMs: 0, sandboxed, changedPaths: [], notRun: why,
  };
  return { record, content: `not run: ${why}`, output: '', isError: true, summary: `${command}: not run` };
}
