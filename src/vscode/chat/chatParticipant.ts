// `@dev-backend`: /implement runs the agent, /continue resumes it, /plan plans offline, /status reports, /review opens
// the review, /validate runs the PRP's gates (no model), free text asks the agent. Followups are these commands, so the
// handler dispatches on the command alone.
// Each request is reported first (onDidHandleChatRequest) and, once rendered, with what it showed (onDidFinishRun).
import vscode = require('vscode');
import type { FinishedRun, HandledChatRequest } from '../api';
import type { OutputLog } from '../log/outputLog';
import type { PendingChanges } from '../review/pendingChanges';
import type { RunController } from '../run/runController';
import type { ReviewService } from '../services';
import { RunSetupError } from '../../core/run/runSetupError';
import { counted } from '../../core/text/plural';
import { askTurn, reviewTurn } from './askTurn';
import { followupsFor, type ChatMetadata, type ChatTurnResult } from './chatTurn';
import { implementTurn } from './implementTurn';
import { planTurn, statusTurn } from './planStatusTurns';
import { validateTurn } from './validateTurn';
import type { ValidateGatesDeps } from '../validation/validateGates';
import { PARTICIPANT_NAME } from './participantName';
import { RecordingStream } from './recordingStream';

export const PARTICIPANT_ID = PARTICIPANT_NAME;

/** What the participant works with; absent before the run layer is wired (the handler then only reports). */
export interface ChatParticipantDeps {
  controller: RunController;
  pending: PendingChanges;
  review: ReviewService;
  log: OutputLog;
  onFinished: vscode.EventEmitter<FinishedRun>;
  /** What /validate needs; without it /validate says it is not available. */
  validation?: ValidateGatesDeps;
}

/** Registers `@dev-backend`. The handler reports each request, then dispatches on its command. */
export function registerChatParticipant(
  context: vscode.ExtensionContext,
  onRequest: vscode.EventEmitter<HandledChatRequest>,
  deps?: ChatParticipantDeps,
): void {
  const handler: vscode.ChatRequestHandler = async (request, chatContext, stream, token) => {
    onRequest.fire({ command: request.command, prompt: request.prompt });
    if (!deps) {
      stream.markdown(`Dev Backend received \`/${request.command ?? ''}\` ${request.prompt}`);
      return {};
    }
    return handle(request, chatContext, stream, token, deps);
  };
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, handler);
  participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
  participant.followupProvider = {
    provideFollowups: (result) => followupsFor(result.metadata as ChatMetadata | undefined),
  };
  context.subscriptions.push(participant);
}

async function handle(
  request: vscode.ChatRequest,
  chatContext: vscode.ChatContext,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
  deps: ChatParticipantDeps,
): Promise<vscode.ChatResult> {
  const out = new RecordingStream(stream);
  const { controller, pending, review, log } = deps;
  let turn: ChatTurnResult = { result: { metadata: { command: request.command } satisfies ChatMetadata }, report: {} };
  let error: string | undefined;
  log.info(`chat: ${request.command ? `/${request.command}` : 'free text'} (model ${request.model.vendor}/${request.model.id})`);
  if (request.references.length > 0) log.debug(`chat: ${counted(request.references.length, 'reference')}: ${request.references.map((r) => r.id).join(', ')}`);
  try {
    switch (request.command) {
      case 'implement':
        turn = await implementTurn(request, chatContext, out, token, controller, { resume: false });
        break;
      case 'continue':
        turn = await implementTurn(request, chatContext, out, token, controller, { resume: true });
        break;
      case 'plan':
        turn = await planTurn(request, chatContext, out, controller);
        break;
      case 'status':
        turn = await statusTurn(request, chatContext, out, controller, pending);
        break;
      case 'review':
        turn = await reviewTurn(out, pending, review);
        break;
      case 'validate':
        if (!deps.validation) throw new RunSetupError('Validation gates are not available in this window.');
        turn = await validateTurn(request, chatContext, out, token, controller, deps.validation);
        break;
      default:
        turn = await askTurn(request, chatContext, out, token, controller, pending);
        break;
    }
  } catch (caught) {
    error = caught instanceof RunSetupError ? caught.message : `Unexpected error: ${caught instanceof Error ? caught.message : String(caught)}`;
    if (!(caught instanceof RunSetupError)) log.error('chat request failed', caught);
    out.markdown(`\n\n**Could not continue.** ${error}`);
    if (caught instanceof RunSetupError && caught.action) out.button({ command: caught.action.command, title: caught.action.title });
  }
  deps.onFinished.fire({
    source: 'chat',
    command: request.command,
    chatModel: { vendor: request.model.vendor, id: request.model.id },
    ...turn.report,
    ...(error !== undefined ? { error } : {}),
    rendered: out.parts,
  });
  return turn.result;
}
