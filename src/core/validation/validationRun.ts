// Runs the gates in order against the staged changes and, when a level fails, lets the model fix it: the failing
// command and its output go to the model, then that level and the ones before it run again. Bounded by a number of
// fix rounds, and stopped early when a round makes no progress (the same failure signature twice). A command that
// could not run is reported, never sent to the model.
import { counted } from '../text/plural';
import { commandVerdict } from './commandVerdict';
import { failureSignature } from './failureSignature';
import type { Gate, GateStatus } from './gate';
import type { GateCommandRunner } from './gateCommandRunner';

/** One command's run within one attempt of a level. */
export interface GateCommandReport {
  command: string;
  exitCode: number | null;
  durationMs: number;
  status: GateStatus;
  sandboxed: boolean;
  /** The last lines of its output. */
  outputTail: string;
  reason?: string;
  advice?: string;
}

export interface GateReport {
  level: number;
  title: string;
  line: number;
  status: GateStatus;
  /** How many times the level ran. */
  attempts: number;
  durationMs: number;
  /** The commands of the level's last attempt. */
  commands: GateCommandReport[];
  /** Why the level did not pass, in one sentence. */
  reason?: string;
}

/** What the model was asked to fix in one round, and what it said it did. */
export interface FixRound {
  round: number;
  level: number;
  command: string;
  summary: string;
}

export interface ValidationReport {
  gates: GateReport[];
  fixRounds: FixRound[];
  /** Why the fix loop stopped before every gate passed (round limit, no progress, cancelled). */
  stoppedBecause?: string;
}

/** The failure the model is asked to fix. */
export interface GateFailure {
  gate: Gate;
  command: string;
  exitCode: number | null;
  /** The command's output as the model sees it (already cut by the runner). */
  output: string;
  round: number;
}

/** Asks the model for a fix (it stages changes) and returns its summary of what it changed. */
export type GateFixer = (failure: GateFailure, signal?: AbortSignal) => Promise<string>;

export type ValidationEvent =
  | { type: 'gate_started'; gate: Gate; attempt: number }
  | { type: 'gate_finished'; report: GateReport }
  | { type: 'fix_started'; failure: GateFailure }
  | { type: 'fix_finished'; round: FixRound };

export interface ValidationOptions {
  runner: GateCommandRunner;
  /** Absent: no fix loop (chat /validate, CLI validate). */
  fixer?: GateFixer;
  /** How many times the model may try to fix a failed level (devBackend.validation.maxFixRounds; CLI --max-fix-rounds). */
  maxFixRounds: number;
  /** Where the user raises that bound, named in the stop message: the setting, or the CLI's flag. */
  fixRoundsLimitName?: string;
  signal?: AbortSignal;
  onEvent?: (event: ValidationEvent) => void;
}

export const DEFAULT_MAX_FIX_ROUNDS = 3;

const TAIL_LINES = 30;
const TAIL_CHARS = 3000;

export async function runValidation(gates: readonly Gate[], options: ValidationOptions): Promise<ValidationReport> {
  const reports = new Map<number, GateReport>();
  const attempts = new Map<number, number>();
  const lastSignature = new Map<number, string>();
  const fixRounds: FixRound[] = [];
  let stoppedBecause: string | undefined;

  const runGate = async (index: number): Promise<{ report: GateReport; failed?: GateCommandReport; output?: string }> => {
    const gate = gates[index];
    const attempt = (attempts.get(index) ?? 0) + 1;
    attempts.set(index, attempt);
    options.onEvent?.({ type: 'gate_started', gate, attempt });
    const commands: GateCommandReport[] = [];
    let failed: GateCommandReport | undefined;
    let failedOutput: string | undefined;
    for (const command of gate.commands) {
      if (failed || options.signal?.aborted) {
        commands.push(notRunCommand(command, failed ? 'an earlier command of this level did not pass' : 'cancelled'));
        continue;
      }
      const result = await options.runner.run(command, { signal: options.signal, label: `Level ${gate.level}: ${gate.title}` });
      const verdict = commandVerdict(command, result);
      const report: GateCommandReport = {
        command,
        exitCode: result.exitCode,
        durationMs: result.durationMs,
        status: verdict.status,
        sandboxed: result.sandboxed,
        outputTail: tail(result.output),
        ...(verdict.reason !== undefined && { reason: verdict.reason }),
        ...(verdict.advice !== undefined && { advice: verdict.advice }),
      };
      commands.push(report);
      if (verdict.status !== 'passed') {
        failed = report;
        failedOutput = result.output;
      }
    }
    const report: GateReport = {
      level: gate.level,
      title: gate.title,
      line: gate.line,
      status: failed?.status ?? 'passed',
      attempts: attempt,
      durationMs: commands.reduce((sum, c) => sum + c.durationMs, 0),
      commands,
      ...(failed && { reason: `${failed.command}: ${failed.reason ?? failed.status}` }),
    };
    reports.set(index, report);
    options.onEvent?.({ type: 'gate_finished', report });
    return { report, failed, output: failedOutput };
  };

  type GateRun = Awaited<ReturnType<typeof runGate>>;
  let index = 0;
  let carried: GateRun | undefined; // a level's run already made by the re-run after a fix
  while (index < gates.length) {
    if (options.signal?.aborted) {
      stoppedBecause = 'cancelled';
      break;
    }
    const { report, failed, output } = carried ?? (await runGate(index));
    carried = undefined;
    if (report.status !== 'failed' || !failed) {
      // Passed, or could not run / not run: nothing the model can fix; go on with the next level.
      index++;
      continue;
    }
    const signature = failureSignature(failed.exitCode, output ?? '');
    const repeated = lastSignature.get(index) === signature;
    lastSignature.set(index, signature);
    if (!options.fixer) {
      index++;
      continue;
    }
    if (repeated) {
      stoppedBecause = `Level ${gates[index].level} failed the same way after a fix: no progress, so the fix loop stopped.`;
      break;
    }
    if (fixRounds.length >= options.maxFixRounds) {
      stoppedBecause = `Level ${gates[index].level} still fails after ${counted(options.maxFixRounds, 'fix round')} (${options.fixRoundsLimitName ?? 'devBackend.validation.maxFixRounds'}).`;
      break;
    }
    const failure: GateFailure = { gate: gates[index], command: failed.command, exitCode: failed.exitCode, output: output ?? '', round: fixRounds.length + 1 };
    options.onEvent?.({ type: 'fix_started', failure });
    const summary = await options.fixer(failure, options.signal);
    const round: FixRound = { round: failure.round, level: failure.gate.level, command: failure.command, summary };
    fixRounds.push(round);
    options.onEvent?.({ type: 'fix_finished', round });
    // A fix may break what passed before: run the earlier levels and this one again, in order; the first that
    // fails is where the loop goes on.
    const fixedUpTo = index;
    index = fixedUpTo + 1;
    for (let i = 0; i <= fixedUpTo; i++) {
      if (options.signal?.aborted) break;
      const rerun = await runGate(i);
      if (rerun.report.status === 'failed') {
        index = i;
        carried = rerun;
        break;
      }
    }
  }

  const gatesOut = gates.map(
    (gate, i) =>
      reports.get(i) ?? {
        level: gate.level,
        title: gate.title,
        line: gate.line,
        status: 'not_run' as const,
        attempts: 0,
        durationMs: 0,
        commands: gate.commands.map((c) => notRunCommand(c, stoppedBecause ? 'the fix loop stopped' : 'an earlier level failed')),
        reason: stoppedBecause ? 'not run: the fix loop stopped first' : 'not run: an earlier level did not pass',
      },
  );
  return { gates: gatesOut, fixRounds, ...(stoppedBecause !== undefined && { stoppedBecause }) };
}

function notRunCommand(command: string, reason: string): GateCommandReport {
  return { command, exitCode: null, durationMs: 0, status: 'not_run', sandboxed: false, outputTail: '', reason };
}

/**
 * A line that names what failed, in the formats gates print: TAP and `node --test` (`not ok 3 - login`), mocha,
 * vitest and jest (`✖`, `×`, `●`), jest, pytest and go (`FAIL`, `FAILED`, `--- FAIL:`), tsc, gcc and rustc
 * (`src/a.ts(3,7): error TS2322:`, `error[E0308]:`), and thrown errors (`AssertionError:`).
 */
const FAILURE_LINE = /^\s*(?:not ok\b|[✖✗×●]\s|(?:--- )?FAIL(?:ED)?\b|\S*\s?error(?:\[\w+\])?(?: TS\d+)?:|\w*Error:)/;
const MAX_FAILURE_LINES = 10;

/**
 * The end of an output, for tooltips, reports and JSON: its last lines, led by the lines that name what failed when
 * those scrolled out of the last lines (a test runner prints its failures' names long before its closing totals).
 */
export function tail(output: string): string {
  const lines = output.trimEnd().split('\n');
  if (lines.length <= TAIL_LINES) return clip(lines.join('\n'));
  // The last lines always kept even with the most failure lines in front; failure lines before them lead.
  const alwaysKept = TAIL_LINES - 1 - MAX_FAILURE_LINES;
  const early = lines.slice(0, -alwaysKept).flatMap((line, index) => (FAILURE_LINE.test(line) ? [{ line, index }] : []));
  const firstOfEach = early.filter((f, i) => early.findIndex((g) => g.line === f.line) === i).slice(0, MAX_FAILURE_LINES);
  const lastStart = lines.length - (TAIL_LINES - (firstOfEach.length > 0 ? firstOfEach.length + 1 : 0));
  const named = firstOfEach.filter((f) => f.index < lastStart).map((f) => clip(f.line, 200));
  const last = lines.slice(lastStart).join('\n');
  if (named.length === 0) return clip(last);
  const lead = `${named.join('\n')}\n…\n`;
  return lead + clip(last, TAIL_CHARS - lead.length);
}

/** The end of a text at most `max` characters long. */
function clip(text: string, max = TAIL_CHARS): string {
  return text.length > max ? text.slice(-max) : text;
}
