// Asks the user before a command runs: the exact command, the model's reason, and whether it is sandboxed, with
// Run / Run and allow this exact command for the workspace / Deny. Allowed commands (exact text) are kept per workspace.
import vscode = require('vscode');
import type { CommandConsent, CommandRequest, ConsentAnswer } from '../../core/commands/commandPolicy';

const ALLOWED_KEY = 'devBackend.commands.allowed';
const RUN = 'Run';
const ALWAYS = 'Run and allow this exact command for the workspace';
const DENY = 'Deny';

export class EditorCommandConsent implements CommandConsent, vscode.Disposable {
  private readonly asked = new vscode.EventEmitter<CommandRequest>();
  /** Fires when a request is shown (tests answer it with `answer`). */
  readonly onDidAsk = this.asked.event;
  private pending: ((answer: ConsentAnswer) => void) | undefined;

  constructor(private readonly state: vscode.Memento) {}

  isAllowed(command: string): boolean {
    return this.allowedCommands().includes(command);
  }

  async allow(command: string): Promise<void> {
    if (!this.isAllowed(command)) await this.state.update(ALLOWED_KEY, [...this.allowedCommands(), command]);
  }

  ask(request: CommandRequest, signal?: AbortSignal): Promise<ConsentAnswer> {
    const lines = [
      request.sandboxed ? 'The agent wants to run a command (sandboxed).' : 'The agent wants to run a command. This command is NOT sandboxed.',
      `$ ${request.command}`,
    ];
    if (request.description) lines.push(`Reason: ${request.description}`);
    if (!request.sandboxed && request.sandboxProblem) lines.push(request.sandboxProblem);
    return new Promise<ConsentAnswer>((resolve) => {
      let done = false;
      const finish = (answer: ConsentAnswer): void => {
        if (done) return;
        done = true;
        this.pending = undefined;
        signal?.removeEventListener('abort', onAbort);
        resolve(answer);
      };
      const onAbort = (): void => finish('deny');
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending = finish;
      void vscode.window.showWarningMessage(lines.join('\n'), { modal: false }, RUN, ALWAYS, DENY).then((choice) => {
        finish(choice === RUN ? 'run' : choice === ALWAYS ? 'always' : 'deny');
      });
      this.asked.fire(request);
    });
  }

  /** Answers the request on screen as if its button was clicked; false when none is waiting. */
  answer(answer: ConsentAnswer): boolean {
    if (!this.pending) return false;
    this.pending(answer);
    return true;
  }

  private allowedCommands(): string[] {
    const value = this.state.get<unknown>(ALLOWED_KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  dispose(): void {
    this.asked.dispose();
  }
}
