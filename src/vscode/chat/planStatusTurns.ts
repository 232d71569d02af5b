// `/plan` (plan only, no model call) and `/status` (the plan and the changes waiting for review).
import vscode = require('vscode');
import type { PendingChanges } from '../review/pendingChanges';
import type { RunController } from '../run/runController';
import { prpPathOf } from '../workspace/prpDocument';
import { formatChangeKinds, formatPlanMarkdown } from '../run/runSummary';
import { REVIEW_COMMAND, type ChatMetadata, type ChatTurnResult } from './chatTurn';
import { askForPrp } from './implementTurn';
import { prpForRequest } from './prpReference';
import type { RecordingStream } from './recordingStream';

export async function planTurn(
  request: vscode.ChatRequest,
  chatContext: vscode.ChatContext,
  out: RecordingStream,
  controller: RunController,
): Promise<ChatTurnResult> {
  const choice = prpForRequest(request, chatContext.history);
  if (!choice) {
    askForPrp(out, 'plan');
    return { result: { metadata: { command: 'plan' } satisfies ChatMetadata }, report: {} };
  }
  const { plan } = await controller.planPrp(choice.uri);
  out.markdown(`${formatPlanMarkdown(plan)}\n\nThe plan is in the **Backend Tasks** view. No model was called. Send \`/implement\` to implement it.`);
  const metadata: ChatMetadata = { command: 'plan', prpPath: plan.prpPath };
  return { result: { metadata }, report: { prpPath: plan.prpPath } };
}

export async function statusTurn(
  request: vscode.ChatRequest,
  chatContext: vscode.ChatContext,
  out: RecordingStream,
  controller: RunController,
  pending: PendingChanges,
): Promise<ChatTurnResult> {
  const choice = prpForRequest(request, chatContext.history);
  const prpPath = choice ? prpPathOf(choice.uri) : undefined;
  const plan = (prpPath !== undefined ? controller.planFor(prpPath) : undefined) ?? controller.activePlan();
  const running = controller.runningPrp;
  if (running) out.markdown(`A run is in progress on \`${running}\`.\n\n`);
  if (plan) out.markdown(`${formatPlanMarkdown(plan)}\n\n`);
  else out.markdown('No plan yet: open a PRP and send `/plan` or `/implement`.\n\n');

  const resumable = plan !== undefined && (await controller.canResume(plan.prpPath));
  if (resumable) out.markdown('The last run on this PRP stopped before the end: **Continue** resumes it.\n\n');

  const changeSet = pending.changeSet;
  const staged = changeSet.entries();
  const stale = new Set(await changeSet.staleEntries());
  if (staged.length === 0) {
    out.markdown('No changes are waiting for review.');
  } else {
    out.markdown(`**${staged.length} change(s) waiting for review** (${formatChangeKinds(staged)}).`);
    if (stale.size > 0) out.markdown(` ${stale.size} of them are stale (the file changed since): ${[...stale].map((p) => `\`${p}\``).join(', ')}; they will not be applied over your edits.`);
    out.markdown('\n\n');
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) out.filetree(staged.map((e) => e.path), folder.uri);
    out.button({ command: REVIEW_COMMAND, title: 'Review Changes' });
  }
  const metadata: ChatMetadata = {
    command: 'status',
    prpPath: plan?.prpPath,
    staged: staged.length,
    ...(resumable ? { status: 'incomplete' as const, openTodos: plan.todos.filter((t) => t.status !== 'completed').length } : {}),
  };
  return { result: { metadata }, report: { prpPath: plan?.prpPath } };
}
