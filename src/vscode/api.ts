import vscode = require('vscode');
import type { CommandRequest, ConsentAnswer } from '../core/commands/commandPolicy';
import type { RunOutcome } from '../core/run/agentEvents';
import type { GateConsentAnswer } from '../core/validation/gateConsent';
import type { ValidationReport } from '../core/validation/validationRun';
import type { GateConsentRequest } from './validation/gateConsentPrompt';
import type { PendingChanges } from './review/pendingChanges';
import type { Tasks } from './tasks';

/** What a chat request looked like when the participant received it (for tests and other extensions). */
export interface HandledChatRequest {
  command: string | undefined;
  prompt: string;
}

/** One piece of what the user was shown: a chat response part, or a notification (outside chat). */
export interface RenderedPart {
  kind: 'markdown' | 'progress' | 'button' | 'filetree' | 'reference' | 'message';
  /** The markdown, progress or message text; a button's title; a reference's path. */
  text: string;
  /** A button's command id (also each button of a message, in `buttons`). */
  command?: string;
  /** A button's command arguments. */
  args?: unknown[];
  /** A message's buttons, by title. */
  buttons?: string[];
  /** What each of a message's buttons runs. */
  buttonCommands?: { command: string; args: unknown[] }[];
  /** A filetree's file paths, relative to its base. */
  paths?: string[];
  severity?: 'info' | 'warning' | 'error';
}

/** A chat request or an "Implement Backend" command that finished, with what it showed. */
export interface FinishedRun {
  source: 'chat' | 'command';
  /** The chat command ('implement', 'plan', 'status', undefined for free text), or 'implement' for the command. */
  command: string | undefined;
  prpPath?: string;
  /** Set when an agent run took place. */
  outcome?: RunOutcome;
  /** Set when validation gates ran (chat /validate, or after a run's todos). */
  validation?: ValidationReport;
  /** How the model was reached, when a run or an answer took place. */
  via?: 'anthropic' | 'chat-model';
  model?: string;
  /** True when nothing ran for lack of an Anthropic key (and of a chat model). */
  missingKey?: boolean;
  /** The chat's selected model (request.model), in chat. */
  chatModel?: { vendor: string; id: string };
  /** A problem that stopped the request before a run (unreadable PRP, unknown agent, busy). */
  error?: string;
  rendered: RenderedPart[];
}

/** The extension's exports: read-only hooks, used by the integration tests. */
export interface DevBackendApi {
  /** Fires when the chat participant's handler starts on a request. */
  readonly onDidHandleChatRequest: vscode.Event<HandledChatRequest>;
  /** Fires when a chat request or the Implement command has finished rendering. */
  readonly onDidFinishRun: vscode.Event<FinishedRun>;
  /** Absolute path of the bundled agents folder. */
  readonly bundledAgentsPath: string;
  /** The Backend Tasks plans and tree (read them; the commands change them). */
  readonly tasks: Tasks;
  /** The changes waiting for review (stage into its changeSet in tests; devBackend.reviewChanges reviews them). */
  readonly pendingChanges: PendingChanges;
  /** The last lines of the "Dev Backend" output channel, already redacted (the API key never appears). */
  outputLogLines(): readonly string[];
  /** The agent's commands: consent requests as they are shown, answering them, and the "Dev Backend: Commands" text. */
  readonly commands: {
    readonly onDidAsk: vscode.Event<CommandRequest>;
    answer(answer: ConsentAnswer): boolean;
    outputText(): string;
  };
  /** The validation gates: their consent question as it is shown, answering it, and the reports kept per PRP. */
  readonly validation: {
    readonly onDidAskConsent: vscode.Event<GateConsentRequest>;
    answerConsent(answer: GateConsentAnswer): boolean;
    report(prpPath: string): ValidationReport | undefined;
    readonly onDidChangeReport: vscode.Event<string>;
  };
}
