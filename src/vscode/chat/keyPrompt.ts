// The answer to a request that needs a model when no Anthropic key is set (and the chat offered no other model):
// what is missing and a "Set Anthropic API Key" button that, once the key is saved, sends the same request again.
import type * as vscode from 'vscode';
import { SET_KEY_COMMAND, type SetApiKeyArgs } from '../commands/commandIds';
import { PARTICIPANT_NAME } from './participantName';
import type { RecordingStream } from './recordingStream';

/** The request as the user would type it: "@dev-backend /implement add login". */
export function chatQueryOf(request: Pick<vscode.ChatRequest, 'command' | 'prompt'>): string {
  return [`@${PARTICIPANT_NAME}`, request.command ? `/${request.command}` : '', request.prompt.trim()].filter((p) => p !== '').join(' ');
}

/** "Claude Sonnet 5.5 needs an Anthropic API key..." with the button that continues the request. */
export function askForKey(out: RecordingStream, request: Pick<vscode.ChatRequest, 'command' | 'prompt' | 'model'>, isOurModel: boolean): void {
  const who = isOurModel ? `${request.model.name} (served by Dev Backend)` : 'This request';
  out.markdown(
    `${who} needs an Anthropic API key, and none is set. Set one with the button below: the key goes to VS Code's secret storage, and this request is sent again once it is saved. (\`/plan\` and \`/status\` work without a key.)`,
  );
  const args: SetApiKeyArgs = { then: { chatQuery: chatQueryOf(request) } };
  out.button({ command: SET_KEY_COMMAND, title: 'Set Anthropic API Key', arguments: [args] });
}
