// Free text to @dev-backend: a question to the agent, answered with the PRP, the plan, the staged changes and the chat history as context (no tools, nothing staged).
import vscode = require('vscode');
import { formatUsd, costUsd } from '../../core/llm/modelCatalog';
import { ModelError } from '../../core/llm/modelClient';
import type { PendingChanges } from '../review/pendingChanges';
import type { ReviewService } from '../services';
import { runtime } from '../../core/runtime/lazyRuntime';
import { readPrpDocument, type PrpDocument } from '../workspace/prpDocument';
import type { RunController } from '../run/runController';
import { formatTokens } from '../../core/report/runSummary';
import { reviewOpeningMessage } from '../review/reviewMessages';
import { historyMessages } from './chatHistory';
import { SET_KEY_COMMAND, type ChatMetadata, type ChatTurnResult } from './chatTurn';
import { askForKey } from './keyPrompt';
import { prpForRequest } from './prpReference';
import { CLAUDE_VENDOR } from '../models/claudeModels';
import type { RecordingStream } from './recordingStream';

export async function askTurn(
  request: vscode.ChatRequest,
  chatContext: vscode.ChatContext,
  out: RecordingStream,
  token: vscode.CancellationToken,
  controller: RunController,
  pending: PendingChanges,
): Promise<ChatTurnResult> {
  controller.assertCanRun();
  const choice = prpForRequest(request, chatContext.history);
  let prp: PrpDocument | undefined;
  if (choice) prp = await readPrpDocument(choice.uri);
  const plan = prp ? (controller.planFor(prp.path) ?? (await controller.planPrp(prp.uri)).plan) : controller.activePlan();
  const agent = await controller.loadAgent();
  const model = await controller.chooseModel(request.model, token, agent.model);
  if ('missingKey' in model) {
    askForKey(out, request, request.model.vendor === CLAUDE_VENDOR);
    return { result: { metadata: { command: undefined } satisfies ChatMetadata }, report: { missingKey: true } };
  }
  if (model.notice) out.markdown(`> ${model.notice}\n\n`);
  const abort = new AbortController();
  const subscription = token.onCancellationRequested(() => abort.abort());
  const staged = pending.changeSet.entries();
  const metadata: ChatMetadata = { command: undefined, prpPath: prp?.path ?? plan?.prpPath, staged: staged.length };
  try {
    const answer = await runtime().answerQuestion({
      client: model.client,
      model: model.model,
      agentPrompt: agent.systemPrompt,
      prp: prp && { path: prp.path, text: prp.text },
      plan,
      staged: staged.map((e) => `${e.kind} ${e.path}`),
      history: historyMessages(chatContext.history),
      question: request.prompt,
      maxTokens: controller.settings().maxOutputTokens,
      signal: abort.signal,
      onText: (text) => out.markdown(text),
    });
    out.markdown(`\n\n_${model.label}: ${formatTokens(answer.usage)}, ${formatUsd(costUsd(answer.usage, model.model))}_`);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    if (error.kind !== 'cancelled') {
      out.markdown(`\n\n**Error:** ${error.message}`);
      if (error.kind === 'auth') out.button({ command: SET_KEY_COMMAND, title: 'Set Anthropic API Key' });
    }
  } finally {
    subscription.dispose();
  }
  return { result: { metadata }, report: { prpPath: metadata.prpPath, via: model.via, model: model.model } };
}

/** `/review` (and the Review Changes followup): the Refactor Preview, no model call. */
export async function reviewTurn(out: RecordingStream, pending: PendingChanges, review: ReviewService): Promise<ChatTurnResult> {
  const count = pending.changeSet.size;
  if (count === 0) {
    out.markdown('No changes are waiting for review.');
    return { result: { metadata: { command: 'review', staged: 0 } satisfies ChatMetadata }, report: {} };
  }
  out.markdown(reviewOpeningMessage(count));
  const result = await review.review();
  const parts = [
    result.applied?.length ? `${result.applied.length} applied` : '',
    result.skipped?.length ? `${result.skipped.length} left pending` : '',
    result.stale?.length ? `${result.stale.length} stale (the file changed since; not applied): ${result.stale.map((p) => `\`${p}\``).join(', ')}` : '',
  ].filter((p) => p !== '');
  out.markdown(`\n\n${parts.length ? `Review: ${parts.join(', ')}.` : 'Review closed; nothing was applied.'}`);
  return { result: { metadata: { command: 'review', staged: pending.changeSet.size } satisfies ChatMetadata }, report: {} };
}
