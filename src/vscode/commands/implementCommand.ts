// "Implement Backend" (explorer/editor context, palette): the same run as `/implement`, without chat, in a
// cancellable progress notification; the tree updates live. "Cancel Run" stops whichever run is going.
import vscode = require('vscode');
import type { FinishedRun, RenderedPart } from '../api';
import type { OutputLog } from '../log/outputLog';
import { isMarkdownUri, prpPathOf } from '../workspace/prpDocument';
import { adviceFor, type RunAction } from '../../core/report/runAdvice';
import { progressMessage, runSummaryDocument, validationLine } from '../../core/report/runSummary';
import { counted } from '../../core/text/plural';
import type { RunController, RunEvent, RunReport } from '../run/runController';
import { runtime } from '../../core/runtime/lazyRuntime';
import { RunSetupError } from '../../core/run/runSetupError';
import type { ImplementRequest, KeyService, ReviewService, Runs } from '../services';
import { CANCEL_RUN_COMMAND, IMPLEMENT_COMMAND, REVIEW_COMMAND, SET_KEY_COMMAND, SHOW_SUMMARY_COMMAND, type SetApiKeyArgs } from './commandIds';
import { pickPrp } from './pickPrpCommand';
import { RunSummaries } from './runSummaries';

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

/** What one call of the command works with: the deps, and the summaries "Show Summary" opens. */
interface ImplementContext extends ImplementCommandDeps {
  summaries: RunSummaries;
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
  const summaries = new RunSummaries();
  context.subscriptions.push(
    summaries,
    vscode.commands.registerCommand(IMPLEMENT_COMMAND, (arg?: vscode.Uri | ImplementArgs) => implement(arg, { ...deps, summaries })),
    vscode.commands.registerCommand(SHOW_SUMMARY_COMMAND, (prpPath: unknown) => summaries.show(typeof prpPath === 'string' ? prpPath : '')),
    vscode.commands.registerCommand(CANCEL_RUN_COMMAND, () => {
      if (!deps.controller.cancel()) void vscode.window.showInformationMessage('Dev Backend: no run is in progress.');
    }),
  );
  return { implement: (request) => implement(request, { ...deps, summaries }) };
}

/** Resolves with what was shown (undefined when the user picked no PRP). */
async function implement(arg: vscode.Uri | ImplementArgs | undefined, deps: ImplementContext): Promise<FinishedRun | undefined> {
  const args: ImplementArgs = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
  const uri = args.uri ?? activeMarkdown() ?? (await pickPrp());
  if (!uri) return undefined;
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
    if (error instanceof RunSetupError && error.action) notifyWithCommand(rendered, `Dev Backend: ${message}`, error.action);
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
      ? `Dev Backend implemented ${name}: ${done}/${report.plan.todos.length} tasks, ${counted(report.staged.length, 'change')} staged for review.${gatesSentence(report)}`
      : `Dev Backend (${name}): ${advice.message}`;
  const prpPath = prpPathOf(uri);
  deps.summaries.set(prpPath, runSummaryDocument({ name, report, closingText }));
  notify(advice.severity, message, [...advice.actions, 'summary'], { prpUri: uri, resume: true, prpPath });
  return finished({ prpPath: report.prpPath, outcome: runtime().outcomeOf(report), via: report.via, model: report.model, ...(report.validation && { validation: report.validation }) });
}

/** " Validation: all 2 levels passed." after the run's own sentence; empty when the PRP has no gates. */
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
  /** Whose run summary "Show Summary" opens. */
  prpPath?: string;
}

/**
 * Shows a notification without waiting for it; a button click runs its action (and closes the notification). The
 * text of an outcome depends only on the outcome, so a run that fails the same way again replaces the notification
 * (VS Code shows one of identical notifications) instead of stacking a second one.
 */
function notifyOutcome(deps: ImplementContext, rendered: RenderedPart[], severity: 'info' | 'warning' | 'error', text: string, actions: NotifyAction[], target: ActionTarget): void {
  const titles = actions.map((a) => ACTION_TITLES[a]);
  rendered.push({ kind: 'message', severity, text, buttons: titles, buttonCommands: actions.map((a) => actionCommand(a, target)) });
  const show = severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void Promise.resolve(show(text, ...titles)).then((picked) => {
    const action = actions.find((a) => ACTION_TITLES[a] === picked);
    if (!action) return;
    runAction(action, target, deps).catch((error: unknown) => {
      deps.log.error(`${ACTION_TITLES[action]} failed`, error);
      void vscode.window.showErrorMessage(`Dev Backend: ${ACTION_TITLES[action]} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
}

/** An error whose fix is a command of VS Code's own (Manage Workspace Trust), offered as the message's button. */
function notifyWithCommand(rendered: RenderedPart[], text: string, action: { title: string; command: string }): void {
  rendered.push({ kind: 'message', severity: 'error', text, buttons: [action.title] });
  void Promise.resolve(vscode.window.showErrorMessage(text, action.title)).then((picked) => {
    if (picked === action.title) void vscode.commands.executeCommand(action.command);
  });
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
      return { command: SHOW_SUMMARY_COMMAND, args: [target.prpPath ?? ''] };
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
      return deps.summaries.show(target.prpPath ?? '');
  }
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
          this.offerReview(`Dev Backend: "${event.todo.content}" is done; ${counted(event.stagedPaths.length, 'change')} staged.`, event.stagedPaths);
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
