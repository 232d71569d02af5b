// The review's "Regenerate" on stale changes: re-run the PRP so the model redoes those todos (already set
// back to pending by the review) against the files as they are now.
import vscode = require('vscode');
import type { RegenerateRequest } from '../review/reviewChanges';
import type { Runs } from '../services';
import type { PlanStore } from '../tasks/planStore';
import { prpUriOf } from '../workspace/prpDocument';

export async function regenerateStale(request: RegenerateRequest, deps: { runs: Runs; planStore: Pick<PlanStore, 'activePlan'> }): Promise<void> {
  const plan = deps.planStore.activePlan;
  const uri = plan && prpUriOf(plan.prpPath);
  if (!uri) {
    void vscode.window.showWarningMessage('Dev Backend: no PRP is planned, so there is nothing to regenerate. Run Implement Backend on the PRP.');
    return;
  }
  await deps.runs.implement({
    uri,
    resume: false,
    instruction:
      `The user changed ${request.paths.join(', ')} after your changes to them were staged; those staged changes were dropped. ` +
      'Read these files again and redo the pending tasks against them as they are now.',
  });
}
