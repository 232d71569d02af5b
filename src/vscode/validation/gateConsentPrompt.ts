// One consent per PRP for its validation gates: the first run lists the gate commands once (Run / Don't Run), and a
// "Run" is remembered per workspace by gateConsentKey until the list changes (a command edited, added, reordered).
// A "Don't Run" is not remembered: the next run asks again rather than skip the gates silently for good.
import vscode = require('vscode');
import { gateConsentQuestion, type GateConsent, type GateConsentAnswer } from '../../core/validation/gateConsent';

const APPROVED_KEY = 'devBackend.validation.approvedGates';
const RUN = 'Run';
const DONT_RUN = "Don't Run";
/** Approvals kept (the most recent): one per PRP and command list. */
const MAX_REMEMBERED = 200;

export type GateConsentRequest = Parameters<GateConsent['approve']>[0];

export class EditorGateConsent implements GateConsent, vscode.Disposable {
  private readonly asked = new vscode.EventEmitter<GateConsentRequest>();
  /** Fires when the question is shown (tests answer it with `answer`). */
  readonly onDidAsk = this.asked.event;
  private pending: ((answer: GateConsentAnswer) => void) | undefined;

  constructor(private readonly state: vscode.Memento) {}

  async approve(request: GateConsentRequest): Promise<GateConsentAnswer> {
    if (request.commands.length === 0 || this.approvedKeys().includes(request.key)) return 'run';
    const answer = await this.ask(request);
    if (answer === 'run') await this.state.update(APPROVED_KEY, [...this.approvedKeys(), request.key].slice(-MAX_REMEMBERED));
    return answer;
  }

  /** Answers the question on screen as if its button was clicked; false when none is waiting. */
  answer(answer: GateConsentAnswer): boolean {
    if (!this.pending) return false;
    this.pending(answer);
    return true;
  }

  private ask(request: GateConsentRequest): Promise<GateConsentAnswer> {
    const name = request.prpPath.split('/').pop() ?? request.prpPath;
    const lines = [`Validation gates of ${name}: ${gateConsentQuestion(request.commands, request.sandboxed)}`, ...request.commands.map((c) => `$ ${c}`)];
    return new Promise<GateConsentAnswer>((resolve) => {
      let done = false;
      const finish = (answer: GateConsentAnswer): void => {
        if (done) return;
        done = true;
        this.pending = undefined;
        resolve(answer);
      };
      this.pending = finish;
      const show = request.sandboxed ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
      void show(lines.join('\n'), RUN, DONT_RUN).then((choice) => finish(choice === RUN ? 'run' : 'declined'));
      this.asked.fire(request);
    });
  }

  private approvedKeys(): string[] {
    const value = this.state.get<unknown>(APPROVED_KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  dispose(): void {
    this.asked.dispose();
  }
}
