// The review's "Regenerate" on stale changes: re-run the PRP so the model redoes those todos (already set
// back to pending by the review) against the files as they are now.
import vscode = require('vscode');
import { IMPLEMENT_COMMAND } from './commandIds';
import type { ImplementArgs } from './implementCommand';
import type { Review } from '../review';
import type { PlanStore } from '../tasks/planStore';
import { prpUriOf } from '../workspace/prpDocument';

export function registerRegenerate(review: Pick<Review, 'setRegenerateHandler'>, planStore: Pick<PlanStore, 'activePlan'>): void {
  review.setRegenerateHandler(async (request) => {
    const plan = planStore.activePlan;
    const uri = plan && prpUriOf(plan.prpPath);
    if (!uri) {
      void vscode.window.showWarningMessage('Dev Backend: no PRP is planned, so there is nothing to regenerate. Run Implement Backend on the PRP.');
      return;
    }
    const args: ImplementArgs = {
      uri,
      resume: false,
      instruction:
        `The user changed ${request.paths.join(', ')} after your changes to them were staged; those staged changes were dropped. ` +
        'Read these files again and redo the pending tasks against them as they are now.',
    };
    await vscode.commands.executeCommand(IMPLEMENT_COMMAND, args);
  });
}
