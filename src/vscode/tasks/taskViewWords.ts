// The Backend Tasks view's words: its title and the message above the tree. No `vscode` import: unit-tested.
import { planProgress } from '../../core/plan/planOps';
import type { Plan, Todo } from '../../core/plan/todo';

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
