// `/plan` (plan only, no model call) and `/status` (a compact summary: progress, review, last run). Neither calls a model.
import type * as vscode from 'vscode';
import type { PendingChanges } from '../review/pendingChanges';
import type { RunController } from '../run/runController';
import { prpPathOf } from '../workspace/prpDocument';
import { formatPlanChecklist } from '../../core/report/runSummary';
import { planNextStep, statusMarkdown } from '../../core/report/statusSummary';
import { REVIEW_COMMAND, SHOW_TASKS_COMMAND, type ChatMetadata, type ChatTurnResult } from './chatTurn';
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
  out.markdown(`${formatPlanChecklist(plan)}\n\n${planNextStep(plan)}`);
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
  const resumable = plan !== undefined && (await controller.canResume(plan.prpPath));
  const staged = pending.changeSet.entries();
  const stale = staged.length > 0 ? await pending.changeSet.staleEntries() : [];
  const lastRun = plan ? controller.lastRun(plan.prpPath) : undefined;
  out.markdown(statusMarkdown({ plan, runningPrp: controller.runningPrp, staged, stale, resumable, ...(lastRun ? { lastRun } : {}) }));
  out.markdown('\n\n');
  if (plan) out.button({ command: SHOW_TASKS_COMMAND, title: 'Show Backend Tasks' });
  if (staged.length > 0) out.button({ command: REVIEW_COMMAND, title: 'Review Changes' });
  const metadata: ChatMetadata = {
    command: 'status',
    prpPath: plan?.prpPath,
    staged: staged.length,
    ...(resumable ? { status: 'incomplete' as const, openTodos: plan.todos.filter((t) => t.status !== 'completed').length } : {}),
  };
  return { result: { metadata }, report: { prpPath: plan?.prpPath } };
}
