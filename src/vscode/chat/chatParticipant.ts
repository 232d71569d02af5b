import * as vscode from 'vscode';
import type { HandledChatRequest } from '../api';

export const PARTICIPANT_ID = 'dev-backend';

/** Registers `@dev-backend`. The handler reports each request, then dispatches on its command. */
export function registerChatParticipant(
  context: vscode.ExtensionContext,
  onRequest: vscode.EventEmitter<HandledChatRequest>,
): void {
  const handler: vscode.ChatRequestHandler = async (request, _chatContext, stream, _token) => {
    onRequest.fire({ command: request.command, prompt: request.prompt });
    stream.markdown(`Dev Backend received \`/${request.command ?? ''}\` ${request.prompt}`);
    return {};
  };
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, handler);
  participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
  context.subscriptions.push(participant);
}
