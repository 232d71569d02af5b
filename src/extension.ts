// Composition root: build the objects, register them, nothing else.
import * as vscode from 'vscode';
import type { DevBackendApi, HandledChatRequest } from './vscode/api';
import { registerChatParticipant } from './vscode/chat/chatParticipant';
import { registerApiKey } from './vscode/config/apiKeyCommands';
import { createOutputLog } from './vscode/log/outputLog';
import { registerClaudeChatProvider } from './vscode/models/claudeChatProvider';

export function activate(context: vscode.ExtensionContext): DevBackendApi {
  const chatRequests = new vscode.EventEmitter<HandledChatRequest>();
  context.subscriptions.push(chatRequests);
  const log = createOutputLog(context);
  const keyStore = registerApiKey(context, log);
  registerClaudeChatProvider(context, keyStore, log);

  registerChatParticipant(context, chatRequests);

  return {
    onDidHandleChatRequest: chatRequests.event,
    bundledAgentsPath: vscode.Uri.joinPath(context.extensionUri, 'agents').fsPath,
    outputLogLines: () => log.recentLines(),
  };
}

export function deactivate(): void {}
