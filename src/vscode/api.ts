import * as vscode from 'vscode';

/** What a chat request looked like when the participant received it (for tests and other extensions). */
export interface HandledChatRequest {
  command: string | undefined;
  prompt: string;
}

/** The extension's exports: read-only hooks, used by the integration tests. */
export interface DevBackendApi {
  /** Fires when the chat participant's handler starts on a request. */
  readonly onDidHandleChatRequest: vscode.Event<HandledChatRequest>;
  /** Absolute path of the bundled agents folder. */
  readonly bundledAgentsPath: string;
  /** The last lines of the "Dev Backend" output channel, already redacted (the API key never appears). */
  outputLogLines(): readonly string[];
}
