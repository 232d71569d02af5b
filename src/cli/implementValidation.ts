// `dev-backend implement`, after a completed run: the PRP's gates against the staged changes, with the fix loop
// (the model gets the failing command and its output and stages a fix). Progress on stderr.
import type { CommandRunner } from '../core/commands/commandRunner';
import { emptyUsage, type ChatMessage, type Usage } from '../core/llm/modelClient';
import type { Plan } from '../core/plan/todo';
import type { Prp } from '../core/prp/prp';
import { agentFixer, type FixRunOptions } from '../core/validation/agentFixer';
import { gateRunnerOf } from '../core/validation/commandGateRunner';
import { gatesOf } from '../core/validation/gate';
import { gateStatusWords, validationSummary } from '../core/validation/validationReport';
import { runValidation, type ValidationEvent, type ValidationReport } from '../core/validation/validationRun';
import type { CliIo } from './cliIo';

export interface ImplementValidation {
  report: ValidationReport;
  /** The plan and conversation after the last fix run (the run's own when no fix ran). */
  plan: Plan;
  messages: readonly ChatMessage[];
  fixUsage: Usage;
  fixCostUsd: number;
}

export interface ImplementValidationInput {
  prp: Prp;
  commands: CommandRunner;
  networkAllowed: boolean;
  maxFixRounds: number;
  run: { plan: Plan; messages: readonly ChatMessage[] };
  fixRun: FixRunOptions;
  io: CliIo;
}

export async function validateImplementation(input: ImplementValidationInput): Promise<ImplementValidation> {
  const { io } = input;
  const gates = gatesOf(input.prp);
  if (gates.length === 0) io.stderr('validation: the PRP has no validation commands to run.\n');
  const fixer = agentFixer(input.fixRun, { messages: input.run.messages, plan: input.run.plan });
  const report = await runValidation(gates, {
    runner: gateRunnerOf(input.commands, { networkAllowed: input.networkAllowed }),
    fixer: fixer.fix,
    maxFixRounds: input.maxFixRounds,
    signal: io.signal,
    onEvent: (event) => reportValidationEvent(event, io),
  });
  if (report.stoppedBecause) io.stderr(`validation: ${report.stoppedBecause}\n`);
  io.stderr(`${validationSummary(report)}\n`);
  return { report, plan: fixer.plan, messages: fixer.messages, fixUsage: fixer.usage, fixCostUsd: fixer.costUsd };
}

/** The JSON and exit-code shape when no gate ran (--commands none, or the run did not complete). */
export function noValidation(run: { plan: Plan; messages: readonly ChatMessage[] }): ImplementValidation {
  return { report: { gates: [], fixRounds: [] }, plan: run.plan, messages: run.messages, fixUsage: emptyUsage(), fixCostUsd: 0 };
}

function reportValidationEvent(event: ValidationEvent, io: CliIo): void {
  switch (event.type) {
    case 'gate_started':
      io.stderr(`validation: Level ${event.gate.level} (${event.gate.title}) started${event.attempt > 1 ? `, attempt ${event.attempt}` : ''}\n`);
      break;
    case 'gate_finished': {
      const { report } = event;
      io.stderr(`validation: Level ${report.level} ${gateStatusWords(report.status)}${report.reason ? `: ${report.reason}` : ''}\n`);
      break;
    }
    case 'fix_started':
      io.stderr(`validation: fix round ${event.failure.round}: asking the model to fix Level ${event.failure.gate.level} (${event.failure.command})\n`);
      break;
    case 'fix_finished':
      io.stderr(`validation: fix round ${event.round.round} done: ${event.round.summary}\n`);
      break;
  }
}
