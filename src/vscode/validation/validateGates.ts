// Runs a PRP's validation gates in the editor without any model call (chat /validate): the gate consent first, then
// every level in order in the shadow of the workspace plus the staged changes (the files on disk when nothing is
// staged), through the same CommandRunner as the agent's run_command. The tree follows each level; the report is kept.
import vscode = require('vscode');
import { validateCommandSettings } from '../../core/commands/commandSettings';
import { gateCommands, gatesOf } from '../../core/validation/gate';
import { gateConsentKey, type GateConsent, type GateConsentAnswer } from '../../core/validation/gateConsent';
import type { ValidationEvent, ValidationReport } from '../../core/validation/validationRun';
import { runtime } from '../../core/runtime/lazyRuntime';
import { SETTINGS_SECTION } from '../config/settings';
import type { PendingChanges } from '../review/pendingChanges';
import { editorCommandRunner, type EditorCommandsDeps } from '../run/editorCommandRunner';
import type { PlanStore } from '../tasks/planStore';
import type { PrpDocument } from '../workspace/prpDocument';
import type { ValidationReports } from './validationReports';

export interface ValidateGatesDeps {
  commands: EditorCommandsDeps;
  gateConsent: GateConsent;
  reports: ValidationReports;
  planStore: PlanStore;
  pending: PendingChanges;
}

export type ValidateGatesOutcome =
  | { kind: 'ran'; report: ValidationReport; staged: number }
  /** The PRP has no level with commands. */
  | { kind: 'no-gates' }
  /** Nothing ran: why, in the user's words (declined, untrusted, commands off). */
  | { kind: 'not-run'; reason: string; commands: readonly string[] };

export async function validateGates(
  prp: PrpDocument,
  deps: ValidateGatesDeps,
  options: { signal?: AbortSignal; onEvent?: (event: ValidationEvent) => void } = {},
): Promise<ValidateGatesOutcome> {
  const gates = gatesOf(runtime().parsePrp(prp.text));
  if (gates.length === 0) return { kind: 'no-gates' };
  const commands = gateCommands(gates);
  const notRun = (reason: string): ValidateGatesOutcome => {
    deps.planStore.update(prp.path, (plan) => runtime().withGatesNotRun(plan, reason));
    return { kind: 'not-run', reason, commands };
  };

  if (!vscode.workspace.isTrusted) return notRun('the workspace is not trusted');
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const { settings } = validateCommandSettings((name) => config.get<unknown>(name));
  const runner = await editorCommandRunner(deps.commands, deps.pending.changeSet);
  if (!runner) return notRun('commands are off (devBackend.commands.approval is "never")');
  let answer: GateConsentAnswer | undefined;
  try {
    answer = await deps.gateConsent.approve({ prpPath: prp.path, commands, sandboxed: await runner.sandboxed(), key: gateConsentKey(prp.path, commands) });
  } finally {
    if (answer !== 'run') await runner.dispose();
  }
  if (answer !== 'run') return notRun("you chose not to run the PRP's commands");

  const staged = deps.pending.changeSet.size;
  let report: ValidationReport;
  try {
    report = await runtime().runValidation(gates, {
      // The gate consent covered these exact commands: no second question for each.
      runner: runtime().gateRunnerOf(runner, { networkAllowed: settings.allowedDomains.length > 0, approved: true }),
      maxFixRounds: 0,
      ...(options.signal && { signal: options.signal }),
      onEvent: (event) => {
        if (event.type === 'gate_started') deps.planStore.update(prp.path, (plan) => runtime().markGateRunning(plan, event.gate.level));
        if (event.type === 'gate_finished') deps.planStore.update(prp.path, (plan) => runtime().withGateReport(plan, event.report));
        options.onEvent?.(event);
      },
    });
  } finally {
    await runner.dispose();
  }
  await deps.reports.set(prp.path, report);
  return { kind: 'ran', report, staged };
}
