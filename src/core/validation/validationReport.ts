// The words and the JSON of a validation report: the chat, the notification, "Show Validation Report" and the CLI
// all show the same thing.
import { counted } from '../text/plural';
import type { GateStatus } from './gate';
import type { GateReport, ValidationReport } from './validationRun';

const STATUS_WORDS: Record<GateStatus, string> = {
  passed: 'passed',
  failed: 'failed',
  could_not_run: 'could not run',
  not_run: 'not run',
};

const STATUS_MARKS: Record<GateStatus, string> = { passed: '✅', failed: '❌', could_not_run: '⚠️', not_run: '⏭️' };

export function gateStatusWords(status: GateStatus): string {
  return STATUS_WORDS[status];
}

/** One line: "Validation: 2 of 3 levels passed; Level 3 failed." */
export function validationSummary(report: ValidationReport): string {
  const { gates } = report;
  if (gates.length === 0) return 'Validation: the PRP has no validation commands to run.';
  const passed = gates.filter((g) => g.status === 'passed').length;
  const others = gates.filter((g) => g.status !== 'passed').map((g) => `Level ${g.level} ${STATUS_WORDS[g.status]}`);
  // "1 of 1 level passed" rather than "all 1 level passed".
  const head = passed === gates.length && gates.length > 1 ? `all ${gates.length} levels passed` : `${passed} of ${counted(gates.length, 'level')} passed`;
  const fixes = report.fixRounds.length > 0 ? ` after ${counted(report.fixRounds.length, 'fix round')}` : '';
  return `Validation: ${head}${fixes}${others.length > 0 ? `; ${others.join(', ')}` : ''}.`;
}

/** Whether every gate passed (an empty list passes nothing and fails nothing). */
export function allGatesPassed(report: ValidationReport): boolean {
  return report.gates.every((g) => g.status === 'passed');
}

export function validationMarkdown(report: ValidationReport, prpPath: string): string {
  const out = [`# Validation report: ${prpPath}`, '', validationSummary(report), ''];
  if (report.stoppedBecause) out.push(`The fix loop stopped: ${report.stoppedBecause}`, '');
  for (const gate of report.gates) out.push(...gateMarkdown(gate));
  if (report.fixRounds.length > 0) {
    out.push('## Fix rounds', '');
    for (const r of report.fixRounds) out.push(`${r.round}. Level ${r.level}, \`${r.command}\`: ${r.summary || '(no summary)'}`);
    out.push('');
  }
  return out.join('\n');
}

function gateMarkdown(gate: GateReport): string[] {
  const attempts = gate.attempts > 1 ? `, ${gate.attempts} attempts` : '';
  const out = [`## ${STATUS_MARKS[gate.status]} Level ${gate.level}: ${gate.title} (${STATUS_WORDS[gate.status]}, ${seconds(gate.durationMs)}${attempts})`, ''];
  for (const c of gate.commands) {
    const exit = c.exitCode === null ? '' : `, exit ${c.exitCode}`;
    const sandbox = c.status === 'not_run' ? '' : c.sandboxed ? ', sandboxed' : ', not sandboxed';
    out.push(`- \`${c.command}\`: ${STATUS_WORDS[c.status]}${exit}, ${seconds(c.durationMs)}${sandbox}${c.reason ? ` (${c.reason})` : ''}`);
    if (c.advice) out.push(`  ${c.advice}`);
    if (c.status !== 'passed' && c.outputTail !== '') out.push('', fence(c.outputTail), '');
  }
  out.push('');
  return out;
}

/** The CLI's `--json` form. */
export function validationJson(report: ValidationReport): Array<{
  level: number;
  title: string;
  status: GateStatus;
  attempts: number;
  commands: Array<{ command: string; exitCode: number | null; durationMs: number; status: GateStatus; outputTail: string }>;
}> {
  return report.gates.map((g) => ({
    level: g.level,
    title: g.title,
    status: g.status,
    attempts: g.attempts,
    commands: g.commands.map((c) => ({ command: c.command, exitCode: c.exitCode, durationMs: c.durationMs, status: c.status, outputTail: c.outputTail })),
  }));
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A code fence longer than any backtick run inside, so output cannot close it. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}
