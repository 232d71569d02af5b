// The gates of a session: after the model's work is done, the PRP's validation levels run against the staged
// changes (one consent for the list), a failed level goes to the model for a fix, and each result lands on the
// level's gate todo. A gate that cannot run says why; nothing is hidden.
import type { CommandRunner } from '../commands/commandRunner';
import { emptyUsage, type ChatMessage, type Usage } from '../llm/modelClient';
import type { Plan } from '../plan/todo';
import type { Prp } from '../prp/prp';
import type { RunOutcome } from '../run/agentEvents';
import { agentFixer, type FixRunOptions } from '../validation/agentFixer';
import { gateRunnerOf } from '../validation/commandGateRunner';
import { gateCommands, gatesOf } from '../validation/gate';
import { gateConsentKey } from '../validation/gateConsent';
import { markGateRunning, withGateReport, withGatesNotRun } from '../validation/gatePlan';
import { runValidation, type GateReport, type ValidationReport } from '../validation/validationRun';
import type { RunSessionDeps, SessionEvent } from './runSession';

export interface SessionGatesInput {
  deps: RunSessionDeps;
  prp: Prp;
  prpPath: string;
  outcome: RunOutcome;
  commands: CommandRunner | undefined;
  run: { messages: readonly ChatMessage[]; plan: Plan };
  runOptions: FixRunOptions;
  signal: AbortSignal | undefined;
  /** Puts the gates' results over the plan the user sees, now and after every later todo_write. */
  setGateView(view: (plan: Plan) => Plan): void;
  emit(event: SessionEvent): void;
}

export interface SessionGatesResult {
  validation?: ValidationReport;
  validationSkipped?: string;
  fixUsage: Usage;
  fixCostUsd: number;
  /** The conversation after the fix rounds (absent when none could run). */
  messages?: readonly ChatMessage[];
}

export const COMMANDS_OFF_REASON = 'commands are off here (the approval setting is "never", or the workspace is not trusted)';

export async function runGates(input: SessionGatesInput): Promise<SessionGatesResult> {
  const { deps, commands } = input;
  const none = { fixUsage: emptyUsage(), fixCostUsd: 0 };
  const gates = gatesOf(input.prp);
  const options = deps.gates;
  if (gates.length === 0 || !options) return none;
  const skip = (reason: string): SessionGatesResult => {
    input.setGateView((plan) => withGatesNotRun(plan, reason));
    input.emit({ type: 'validation_skipped', reason });
    deps.log?.info(`Validation gates not run: ${reason}.`);
    return { ...none, validationSkipped: reason };
  };
  if (input.outcome.status !== 'completed') return skip('the run did not complete');
  if (!commands) return skip(COMMANDS_OFF_REASON);
  const list = gateCommands(gates);
  const sandboxed = await commands.sandboxed();
  const answer = await options.consent.approve({ prpPath: input.prpPath, commands: list, sandboxed, key: gateConsentKey(input.prpPath, list) });
  if (answer === 'declined') return skip("you declined to run the PRP's validation commands");
  if (input.signal?.aborted) return skip('the run was cancelled');

  const fixer = agentFixer(input.runOptions, { messages: input.run.messages, plan: input.run.plan });
  const results = new Map<number, GateReport | 'running'>();
  const view = (plan: Plan): Plan => {
    let next = plan;
    for (const [level, result] of results) next = result === 'running' ? markGateRunning(next, level) : withGateReport(next, result);
    return next;
  };
  const report = await runValidation(gates, {
    runner: gateRunnerOf(commands, { networkAllowed: options.networkAllowed, approved: true }),
    fixer: fixer.fix,
    maxFixRounds: options.maxFixRounds,
    ...(options.fixRoundsLimitName !== undefined && { fixRoundsLimitName: options.fixRoundsLimitName }),
    ...(input.signal && { signal: input.signal }),
    onEvent: (event) => {
      if (event.type === 'gate_started') results.set(event.gate.level, 'running');
      if (event.type === 'gate_finished') results.set(event.report.level, event.report);
      input.setGateView(view);
      input.emit({ type: 'validation', event });
    },
  });
  if (report.stoppedBecause) deps.log?.info(`Validation: ${report.stoppedBecause}`);
  return { validation: report, fixUsage: fixer.usage, fixCostUsd: fixer.costUsd, messages: fixer.messages };
}
