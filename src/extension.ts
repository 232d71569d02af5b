// Composition root: build the objects, register them, nothing else.
import vscode = require('vscode');
import type { DevBackendApi, HandledChatRequest } from './vscode/api';
import { registerChatParticipant } from './vscode/chat/chatParticipant';
import { createApiKeyStore, registerApiKeyCommands } from './vscode/commands/apiKeyCommands';
import { registerWorkspaceSettingsWarning } from './vscode/config/workspaceSettingsWarning';
import { createOutputLog } from './vscode/log/outputLog';
import { registerClaudeChatProvider } from './vscode/models/claudeChatProvider';
import { registerTasks } from './vscode/tasks';
import { registerReview } from './vscode/review';
import { registerImplementCommand } from './vscode/commands/implementCommand';
import { registerPickPrpCommand } from './vscode/commands/pickPrpCommand';
import { RunController } from './vscode/run/runController';
import { TranscriptStore } from './vscode/run/transcriptStore';
import { regenerateStale } from './vscode/commands/regenerate';
import { scheduleWarmUp } from './vscode/run/warmUp';
import type { FinishedRun } from './vscode/api';
import { EditorCommandConsent } from './vscode/run/commandConsent';
import { CommandsChannel } from './vscode/log/commandsChannel';

export function activate(context: vscode.ExtensionContext): DevBackendApi {
  const chatRequests = new vscode.EventEmitter<HandledChatRequest>();
  context.subscriptions.push(chatRequests);
  const log = createOutputLog(context);
  registerWorkspaceSettingsWarning(context, log);
  const keyStore = createApiKeyStore(context, log);
  registerClaudeChatProvider(context, keyStore, log);

  const tasks = registerTasks(context, log);
  // The review's Regenerate starts a run and a run's notification opens the review: each gets the other as a
  // service (`runs` is called only once the user picks Regenerate, long after activate returns).
  const review = registerReview(context, { planStore: tasks.planStore, log, regenerate: (request) => regenerateStale(request, { runs, planStore: tasks.planStore }) });

  // Runs: chat participant, "Implement Backend", "Pick a PRP", "Cancel Run", and the review's "Regenerate".
  const finishedRuns = new vscode.EventEmitter<FinishedRun>();
  const transcripts = new TranscriptStore(context.storageUri, (message) => log.warn(message));
  const commands = { consent: new EditorCommandConsent(context.workspaceState), channel: new CommandsChannel() };
  const controller = new RunController({ extensionUri: context.extensionUri, planStore: tasks.planStore, pending: review.pending, keyStore, log, transcripts, commands });
  context.subscriptions.push(finishedRuns, controller, commands.consent, commands.channel);
  context.subscriptions.push(controller.onDidChangeRunning((prpPath) => (tasks.planStore.runningPrp = prpPath)));
  registerChatParticipant(context, chatRequests, { controller, pending: review.pending, review, log, onFinished: finishedRuns });
  const keys = registerApiKeyCommands(context, { store: keyStore, log, runs: { implement: (request) => runs.implement(request) } });
  const runs = registerImplementCommand(context, { controller, log, onFinished: finishedRuns, review, keys });
  registerPickPrpCommand(context);
  scheduleWarmUp(context, { view: tasks.view, onChatRequest: chatRequests.event, keyStore, log });

  return {
    onDidHandleChatRequest: chatRequests.event,
    onDidFinishRun: finishedRuns.event,
    bundledAgentsPath: vscode.Uri.joinPath(context.extensionUri, 'agents').fsPath,
    outputLogLines: () => log.recentLines(),
    tasks,
    pendingChanges: review.pending,
    commands: { onDidAsk: commands.consent.onDidAsk, answer: (a) => commands.consent.answer(a), outputText: () => commands.channel.recentText() },
  };
}

export function deactivate(): void {}
