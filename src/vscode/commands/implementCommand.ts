// "Implement Backend" (explorer/editor context, palette): the same run as `/implement`, without chat, in a
// cancellable progress notification; the tree updates live. "Cancel Run" stops whichever run is going.
import vscode = require('vscode');
import type { FinishedRun, RenderedPart } from '../api';
import type { OutputLog } from '../log/outputLog';
import { isMarkdownUri } from '../workspace/prpDocument';
import { adviceFor, type RunAction } from '../../core/report/runAdvice';
import { progressMessage, runSummaryDocument, validationLine } from '../../core/report/runSummary';
import { outcomeOf, type RunController, type RunEvent, type RunReport } from '../run/runController';
import { RunSetupError } from '../../core/run/runSetupError';
import type { ImplementRequest, KeyService, ReviewService, Runs } from '../services';
import { CANCEL_RUN_COMMAND, IMPLEMENT_COMMAND, REVIEW_COMMAND, SET_KEY_COMMAND, SHOW_SUMMARY_COMMAND, type SetApiKeyArgs } from './commandIds';
import { pickPrp } from './pickPrpCommand';
import { RunErrorNotice } from './runErrorNotice';

/** The command's argument besides a bare uri (explorer/editor menus pass the uri). */
export type ImplementArgs = ImplementRequest;

export interface ImplementCommandDeps {
  controller: RunController;
  log: OutputLog;
  onFinished: vscode.EventEmitter<FinishedRun>;
  /** What a notification's buttons act on. */
  review: ReviewService;
  keys: KeyService;
}

/** What one call of the command works with: the deps, and the one error notice of the window's command runs. */
interface ImplementContext extends ImplementCommandDeps {
  notice: RunErrorNotice;
}

/** What a notification can offer: the run's advice, and the summary of a run that ended. */
type NotifyAction = RunAction | 'summary';

const ACTION_TITLES: Record<NotifyAction, string> = {
  continue: 'Continue',
  setApiKey: 'Set Anthropic API Key',
  review: 'Review Changes',
  summary: 'Show Summary',
};

/** Registers the commands; returns the same runs as a service for the other parts. */
export function registerImplementCommand(context: vscode.ExtensionContext, deps: ImplementCommandDeps): Runs {
  const notice = new RunErrorNotice(vscode.window, vscode.ProgressLocation.Notification);
  context.subscriptions.push(
    notice,
    vscode.commands.registerCommand(IMPLEMENT_COMMAND, (arg?: vscode.Uri | ImplementArgs) => implement(arg, { ...deps, notice })),
    vscode.commands.registerCommand(SHOW_SUMMARY_COMMAND, showSummary),
    vscode.commands.registerCommand(CANCEL_RUN_COMMAND, () => {
      if (!deps.controller.cancel()) void vscode.window.showInformationMessage('Dev Backend: no run is in progress.');
    }),
  );
  return { implement: (request) => implement(request, { ...deps, notice }) };
}

/** Resolves with what was shown (undefined when the user picked no PRP). */
async function implement(arg: vscode.Uri | ImplementArgs | undefined, deps: ImplementContext): Promise<FinishedRun | undefined> {
  const args: ImplementArgs = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
  const uri = args.uri ?? activeMarkdown() ?? (await pickPrp());
  if (!uri) return undefined;
  deps.notice.clear(); // the last run's error is over: this run's outcome takes its place
  const rendered: RenderedPart[] = [];
  const notify = (severity: 'info' | 'warning' | 'error', text: string, actions: NotifyAction[], target: ActionTarget = {}): void =>
    notifyOutcome(deps, rendered, severity, text, actions, target);
  const finished = (report: Partial<FinishedRun>): FinishedRun => {
    const run: FinishedRun = { source: 'command', command: 'implement', ...report, rendered };
    deps.onFinished.fire(run);
    return run;
  };
  const name = uri.path.split('/').pop() ?? uri.path;
  let report: RunReport | { missingKey: true };
  let closingText = '';
  try {
    report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Dev Backend: implementing ${name}`, cancellable: true },
      async (progress, token) => {
        const reporter = new ProgressReporter(progress, (text, paths) => notify('info', text, ['review'], { paths }), rendered);
        const ended = await deps.controller.startRun({ prpUri: uri, resume: args.resume ?? 'auto', instruction: args.instruction, token, onEvent: (e) => reporter.onEvent(e) });
        closingText = reporter.closingText;
        return ended;
      },
    );
  } catch (error) {
    const message = error instanceof RunSetupError ? error.message : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    if (!(error instanceof RunSetupError)) deps.log.error('Implement Backend failed', error);
    if (error instanceof RunSetupError && error.action) notifyWithCommand(rendered, deps.notice, `Dev Backend: ${message}`, error.action);
    else notify('error', `Dev Backend: ${message}`, []);
    return finished({ error: message });
  }

  if ('missingKey' in report) {
    notify(
      'warning',
      'Dev Backend: implementing needs an Anthropic API key (outside the chat there is no chat model to use). The plan is in the Backend Tasks view; the run starts once the key is saved.',
      ['setApiKey'],
      { prpUri: uri, resume: args.resume ?? 'auto' },
    );
    return finished({ missingKey: true });
  }
  const advice = adviceFor(report, report.staged.length);
  const done = report.plan.todos.filter((t) => t.status === 'completed').length;
  const message =
    report.status === 'completed'
      ? `Dev Backend implemented ${name}: ${done}/${report.plan.todos.length} tasks, ${report.staged.length} change(s) staged for review.${gatesSentence(report)}`
      : `Dev Backend (${name}): ${advice.message}`;
  const summary = runSummaryDocument({ name, report, closingText });
  notify(advice.severity, message, [...advice.actions, 'summary'], { prpUri: uri, resume: true, summary });
  return finished({ prpPath: report.prpPath, outcome: outcomeOf(report), via: report.via, model: report.model, ...(report.validation && { validation: report.validation }) });
}

/** " Validation: all 2 level(s) passed." after the run's own sentence; empty when the PRP has no gates. */
function gatesSentence(report: RunReport): string {
  const line = validationLine(report);
  return line ? ` ${line}` : '';
}

function activeMarkdown(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isMarkdownUri(doc.uri, doc.languageId) ? doc.uri : undefined;
}

/** What a notification's buttons act on. */
interface ActionTarget {
  prpUri?: vscode.Uri;
  /** How "Continue" / a saved key resumes the run. */
  resume?: boolean | 'auto';
  /** Review only these (a finished task's files). */
  paths?: string[];
  /** The markdown "Show Summary" opens. */
  summary?: string;
}

/**
 * Shows a notification without waiting for it; a button click runs its action. An error goes to the run error notice
 * (its actions as links), so a later run's error replaces it instead of stacking over it.
 */
function notifyOutcome(deps: ImplementContext, rendered: RenderedPart[], severity: 'info' | 'warning' | 'error', text: string, actions: NotifyAction[], target: ActionTarget): void {
  const titles = actions.map((a) => ACTION_TITLES[a]);
  const commands = actions.map((a) => actionCommand(a, target));
  rendered.push({ kind: 'message', severity, text, buttons: titles, buttonCommands: commands });
  if (severity === 'error') {
    // A link carries its arguments in the message: the summary is kept here and shown by a link without it.
    if (target.summary !== undefined) lastSummary = target.summary;
    deps.notice.show(text, commands.map((c, i) => ({ title: titles[i], command: c.command, args: c.command === SHOW_SUMMARY_COMMAND ? [] : c.args })));
    return;
  }
  const show = severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void Promise.resolve(show(text, ...titles)).then((picked) => {
    const action = actions.find((a) => ACTION_TITLES[a] === picked);
    if (!action) return;
    runAction(action, target, deps).catch((error: unknown) => {
      deps.log.error(`${ACTION_TITLES[action]} failed`, error);
      void vscode.window.showErrorMessage(`Dev Backend: ${ACTION_TITLES[action]} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
}

/** An error whose fix is a command of its own (Manage Workspace Trust), offered as the notice's link. */
function notifyWithCommand(rendered: RenderedPart[], notice: RunErrorNotice, text: string, action: { title: string; command: string }): void {
  rendered.push({ kind: 'message', severity: 'error', text, buttons: [action.title] });
  notice.show(text, [{ title: action.title, command: action.command, args: [] }]);
}

/** The command behind a button (recorded with what was shown, so tests can press it). */
function actionCommand(action: NotifyAction, target: ActionTarget): { command: string; args: unknown[] } {
  switch (action) {
    case 'continue':
      return { command: IMPLEMENT_COMMAND, args: [{ uri: target.prpUri, resume: true } satisfies ImplementArgs] };
    case 'setApiKey': {
      // Once the key is saved, the run starts (or continues) by itself.
      const resume = target.resume === 'auto' ? undefined : target.resume;
      const then: SetApiKeyArgs | undefined = target.prpUri
        ? { then: { implement: { prpUri: target.prpUri.toString(), ...(resume !== undefined ? { resume } : {}) } } }
        : undefined;
      return { command: SET_KEY_COMMAND, args: then ? [then] : [] };
    }
    case 'review':
      return { command: REVIEW_COMMAND, args: target.paths ? [{ paths: target.paths }] : [] };
    case 'summary':
      return { command: SHOW_SUMMARY_COMMAND, args: [target.summary ?? ''] };
  }
}

/** A button the user picked in a notification: the services behind the recorded commands, called directly. */
async function runAction(action: NotifyAction, target: ActionTarget, deps: ImplementContext): Promise<unknown> {
  switch (action) {
    case 'continue':
      return implement({ uri: target.prpUri, resume: true }, deps);
    case 'setApiKey': {
      if (!(await deps.keys.askForKey()) || !target.prpUri) return undefined;
      const resume = target.resume === 'auto' ? undefined : target.resume;
      return implement({ uri: target.prpUri, ...(resume !== undefined ? { resume } : {}) }, deps);
    }
    case 'review':
      return deps.review.review(target.paths ? { paths: target.paths } : {});
    case 'summary':
      return showSummary(target.summary ?? '');
  }
}

/** The summary of the last run whose error notice offers it. */
let lastSummary = '';

/** Opens a run's summary (markdown) in an editor; without one, the last failed run's. */
async function showSummary(markdown: unknown): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: typeof markdown === 'string' ? markdown : lastSummary });
  return vscode.window.showTextDocument(doc, { preview: true });
}

/** Run events to the notification: tool activity as the message, finished todos as the bar's increments. */
class ProgressReporter {
  private completed = 0;
  /** The model's words since its last tool call: its closing summary once the run ends. */
  closingText = '';
  private textEnded = false;

  constructor(
    private readonly progress: vscode.Progress<{ message?: string; increment?: number }>,
    /** Offers the review of a finished task's files. */
    private readonly offerReview: (text: string, paths: string[]) => void,
    private readonly rendered: RenderedPart[],
  ) {}

  onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'run_start':
        this.completed = event.plan.todos.filter((t) => t.status === 'completed').length;
        this.report(`${event.modelLabel}: ${this.completed}/${event.plan.todos.length} tasks done`);
        break;
      case 'text':
        if (this.textEnded) this.closingText = '';
        this.textEnded = false;
        this.closingText += event.text;
        break;
      case 'tool_start':
        this.textEnded = true;
        this.report(event.summary);
        break;
      case 'waiting':
        this.report(event.message);
        break;
      case 'todos': {
        const total = event.plan.todos.length;
        const completed = event.plan.todos.filter((t) => t.status === 'completed').length;
        const current = event.plan.todos.find((t) => t.status === 'in_progress');
        const increment = total > 0 && completed > this.completed ? ((completed - this.completed) / total) * 100 : undefined;
        this.completed = completed;
        this.report(progressMessage(completed, total, current?.activeForm), increment);
        break;
      }
      case 'task_completed':
        if (event.offerReview) {
          this.offerReview(`Dev Backend: "${event.todo.content}" is done; ${event.stagedPaths.length} change(s) staged.`, event.stagedPaths);
        }
        break;
      default:
        break;
    }
  }

  private report(message: string, increment?: number): void {
    this.rendered.push({ kind: 'progress', text: message });
    this.progress.report(increment === undefined ? { message } : { message, increment });
  }
}
