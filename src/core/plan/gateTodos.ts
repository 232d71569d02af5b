// Gate todos belong to the harness: the model's work is done when every other todo is.
import { openTodos } from './planOps';
import type { Plan, Todo } from './todo';

export function isGateTodo(todo: Todo): boolean {
  return todo.gate !== undefined;
}

/** The open todos the model can finish: every open todo but the gates (their commands complete them). */
export function openWorkTodos(plan: Plan): Todo[] {
  return openTodos(plan).filter((todo) => !isGateTodo(todo));
}
