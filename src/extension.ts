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
import { registerValidation } from './vscode/validation';

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
  // The preview's note on the gates comes from the validation reports, built once the review exists.
  const review = registerReview(context, {
    planStore: tasks.planStore,
    log,
    regenerate: (request) => regenerateStale(request, { runs, planStore: tasks.planStore }),
    validationNote: (plan, pending) => validation.note(plan, pending),
  });

  // Runs: chat participant, "Implement Backend", "Pick a PRP", "Cancel Run", and the review's "Regenerate".
  const finishedRuns = new vscode.EventEmitter<FinishedRun>();
  const transcripts = new TranscriptStore(context.storageUri, (message) => log.warn(message));
  const commands = { consent: new EditorCommandConsent(context.workspaceState), channel: new CommandsChannel() };
  const validation = registerValidation(context, { planStore: tasks.planStore, review, commands: { keyStore, log, ...commands }, finishedRuns: finishedRuns.event });
  const controller = new RunController({ extensionUri: context.extensionUri, planStore: tasks.planStore, pending: review.pending, keyStore, log, transcripts, commands, gateConsent: validation.gateConsent });
  context.subscriptions.push(finishedRuns, controller, commands.consent, commands.channel);
  registerChatParticipant(context, chatRequests, { controller, pending: review.pending, review, log, onFinished: finishedRuns, validation: validation.gates });
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
    validation: {
      onDidAskConsent: validation.gateConsent.onDidAsk,
      answerConsent: (a) => validation.gateConsent.answer(a),
      report: (prpPath) => validation.reports.get(prpPath),
      onDidChangeReport: validation.reports.onDidChange,
    },
  };
}

export function deactivate(): void {}
