// The "Backend Tasks" tree: the active plan's todos grouped by phase, with status icons, checkboxes,
// files as the description, the PRP's details as the tooltip, and a click that opens the PRP line.
import vscode = require('vscode');
import type { Plan, Todo, TodoGate, TodoStatus } from '../../core/plan/todo';
import type { PlanStore } from './planStore';
import { DROPPED_NOTE } from '../../core/plan/planFrame';
import { gateDescription, gateRowWords, gateTooltipLines, shortTodoLabel } from './taskViewWords';

export const TASKS_VIEW_ID = 'devBackend.tasks';
export const OPEN_TASK_COMMAND = 'devBackend.task.open';
/** Registered by the validation module: opens a PRP's validation report (argument: the PRP path or a tree node). */
export const SHOW_VALIDATION_REPORT_COMMAND = 'devBackend.showValidationReport';
const UNPHASED = 'Other';

export type TaskNode =
  | { kind: 'phase'; prpPath: string; phase: string; todos: Todo[] }
  | { kind: 'todo'; prpPath: string; phase: string | undefined; todo: Todo };

const ICONS: Record<TodoStatus, vscode.ThemeIcon> = {
  pending: new vscode.ThemeIcon('circle-large-outline'),
  in_progress: new vscode.ThemeIcon('loading~spin', new vscode.ThemeColor('charts.blue')),
  completed: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
};
const STATUS_TEXT: Record<TodoStatus, string> = { pending: 'Pending', in_progress: 'In progress', completed: 'Done' };
const GATE_ICONS: Record<NonNullable<TodoGate['status']>, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('loading~spin', new vscode.ThemeColor('charts.blue')),
  passed: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  could_not_run: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  not_run: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

export class TaskTreeProvider implements vscode.TreeDataProvider<TaskNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TaskNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: PlanStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: TaskNode): TaskNode[] {
    const plan = this.store.activePlan;
    if (!plan) return [];
    if (element?.kind === 'todo') return [];
    if (element?.kind === 'phase') return todoNodes(plan, element.phase);
    if (!plan.todos.some((t) => t.phase !== undefined)) return todoNodes(plan, undefined);
    return phaseNodes(plan);
  }

  getParent(element: TaskNode): TaskNode | undefined {
    const plan = this.store.activePlan;
    if (element.kind === 'phase' || !plan || element.phase === undefined) return undefined;
    return phaseNodes(plan).find((p) => p.kind === 'phase' && p.phase === element.phase);
  }

  getTreeItem(element: TaskNode): vscode.TreeItem {
    return element.kind === 'phase' ? phaseItem(element) : todoItem(element);
  }

  /** The todo nodes of the active plan, in order (for tests and reveal). */
  todoNodes(): TaskNode[] {
    const plan = this.store.activePlan;
    return plan ? plan.todos.map((todo) => ({ kind: 'todo', prpPath: plan.prpPath, phase: phaseOf(plan, todo), todo })) : [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** A todo's group: its phase, or "Other" when some todos have phases and it has none. */
function phaseOf(plan: Plan, todo: Todo): string | undefined {
  if (todo.phase !== undefined) return todo.phase;
  return plan.todos.some((t) => t.phase !== undefined) ? UNPHASED : undefined;
}

function phaseNodes(plan: Plan): TaskNode[] {
  const groups = new Map<string, Todo[]>();
  for (const todo of plan.todos) {
    const phase = phaseOf(plan, todo) ?? UNPHASED;
    const list = groups.get(phase);
    if (list) list.push(todo);
    else groups.set(phase, [todo]);
  }
  return [...groups].map(([phase, todos]) => ({ kind: 'phase', prpPath: plan.prpPath, phase, todos }));
}

function todoNodes(plan: Plan, phase: string | undefined): TaskNode[] {
  return plan.todos
    .filter((todo) => phaseOf(plan, todo) === phase)
    .map((todo) => ({ kind: 'todo', prpPath: plan.prpPath, phase, todo }));
}

function phaseItem(node: Extract<TaskNode, { kind: 'phase' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.phase, vscode.TreeItemCollapsibleState.Expanded);
  const done = node.todos.filter((t) => t.status === 'completed').length;
  item.id = `phase:${node.prpPath}:${node.phase}`;
  item.description = `${done}/${node.todos.length}`;
  item.contextValue = 'devBackend.phase';
  item.iconPath = new vscode.ThemeIcon(done === node.todos.length ? 'pass' : 'list-unordered');
  return item;
}

function todoItem(node: Extract<TaskNode, { kind: 'todo' }>): vscode.TreeItem {
  const { todo } = node;
  const words = todo.gate ? gateRowWords(todo, todo.gate) : shortTodoLabel(todo.status === 'in_progress' ? todo.activeForm : todo.content, todo);
  const item = new vscode.TreeItem(words.label, vscode.TreeItemCollapsibleState.None);
  item.id = `todo:${node.prpPath}:${todo.id}`;
  item.iconPath = ICONS[todo.status];
  item.checkboxState = {
    state: todo.status === 'completed' ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
    tooltip: todo.status === 'completed' ? 'Mark as not done' : 'Mark as done',
  };
  item.contextValue = `devBackend.todo.${todo.status}`;
  if (todo.details?.[0] === DROPPED_NOTE) item.description = "not in the agent's list";
  else if (words.description !== undefined) item.description = words.description;
  item.tooltip = todoTooltip(node);
  item.command = { command: OPEN_TASK_COMMAND, title: 'Open in PRP', arguments: [node] };
  item.accessibilityInformation = { label: `${todo.content}, ${STATUS_TEXT[todo.status]}` };
  if (todo.gate) showGate(item, node, todo.gate);
  return item;
}

/** A Validation gate's row (its words from gateRowWords): its result as icon; a click opens the validation report once it ran. */
function showGate(item: vscode.TreeItem, node: Extract<TaskNode, { kind: 'todo' }>, gate: TodoGate): void {
  // Only the gate completes it: no Start / Mark Done actions, a "Show Validation Report" one instead.
  item.contextValue = 'devBackend.gate';
  const description = gateDescription(gate);
  if (description === undefined || gate.status === undefined) return;
  item.iconPath = GATE_ICONS[gate.status];
  item.accessibilityInformation = { label: `${node.todo.content}, validation ${description}` };
  if (gate.status !== 'running') item.command = { command: SHOW_VALIDATION_REPORT_COMMAND, title: 'Show Validation Report', arguments: [node] };
}

function todoTooltip(node: Extract<TaskNode, { kind: 'todo' }>): vscode.MarkdownString {
  const { todo } = node;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(todo.content)}**\n\n`);
  md.appendMarkdown(`${STATUS_TEXT[todo.status]}${todo.phase ? ` · ${escape(todo.phase)}` : ''}`);
  if (todo.source) md.appendMarkdown(` · ${escape(node.prpPath)}:${todo.source.line}`);
  md.appendMarkdown('\n\n');
  if (todo.files && todo.files.length > 0) md.appendMarkdown(`Files: ${todo.files.map((f) => `\`${f.replace(/`/g, '')}\``).join(', ')}\n\n`);
  for (const detail of todo.details ?? []) {
    const nested = /^\s+/.test(detail);
    md.appendMarkdown(`${nested ? '    ' : ''}- ${escape(detail.trim())}\n`);
  }
  if (todo.gate) md.appendMarkdown(`\n${gateTooltipLines(todo.gate).join('\n\n')}\n`);
  return md;
}

/** Markdown-escapes text from the PRP outside its `code spans`, which stay as written. */
function escape(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, k) => (k % 2 === 1 ? part : part.replace(/[\\*_[\]<>#|]/g, '\\$&')))
    .join('');
}
