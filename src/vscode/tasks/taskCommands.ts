// The Backend Tasks commands: plan a PRP (explorer, editor, palette, view title), switch and clear plans,
// and the per-item Start / Mark Done / Reset / Open in PRP actions.
import vscode = require('vscode');
import { runtime } from '../../core/runtime/lazyRuntime';
import { setTodoStatus } from '../../core/plan/planOps';
import type { Plan, TodoStatus } from '../../core/plan/todo';
import type { PrpWarning } from '../../core/prp/prp';
import { prpCandidates } from '../workspace/prpCandidates';
import { isMarkdownUri, prpUriOf, readPrpDocument } from '../workspace/prpDocument';
import type { PlanStore } from './planStore';
import { OPEN_TASK_COMMAND, TASKS_VIEW_ID, type TaskNode } from './taskTreeProvider';
import { clearedMessage } from './taskViewWords';

/** Where parser warnings go: the "Dev Backend" output log. */
export interface WarningSink {
  warn(message: string): void;
  show(): void;
}

export interface TaskCommandDeps {
  store: PlanStore;
  view: vscode.TreeView<TaskNode>;
  warnings: WarningSink;
}

/** What the item commands receive: a tree node, a todo id, or (from tests) `{ id }`. */
type TodoRef = TaskNode | string | { id: string } | undefined;

export function registerTaskCommands(context: vscode.ExtensionContext, deps: TaskCommandDeps): void {
  const { store } = deps;
  const register = (id: string, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };

  register('devBackend.plan', (uri?: vscode.Uri, selected?: vscode.Uri[]) => {
    const target = uri instanceof vscode.Uri ? uri : selected?.find((u) => u instanceof vscode.Uri);
    return target ? planUri(deps, target) : planActivePrp(deps);
  });
  register('devBackend.planActivePrp', () => planActivePrp(deps));
  register('devBackend.switchPlan', (prpPath?: string) => switchPlan(store, prpPath));
  register('devBackend.clearTasks', () => clearTasks(store));
  register(UNDO_CLEAR_COMMAND, () => undoClear(store));
  register('devBackend.task.start', (ref?: TodoRef, selected?: TodoRef[]) => setStatus(store, 'in_progress', ref, selected));
  register('devBackend.task.complete', (ref?: TodoRef, selected?: TodoRef[]) => setStatus(store, 'completed', ref, selected));
  register('devBackend.task.reset', (ref?: TodoRef, selected?: TodoRef[]) => setStatus(store, 'pending', ref, selected));
  register(OPEN_TASK_COMMAND, (ref?: TodoRef) => openTodo(store, ref));

  context.subscriptions.push(deps.view.onDidChangeCheckboxState((event) => applyCheckboxChanges(store, event.items)));
}

/**
 * True (after saying so) when `prpPath`'s plan belongs to a running agent: the model rewrites the whole list with
 * each todo_write, so a change by hand would be silently lost.
 */
function refusedDuringRun(store: PlanStore, prpPath: string | undefined): boolean {
  if (prpPath === undefined || store.runningPrp !== prpPath) return false;
  const name = prpPath.split('/').pop() ?? prpPath;
  void vscode.window.showInformationMessage(
    `Dev Backend is implementing ${name}: the agent keeps its task list up to date. Cancel the run to change it by hand.`,
  );
  return true;
}

export const UNDO_CLEAR_COMMAND = 'devBackend.undoClearTasks';
/** The plan Clear Tasks removed last, until Undo puts it back or another plan is cleared. */
let lastCleared: Plan | undefined;

/** Removes the active plan and offers Undo (a finished plan is work: one click must not lose it). Returns it. */
function clearTasks(store: PlanStore): Plan | undefined {
  const plan = store.activePlan;
  if (!plan || refusedDuringRun(store, plan.prpPath)) return undefined;
  store.clear(plan.prpPath);
  lastCleared = plan;
  void vscode.window.showInformationMessage(clearedMessage(plan), 'Undo').then((choice) => {
    if (choice === 'Undo') undoClear(store);
  });
  return plan;
}

/** Puts back the plan Clear Tasks removed last (unless the PRP was planned again since). */
function undoClear(store: PlanStore): Plan | undefined {
  const plan = lastCleared;
  lastCleared = undefined;
  if (!plan || store.plans().some((p) => p.prpPath === plan.prpPath)) return undefined;
  store.setPlan(plan);
  return plan;
}

/** A ticked box marks its todo done, an unticked one pending (the view's onDidChangeCheckboxState). */
export function applyCheckboxChanges(store: PlanStore, items: ReadonlyArray<readonly [TaskNode, vscode.TreeItemCheckboxState]>): void {
  if (items.some(([node]) => node.kind === 'todo' && refusedDuringRun(store, node.prpPath))) {
    store.refresh(); // the box goes back to what the run says
    return;
  }
  for (const [node, state] of items) {
    if (node.kind !== 'todo' || node.prpPath !== store.activePlan?.prpPath) continue;
    const status: TodoStatus = state === vscode.TreeItemCheckboxState.Checked ? 'completed' : 'pending';
    store.updateActive((plan) => setTodoStatus(plan, node.todo.id, status));
  }
}

/** Parses and plans the PRP at `uri`, keeps the statuses of its earlier plan, and shows it. */
export async function planUri(deps: TaskCommandDeps, uri: vscode.Uri): Promise<Plan | undefined> {
  let doc: { path: string; text: string };
  try {
    doc = await readPrpDocument(uri);
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return undefined;
  }
  if (refusedDuringRun(deps.store, doc.path)) return undefined;
  const { prp, plan } = runtime().planOfPrp(doc.text, doc.path, deps.store.get(doc.path));
  deps.store.setPlan(plan);
  revealView(deps);
  reportWarnings(deps.warnings, doc.path, prp.warnings, plan);
  return plan;
}

async function planActivePrp(deps: TaskCommandDeps): Promise<Plan | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && isMarkdownUri(doc.uri, doc.languageId)) return planUri(deps, doc.uri);
  const picked = await pickMarkdownFile();
  return picked ? planUri(deps, picked) : undefined;
}

/** A QuickPick of the workspace's markdown files, PRP folders first. */
async function pickMarkdownFile(): Promise<vscode.Uri | undefined> {
  const items = await prpCandidates();
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Open a PRP (a markdown spec) to plan its backend tasks.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Plan Backend Tasks', placeHolder: 'Pick the PRP to plan' });
  return picked?.uri;
}

function revealView(deps: TaskCommandDeps): void {
  const first = deps.view.visible ? undefined : firstNode(deps);
  if (first) {
    deps.view.reveal(first, { select: false, focus: false, expand: true }).then(undefined, () => undefined);
  } else if (!deps.view.visible) {
    void vscode.commands.executeCommand(`${TASKS_VIEW_ID}.focus`);
  }
}

function firstNode(deps: TaskCommandDeps): TaskNode | undefined {
  const plan = deps.store.activePlan;
  const todo = plan?.todos[0];
  if (!plan || !todo) return undefined;
  return { kind: 'todo', prpPath: plan.prpPath, phase: todo.phase ?? (plan.todos.some((t) => t.phase) ? 'Other' : undefined), todo };
}

function reportWarnings(sink: WarningSink, prpPath: string, warnings: PrpWarning[], plan: Plan): void {
  const name = prpPath.split('/').pop() ?? prpPath;
  if (warnings.length === 0) {
    vscode.window.setStatusBarMessage(`$(checklist) Planned ${plan.todos.length} tasks from ${name}`, 4000);
    return;
  }
  for (const w of warnings) sink.warn(`${prpPath}${w.line !== undefined ? `:${w.line}` : ''}: ${w.message}`);
  const summary = `Planned ${plan.todos.length} tasks from ${name}; ${warnings.length} part${warnings.length === 1 ? '' : 's'} of the PRP could not be read cleanly.`;
  void vscode.window.showWarningMessage(summary, 'Show Warnings').then((choice) => {
    if (choice) sink.show();
  });
}

async function switchPlan(store: PlanStore, prpPath?: string): Promise<Plan | undefined> {
  if (typeof prpPath === 'string') return store.switchTo(prpPath) ? store.activePlan : undefined;
  const active = store.activePlan?.prpPath;
  const items = store.plans().map((plan) => {
    const done = plan.todos.filter((t) => t.status === 'completed').length;
    return {
      prpPath: plan.prpPath,
      label: `${plan.prpPath === active ? '$(check) ' : ''}${plan.title}`,
      description: plan.prpPath,
      detail: `${done}/${plan.todos.length} done`,
    };
  });
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No plans yet: plan a PRP first.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Switch PRP Plan', placeHolder: 'Show the plan of...' });
  return picked && store.switchTo(picked.prpPath) ? store.activePlan : undefined;
}

function todoIdOf(ref: TodoRef): string | undefined {
  if (typeof ref === 'string') return ref;
  if (!ref || typeof ref !== 'object') return undefined;
  if ('kind' in ref) return ref.kind === 'todo' ? ref.todo.id : undefined;
  return typeof ref.id === 'string' ? ref.id : undefined;
}

function setStatus(store: PlanStore, status: TodoStatus, ref: TodoRef, selected?: TodoRef[]): Plan | undefined {
  if (refusedDuringRun(store, store.activePlan?.prpPath)) return undefined;
  const refs = Array.isArray(selected) && selected.length > 0 ? selected : [ref];
  const ids = refs.map(todoIdOf).filter((id): id is string => id !== undefined);
  // Starting several at once makes no sense: only the clicked one starts.
  const targets = status === 'in_progress' ? ids.slice(0, 1) : ids;
  return store.updateActive((plan) => targets.reduce((p, id) => setTodoStatus(p, id, status), plan));
}

async function openTodo(store: PlanStore, ref: TodoRef): Promise<void> {
  const plan = store.activePlan;
  const id = todoIdOf(ref);
  const prpPath = typeof ref === 'object' && ref !== null && 'prpPath' in ref ? ref.prpPath : plan?.prpPath;
  const todo = (prpPath === plan?.prpPath ? plan : undefined)?.todos.find((t) => t.id === id);
  const uri = prpPath ? prpUriOf(prpPath) : undefined;
  if (!uri) {
    void vscode.window.showWarningMessage('The PRP of this plan is not in an open workspace folder.');
    return;
  }
  const line = Math.max(0, (todo?.source?.line ?? 1) - 1);
  try {
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), preview: true });
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot open ${prpPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
