// The Backend Tasks view's words: its title, the message above the tree and its rows' words. No `vscode` import: unit-tested.
import { gateTitleOf } from '../../core/plan/gateTodos';
import { planProgress } from '../../core/plan/planOps';
import type { Plan, Todo, TodoGate } from '../../core/plan/todo';

/** "Tasks 3/15": short enough for the side bar's header at its default width. */
export function viewTitle(plan: Plan): string {
  const { completed, total } = planProgress(plan);
  return `Tasks ${completed}/${total}`;
}

/** "auth-api.md: 3 of 15 tasks done. Now: Creating the auth middleware." (the view wraps it at any width). */
export function viewMessage(plan: Plan): string {
  const { completed, total } = planProgress(plan);
  const name = plan.prpPath.split('/').pop() ?? plan.prpPath;
  const current = plan.todos.find((t) => t.status === 'in_progress');
  const state = total === 0 ? 'no tasks' : completed === total ? `all ${total} tasks done` : `${completed} of ${total} tasks done`;
  return `${name}: ${state}.${current ? ` Now: ${current.activeForm}.` : ''}`;
}

/** "Cleared the tasks of auth-api.md (3 of 15 done)." */
export function clearedMessage(plan: Plan): string {
  const { completed, total } = planProgress(plan);
  const name = plan.prpPath.split('/').pop() ?? plan.prpPath;
  return `Cleared the tasks of ${name} (${completed} of ${total} done).`;
}

/** The todo's files that its words do not already name (the label says them; the description would repeat them). */
export function filesNotInLabel(todo: Pick<Todo, 'content' | 'files'>): string[] {
  return (todo.files ?? []).filter((file) => !todo.content.includes(file));
}

/**
 * A tree row's words, short enough for the side bar: each path the words name is cut to its file name, and the
 * folders go to the description, with the todo's files the words do not name ("Task 1: Create 002_users.sql" /
 * "src/db/migrations"). `text` is the content or, in progress, the active form.
 */
export function shortTodoLabel(text: string, todo: Pick<Todo, 'content' | 'files'>): { label: string; description: string | undefined } {
  let label = text;
  const folders: string[] = [];
  for (const file of [...(todo.files ?? [])].sort((a, b) => b.length - a.length)) {
    const slash = file.lastIndexOf('/');
    if (slash < 0 || !label.includes(file)) continue;
    label = label.split(file).join(file.slice(slash + 1));
    const folder = file.slice(0, slash);
    if (!folders.includes(folder)) folders.push(folder);
  }
  const parts = [...folders, ...filesNotInLabel(todo)];
  return { label, description: parts.length > 0 ? parts.join(', ') : undefined };
}

const GATE_WORDS: Record<NonNullable<TodoGate['status']>, string> = {
  running: 'running…',
  passed: 'passed',
  failed: 'failed',
  could_not_run: 'could not run',
  not_run: 'not run',
};

/**
 * A gate todo's row, short enough for the side bar: the level and its title ("1. Syntax & Style", as the phase row
 * already says Validation; the plan keeps "Validate level 1: ..." for the model and the CLI) and how it went.
 */
export function gateRowWords(todo: Pick<Todo, 'content'>, gate: TodoGate): { label: string; description: string | undefined } {
  return { label: gateLabel(todo, gate), description: gateDescription(gate) };
}

function gateLabel(todo: Pick<Todo, 'content'>, gate: TodoGate): string {
  const title = gateTitleOf(todo, gate);
  if (title === undefined) return todo.content;
  // "Level 3" or "1. Lint" already say their number.
  const number = /^(?:level\s*)?(\d+)/i.exec(title);
  return number && Number(number[1]) === gate.level ? title : `${gate.level}. ${title}`;
}

/**
 * A gate's state first, so a row cut by the side bar still shows it, then how many times it ran (a level re-runs after a
 * later level's fix, so "2 runs" rather than "attempt 2") and how long: "passed · 1.2 s", "failed · 2 runs · 3.4 s".
 */
export function gateDescription(gate: TodoGate): string | undefined {
  if (gate.status === undefined) return undefined;
  const parts = [GATE_WORDS[gate.status]];
  if (gate.status === 'not_run' && gate.reason) parts[0] = `not run: ${gate.reason}`;
  if ((gate.attempts ?? 0) > 1) parts.push(`${gate.attempts} runs`);
  if (gate.durationMs !== undefined && gate.status !== 'running' && gate.status !== 'not_run') parts.push(gateDuration(gate.durationMs));
  return parts.join(' · ');
}

/** The gate's part of the tooltip, as markdown lines: how it went, the failing command and the tail of its output. */
export function gateTooltipLines(gate: TodoGate): string[] {
  if (gate.status === undefined) return ['Validation gate: not run yet. Dev Backend runs its commands on the staged changes after the other tasks.'];
  const lines = [`Validation gate: **${gateDescription(gate) ?? ''}**`];
  if (gate.reason && gate.status !== 'not_run') lines.push(`Why: ${gate.reason.replace(/`/g, "'")}`);
  if (gate.failingCommand) lines.push(`Failing command: \`${gate.failingCommand.replace(/`/g, "'")}\``);
  if (gate.outputTail) lines.push(`${fenceFor(gate.outputTail)}text\n${gate.outputTail}\n${fenceFor(gate.outputTail)}`);
  if (gate.status !== 'running') lines.push('Click to open the validation report.');
  return lines;
}

function gateDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A fence longer than any backtick run in the text, so the output cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}
