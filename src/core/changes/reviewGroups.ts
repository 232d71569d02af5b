// How staged changes are grouped for review: one group per task of the plan ("Task 3: Create auth
// middleware"), in plan order, and "Other changes" for entries no todo of the plan claims.
import type { Plan } from '../plan/todo';
import type { ChangeEntry } from './changeEntry';

export const OTHER_CHANGES_LABEL = 'Other changes';

export interface TaskGroup {
  /** The todo's content, "Task N: " before it (N = position in the plan) unless the PRP numbered it; or OTHER_CHANGES_LABEL. */
  label: string;
  /** The todo the group stands for; undefined for "Other changes". */
  todoId: string | undefined;
  /** The group's entries, sorted by path. */
  entries: ChangeEntry[];
}

/**
 * Groups entries under the first of their todos that the plan has; groups follow the plan's order and
 * "Other changes" comes last. Without a plan every entry is an "Other change".
 */
export function groupChangesByTask(entries: readonly ChangeEntry[], plan: Plan | undefined): TaskGroup[] {
  const positions = new Map<string, number>();
  plan?.todos.forEach((todo, index) => {
    if (!positions.has(todo.id)) positions.set(todo.id, index);
  });
  const byPosition = new Map<number, ChangeEntry[]>();
  const other: ChangeEntry[] = [];
  for (const entry of entries) {
    const todoId = entry.todoIds.find((id) => positions.has(id));
    const position = todoId === undefined ? undefined : positions.get(todoId);
    if (position === undefined) {
      other.push(entry);
      continue;
    }
    const list = byPosition.get(position);
    if (list) list.push(entry);
    else byPosition.set(position, [entry]);
  }
  const groups: TaskGroup[] = [...byPosition.entries()]
    .sort(([a], [b]) => a - b)
    .map(([position, list]) => {
      const todo = plan?.todos[position];
      return { label: taskLabel(position + 1, todo?.content ?? ''), todoId: todo?.id, entries: sortByPath(list) };
    });
  if (other.length > 0) groups.push({ label: OTHER_CHANGES_LABEL, todoId: undefined, entries: sortByPath(other) });
  return groups;
}

/** A todo the PRP numbered itself: "Task 1: ...", "Step 2 - ...", "3. ...". */
const NUMBERED = /^(?:(?:task|step|phase)\s*#?\d+\b|\d+[.)]\s)/i;

/** "Task 3: Create auth middleware", on one line; a todo the PRP numbered keeps its own words alone. */
export function taskLabel(taskNumber: number, content: string): string {
  const oneLine = content.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return `Task ${taskNumber}`;
  return NUMBERED.test(oneLine) ? oneLine : `Task ${taskNumber}: ${oneLine}`;
}

function sortByPath(entries: ChangeEntry[]): ChangeEntry[] {
  return [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
