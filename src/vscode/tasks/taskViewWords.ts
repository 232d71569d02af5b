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
