// `@dev-backend /implement`: the run, streamed into the chat. Plan first, then the model's text, tool activity
// as progress, finished tasks as they happen; at the end a summary, the staged files and "Review Changes".
import vscode = require('vscode');
import type { FinishedRun } from '../api';
import { adviceFor, type RunAdvice } from '../../core/report/runAdvice';
import type { RunController, RunEvent, RunReport } from '../run/runController';
import { runtime } from '../../core/runtime/lazyRuntime';
import { formatPlanChecklist, formatRunSummary } from '../../core/report/runSummary';
import { historyMessages } from './chatHistory';
import { PICK_PRP_COMMAND, REVIEW_COMMAND, SET_KEY_COMMAND, type ChatTurnResult, type ChatMetadata } from './chatTurn';
import { askForKey, chatQueryOf } from './keyPrompt';
import type { SetApiKeyArgs } from '../commands/commandIds';
import { prpForRequest } from './prpReference';
import { CLAUDE_VENDOR } from '../models/claudeModels';
import type { RecordingStream } from './recordingStream';

/**
 * `/implement` (resume: false) and `/continue`, the Continue followup (resume: true: the last run's conversation on
 * the PRP of the last turn that had one, read back from that turn's ChatMetadata).
 */
export async function implementTurn(
  request: vscode.ChatRequest,
  chatContext: vscode.ChatContext,
  out: RecordingStream,
  token: vscode.CancellationToken,
  controller: RunController,
  options: { resume: boolean },
): Promise<ChatTurnResult> {
  const { resume } = options;
  const choice = prpForRequest(request, chatContext.history, resume);
  if (!choice) {
    askForPrp(out, 'implement');
    return { result: { metadata: { command: 'implement' } satisfies ChatMetadata }, report: {} };
  }
  const instruction = request.prompt.trim();
  const renderer = new ChatRunRenderer(out);
  const report = await controller.startRun({
    prpUri: choice.uri,
    instruction: instruction || undefined,
    chatModel: request.model,
    history: historyMessages(chatContext.history),
    resume: resume ? true : 'auto',
    token,
    onEvent: (event) => renderer.onEvent(event),
  });
  if ('missingKey' in report) {
    out.markdown('The plan is in the **Backend Tasks** view. ');
    askForKey(out, request, request.model.vendor === CLAUDE_VENDOR);
    return { result: { metadata: { command: 'implement' } satisfies ChatMetadata }, report: { missingKey: true } };
  }
  const advice = renderer.finish(report);
  const metadata: ChatMetadata = {
    command: 'implement',
    prpPath: report.prpPath,
    status: report.status,
    openTodos: report.openTodos.length,
    staged: report.staged.length,
    ...(report.status !== 'completed' && !advice.actions.includes('continue') ? { noContinue: true } : {}),
  };
  const finished: Partial<FinishedRun> = { prpPath: report.prpPath, outcome: runtime().outcomeOf(report), via: report.via, model: report.model, ...(report.validation && { validation: report.validation }) };
  return { result: { metadata }, report: finished };
}

/** The "which PRP?" answer: what to do, and a button to pick one. */
export function askForPrp(out: RecordingStream, chatCommand: 'implement' | 'plan' | 'validate'): void {
  const verb = chatCommand === 'validate' ? 'run the validation gates of' : chatCommand;
  out.markdown(
    `Which PRP should I ${verb}? Open the PRP (a markdown spec) in the editor, or attach it with \`#file\`, then send \`/${chatCommand}\` again.`,
  );
  out.button({ command: PICK_PRP_COMMAND, title: 'Pick a PRP…', arguments: [{ chatCommand }] });
}

/** Turns run events into chat parts. */
class ChatRunRenderer {
  private lastWasText = false;
  private activeTodo: string | undefined;

  constructor(private readonly out: RecordingStream) {}

  onEvent(event: RunEvent): void {
    const { out } = this;
    switch (event.type) {
      case 'run_start':
        if (event.notice) out.markdown(`> ${event.notice}\n\n`);
        out.markdown(`${event.resumed ? 'Resuming the last run. ' : ''}${formatPlanChecklist(event.plan)}\n\n_Model: ${event.modelLabel}_\n\n---\n\n`);
        break;
      case 'text':
        if (!this.lastWasText) out.markdown('\n\n');
        out.markdown(event.text);
        this.lastWasText = true;
        return;
      case 'tool_start':
        out.progress(event.summary);
        break;
      case 'waiting':
        out.progress(event.message);
        break;
      case 'todos': {
        const current = event.plan.todos.findIndex((t) => t.status === 'in_progress');
        const todo = event.plan.todos[current];
        if (todo && todo.id !== this.activeTodo) out.progress(`Task ${current + 1}/${event.plan.todos.length}: ${todo.activeForm}`);
        this.activeTodo = todo?.id;
        break;
      }
      case 'task_completed':
        out.markdown(`\n\n✓ **Done:** ${event.todo.content}${event.stagedPaths.length ? ` (${event.stagedPaths.map((p) => `\`${p}\``).join(', ')})` : ''}\n\n`);
        if (event.offerReview) out.button({ command: REVIEW_COMMAND, title: `Review Changes (${event.todo.content})`, arguments: [{ paths: event.stagedPaths }] });
        break;
      default:
        return;
    }
    this.lastWasText = false;
  }

  /** The summary, the advice, the staged files and Review; returns the advice given. */
  finish(report: RunReport): RunAdvice {
    const { out } = this;
    out.markdown(
      `\n\n---\n\n${formatRunSummary({ outcome: report, plan: report.plan, staged: report.staged, changedThisRun: report.changedThisRun, modelLabel: report.modelLabel, ...(report.validation && { validation: report.validation }), ...(report.validationSkipped !== undefined && { validationSkipped: report.validationSkipped }) })}\n\n`,
    );
    const advice = adviceFor(report, report.staged.length);
    if (report.status !== 'completed') this.renderAdvice(advice);
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (report.staged.length > 0 && folder) out.filetree(report.staged.map((e) => e.path), folder.uri);
    if (report.staged.length > 0) out.button({ command: REVIEW_COMMAND, title: 'Review Changes' });
    return advice;
  }

  private renderAdvice(advice: RunAdvice): void {
    const label = advice.severity === 'error' ? '**Error:**' : advice.severity === 'warning' ? '**Note:**' : '';
    const next = advice.actions.includes('continue') ? ' Use **Continue** below when ready.' : '';
    this.out.markdown(`${label ? `${label} ` : ''}${advice.message}${next}\n\n`);
    if (advice.actions.includes('setApiKey')) {
      // Once a new key is saved, the run continues where it stopped.
      const then: SetApiKeyArgs = { then: { chatQuery: chatQueryOf({ command: 'continue', prompt: '' }) } };
      this.out.button({ command: SET_KEY_COMMAND, title: 'Set Anthropic API Key', arguments: [then] });
    }
  }
}
