// Pure operations on a Plan. TodoWrite semantics: the model sends the whole list every time;
// todos are matched to the existing ones by id or content so ids, phases, PRP lines and files survive.
import { activeFormOf } from './activeForm';
import type { Plan, Todo, TodoStatus } from './todo';
import { todoId, todoKey, uniqueId } from './todoId';

/** One entry of a TodoWrite call. `id` is optional: TodoWrite identifies todos by content. */
export interface TodoInput {
  content: string;
  status: TodoStatus;
  activeForm?: string;
  id?: string;
}

const STATUSES: ReadonlySet<string> = new Set<TodoStatus>(['pending', 'in_progress', 'completed']);

export function isTodoStatus(value: unknown): value is TodoStatus {
  return typeof value === 'string' && STATUSES.has(value);
}

/**
 * Replaces the plan's todos with `items`, in their order. A todo that matches an existing one (same id,
 * else same content ignoring case, spacing and punctuation) keeps its id, phase, source, files and details.
 * New todos get a content-derived id and the phase of the nearest phased todo before them (else after).
 * Items with empty content are dropped; an unknown status reads as pending. When several items are
 * in_progress, the first keeps it and the others become pending.
 */
export function replaceTodos(plan: Plan, items: readonly TodoInput[]): Plan {
  const byId = new Map(plan.todos.map((t) => [t.id, t]));
  const byKey = new Map<string, Todo[]>();
  for (const t of plan.todos) {
    const key = todoKey(t.content);
    const list = byKey.get(key);
    if (list) list.push(t);
    else byKey.set(key, [t]);
  }
  const used = new Set<Todo>();
  const matched: Array<{ item: TodoInput; content: string; old?: Todo }> = [];
  for (const item of items) {
    const content = typeof item?.content === 'string' ? item.content.trim() : '';
    if (content === '') continue;
    let old = item.id !== undefined ? byId.get(item.id) : undefined;
    if (old && used.has(old)) old = undefined;
    old ??= byKey.get(todoKey(content))?.find((t) => !used.has(t));
    if (old) used.add(old);
    matched.push({ item, content, old });
  }

  const taken = new Set<string>();
  for (const m of matched) if (m.old) taken.add(m.old.id);
  const todos: Todo[] = matched.map(({ item, content, old }) => {
    const status = isTodoStatus(item.status) ? item.status : 'pending';
    const written = typeof item.activeForm === 'string' ? item.activeForm.trim() : '';
    if (old?.gate) return old; // the harness's: its gate alone completes it
    if (old) {
      const activeForm = written || (old.content === content ? old.activeForm : activeFormOf(content));
      return { ...old, content, activeForm, status };
    }
    return { id: uniqueId(todoId(content), taken), content, activeForm: written || activeFormOf(content), status };
  });
  // A gate todo the model's list left out stays, at the end (where the planner puts validation).
  for (const t of plan.todos) if (t.gate && !used.has(t)) todos.push(t);
  inheritPhases(todos);
  return { ...plan, todos: singleInProgress(todos) };
}

/**
 * The gate todos whose status `items` would change or that it leaves out: replaceTodos keeps them as they are, and
 * the model is told why (`gateTodosNote`).
 */
export function gateTodosHeld(plan: Plan, items: readonly TodoInput[]): Todo[] {
  const gates = plan.todos.filter((t) => t.gate);
  if (gates.length === 0) return [];
  const asked = new Map<string, TodoInput>();
  for (const item of items) {
    const content = typeof item?.content === 'string' ? item.content.trim() : '';
    if (content === '') continue;
    const byId = item.id !== undefined ? gates.find((g) => g.id === item.id) : undefined;
    const gate = byId ?? gates.find((g) => todoKey(g.content) === todoKey(content));
    if (gate && !asked.has(gate.id)) asked.set(gate.id, item);
  }
  return gates.filter((g) => {
    const item = asked.get(g.id);
    return !item || item.status !== g.status;
  });
}

/** What the model is told when its todo_write tried to tick, reopen or drop Validation gate todos. */
export function gateTodosNote(held: readonly Todo[]): string {
  if (held.length === 0) return '';
  const names = held.map((t) => `"${t.content}"`).join(', ');
  return (
    ` Kept as they were: ${names}. Validation gate todos are completed by the harness when their commands pass ` +
    '(it runs them on the staged changes after your other todos are done); leave them as they are.'
  );
}

/**
 * The open todos of `plan` that `items` would drop when the list it leaves has nothing open: a plan cannot be
 * finished by deleting its open work. Empty when the write is fine (it keeps something open, or drops nothing open).
 */
export function openTodosDroppedAtTheEnd(plan: Plan, items: readonly TodoInput[]): Todo[] {
  // Gate todos are kept whatever the list says (and the harness completes them): only the model's work counts here.
  const openWork = (p: Plan): Todo[] => openTodos(p).filter((t) => !t.gate);
  const next = replaceTodos(plan, items);
  if (openWork(next).length > 0) return [];
  const kept = new Set(next.todos.map((t) => t.id));
  return openWork(plan).filter((t) => !kept.has(t.id));
}

/** Todos without a phase take the phase of the nearest phased todo before them, else after them. */
function inheritPhases(todos: Todo[]): void {
  let previous: string | undefined;
  const waiting: Todo[] = [];
  for (const t of todos) {
    if (t.phase !== undefined) {
      previous = t.phase;
      for (const w of waiting) w.phase = t.phase;
      waiting.length = 0;
    } else if (previous !== undefined) {
      t.phase = previous;
    } else {
      waiting.push(t);
    }
  }
}

/** The first in_progress todo keeps its status; any later one goes back to pending (a running gate is the harness's). */
function singleInProgress(todos: Todo[]): Todo[] {
  let seen = false;
  return todos.map((t) => {
    if (t.status !== 'in_progress' || t.gate) return t;
    if (!seen) {
      seen = true;
      return t;
    }
    return { ...t, status: 'pending' };
  });
}

/** Sets one todo's status; starting it moves any other in_progress todo back to pending. Unknown id: same plan. */
export function setTodoStatus(plan: Plan, id: string, status: TodoStatus): Plan {
  const target = plan.todos.find((t) => t.id === id);
  if (!target || target.status === status) return plan;
  return {
    ...plan,
    todos: plan.todos.map((t) => {
      if (t.id === id) return { ...t, status };
      if (status === 'in_progress' && t.status === 'in_progress') return { ...t, status: 'pending' };
      return t;
    }),
  };
}

/** Statuses of `previous` carried to the todos of `next` with the same id (a re-plan of the same PRP). */
export function carryOverStatuses(previous: Plan | undefined, next: Plan): Plan {
  if (!previous) return next;
  const before = new Map(previous.todos.map((t) => [t.id, t]));
  const todos = next.todos.map((t) => {
    const old = before.get(t.id);
    if (!old) return t;
    // A gate's result goes with its status (a level renumbered in the PRP is a new gate).
    const gate = t.gate && old.gate?.level === t.gate.level ? old.gate : t.gate;
    return old.status !== t.status || gate !== t.gate ? { ...t, status: old.status, ...(gate ? { gate } : {}) } : t;
  });
  return { ...next, todos: singleInProgress(todos) };
}

/** A plan is complete when it has todos and all of them are completed (an empty plan is not). */
export function isPlanComplete(plan: Plan): boolean {
  return plan.todos.length > 0 && plan.todos.every((t) => t.status === 'completed');
}

export function openTodos(plan: Plan): Todo[] {
  return plan.todos.filter((t) => t.status !== 'completed');
}

export function planProgress(plan: Plan): { completed: number; total: number } {
  return { completed: plan.todos.filter((t) => t.status === 'completed').length, total: plan.todos.length };
}

/** The todo being worked on, if any. */
export function currentTodo(plan: Plan): Todo | undefined {
  return plan.todos.find((t) => t.status === 'in_progress');
}

/**
 * What is wrong with a TodoWrite list, phrased for the model (empty when nothing is).
 * replaceTodos repairs all of these; a tool handler may still want to tell the model.
 */
export function todoItemProblems(items: readonly TodoInput[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, k) => {
    const content = typeof item?.content === 'string' ? item.content.trim() : '';
    if (content === '') problems.push(`Item ${k + 1} has empty content; every todo needs a short imperative description.`);
    if (!isTodoStatus(item?.status)) problems.push(`Item ${k + 1} has status "${String(item?.status)}"; use pending, in_progress or completed.`);
    const key = todoKey(content);
    const first = seen.get(key);
    if (content !== '' && first !== undefined) problems.push(`Items ${first + 1} and ${k + 1} have the same content; merge them into one todo.`);
    else seen.set(key, k);
  });
  const active = items.filter((i) => i?.status === 'in_progress');
  if (active.length > 1) {
    problems.push(
      `${active.length} todos are in_progress (${active.map((i) => `"${i.content}"`).join(', ')}); keep exactly one in_progress and set the others to pending.`,
    );
  }
  return problems;
}
