// Composition root: build the objects, register them, nothing else.
import * as vscode from 'vscode';
import type { DevBackendApi, HandledChatRequest } from './vscode/api';
import { registerChatParticipant } from './vscode/chat/chatParticipant';

export function activate(context: vscode.ExtensionContext): DevBackendApi {
  const chatRequests = new vscode.EventEmitter<HandledChatRequest>();
  context.subscriptions.push(chatRequests);

  registerChatParticipant(context, chatRequests);

  return {
    onDidHandleChatRequest: chatRequests.event,
    bundledAgentsPath: vscode.Uri.joinPath(context.extensionUri, 'agents').fsPath,
  };
}

export function deactivate(): void {}
