// Gate todos belong to the harness: the model's work is done when every other todo is.
import { openTodos } from './planOps';
import type { Plan, Todo, TodoGate } from './todo';

export function isGateTodo(todo: Todo): boolean {
  return todo.gate !== undefined;
}

/** The open todos the model can finish: every open todo but the gates (their commands complete them). */
export function openWorkTodos(plan: Plan): Todo[] {
  return openTodos(plan).filter((todo) => !isGateTodo(todo));
}

/** A gate todo's words in the plan, which the model and the CLI read: "Validate level 1: Syntax & Style". */
export function gateTodoContent(level: number, title: string): string {
  return `Validate level ${level}: ${title}`;
}

/** The level's own title in a gate todo's words ("Syntax & Style"); undefined when they were written otherwise. */
export function gateTitleOf(todo: Pick<Todo, 'content'>, gate: Pick<TodoGate, 'level'>): string | undefined {
  const prefix = gateTodoContent(gate.level, '');
  const title = todo.content.startsWith(prefix) ? todo.content.slice(prefix.length).trim() : '';
  return title === '' ? undefined : title;
}
