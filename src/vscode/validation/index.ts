// Validation gates in the editor: the one-per-PRP consent, the reports kept per PRP, "Show Validation Report", and
// what the review says about the gates for the changes it shows. Runs use them through `gates` (chat /validate too).
import vscode = require('vscode');
import { validationNote } from '../../core/validation/validatedChanges';
import type { FinishedRun } from '../api';
import type { Review } from '../review';
import type { ReviewOptions } from '../review/reviewChanges';
import type { EditorCommandsDeps } from '../run/editorCommandRunner';
import type { PlanStore } from '../tasks/planStore';
import { EditorGateConsent } from './gateConsentPrompt';
import { registerValidationReportView } from './showValidationReport';
import type { ValidateGatesDeps } from './validateGates';
import { ValidationReports } from './validationReports';

type ReviewNote = NonNullable<ReviewOptions['validationNote']>;

export { EditorGateConsent } from './gateConsentPrompt';
export { ValidationReports } from './validationReports';

export interface Validation {
  readonly gateConsent: EditorGateConsent;
  readonly reports: ValidationReports;
  /** What the Refactor Preview says about the gates for the changes it shows. */
  readonly note: ReviewNote;
  /** What running the gates needs (chat /validate). */
  readonly gates: ValidateGatesDeps;
}

export function registerValidation(
  context: vscode.ExtensionContext,
  deps: { planStore: PlanStore; review: Review; commands: EditorCommandsDeps; finishedRuns: vscode.Event<FinishedRun> },
): Validation {
  const { planStore, review } = deps;
  const gateConsent = new EditorGateConsent(context.workspaceState);
  const reports = new ValidationReports(context.workspaceState, () => review.pending.changeSet.entries());
  context.subscriptions.push(gateConsent, reports);
  registerValidationReportView(context, reports, planStore);
  // A run's gates (Implement Backend, /implement) are kept as the PRP's report, on the changes they validated.
  context.subscriptions.push(
    deps.finishedRuns((run) => {
      if (run.validation && run.prpPath !== undefined && run.command !== 'validate') void reports.set(run.prpPath, run.validation);
    }),
  );
  const note: ReviewNote = (plan, pending) => (plan ? validationNote(reports.get(plan.prpPath), reports.covers(plan.prpPath, pending)) : validationNote(undefined, false));
  return { gateConsent, reports, note, gates: { commands: deps.commands, gateConsent, reports, planStore, pending: review.pending } };
}
