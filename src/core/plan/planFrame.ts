// The PRP's tasks stay the frame of the checklist while the model rewrites its todo list (TodoWrite replaces the
// whole list): the model's todos are matched onto the PRP's, new ones go under the phase they follow, and a PRP task
// the model dropped stays in the tree, not done, with a note. Only what is shown changes; the model keeps its list.
// No `vscode` import, so it is unit-tested directly.
import type { Plan, Todo } from './todo';

/** The note on a PRP task the model's list no longer has (first of its details, shown in the tree). */
export const DROPPED_NOTE = "Not in the agent's current task list: not done.";

/** How much two todos' words must overlap for a renamed todo to count as the PRP's task. */
const MATCH_THRESHOLD = 0.5;

/**
 * `next` (the model's list) laid over `frame` (what the tree showed). `isPrpTask` says which of the frame's todos
 * are the PRP's plan (kept when dropped, keeping their words); default: those with a PRP line.
 */
export function keepPlanFrame(frame: Plan, next: Plan, isPrpTask: (todo: Todo) => boolean = (t) => t.source !== undefined): Plan {
  const frameById = new Map(frame.todos.map((t) => [t.id, t]));
  const nextIds = new Set(next.todos.map((t) => t.id));
  const unclaimed = frame.todos.filter((t) => !nextIds.has(t.id) && isPrpTask(t));
  /** Frame id -> id it goes by now (a PRP task the model renamed). */
  const renamed = new Map<string, string>();
  const merged: Todo[] = [];
  for (const todo of next.todos) {
    const known = frameById.get(todo.id);
    if (known) {
      merged.push(overFrame(known, todo, isPrpTask(known)));
      continue;
    }
    const match = bestMatch(todo, unclaimed);
    if (match) {
      unclaimed.splice(unclaimed.indexOf(match), 1);
      renamed.set(match.id, todo.id);
      merged.push({ ...overFrame(match, todo, true), id: todo.id });
      continue;
    }
    // New: under the phase of the todo it follows as shown (the engine guessed from the model's own list, where a
    // renamed PRP task had no phase of its own yet).
    const before = merged[merged.length - 1];
    const phase = before?.phase ?? todo.phase;
    merged.push({ ...todo, ...(phase !== undefined ? { phase } : {}) });
  }
  // The PRP tasks the model dropped: back in, each after the frame todo it followed.
  const dropped = new Set(unclaimed.map((t) => t.id));
  const result = [...merged];
  let anchorIndex = -1;
  for (const todo of frame.todos) {
    const nowId = renamed.get(todo.id) ?? todo.id;
    const at = result.findIndex((t) => t.id === nowId);
    if (!dropped.has(todo.id)) {
      if (at >= 0) anchorIndex = at;
      continue;
    }
    result.splice(anchorIndex + 1, 0, droppedTodo(todo));
    anchorIndex++;
  }
  return { ...next, todos: result };
}

/** The model's status and words over the frame's place: a PRP task keeps its own words, phase, line and details. */
function overFrame(frameTodo: Todo, modelTodo: Todo, fromPrp: boolean): Todo {
  const { details: _modelDetails, ...model } = modelTodo;
  const merged: Todo = {
    ...model,
    content: fromPrp ? frameTodo.content : modelTodo.content,
    activeForm: modelTodo.activeForm,
    ...(frameTodo.phase !== undefined ? { phase: frameTodo.phase } : {}),
    ...(frameTodo.source !== undefined ? { source: frameTodo.source } : {}),
    ...(frameTodo.files !== undefined || modelTodo.files !== undefined ? { files: modelTodo.files ?? frameTodo.files } : {}),
  };
  const details = (frameTodo.details ?? []).filter((d) => d !== DROPPED_NOTE);
  return details.length > 0 ? { ...merged, details } : merged;
}

function droppedTodo(todo: Todo): Todo {
  if (todo.status === 'completed') return todo;
  const details = [DROPPED_NOTE, ...(todo.details ?? []).filter((d) => d !== DROPPED_NOTE)];
  return { ...todo, status: 'pending', details };
}

/** The unclaimed PRP task whose words (or files) the todo shares most, if enough. */
function bestMatch(todo: Todo, candidates: readonly Todo[]): Todo | undefined {
  let best: { todo: Todo; score: number } | undefined;
  for (const candidate of candidates) {
    const score = similarity(todo, candidate);
    if (score >= MATCH_THRESHOLD && (!best || score > best.score)) best = { todo: candidate, score };
  }
  return best?.todo;
}

function similarity(a: Todo, b: Todo): number {
  const sharedFile = (a.files ?? []).some((f) => b.content.includes(f) || (b.files ?? []).includes(f)) || (b.files ?? []).some((f) => a.content.includes(f));
  if (sharedFile) return 1;
  const wa = words(a.content);
  const wb = words(b.content);
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.min(wa.size, wb.size);
}

/** Significant words: lower case, no numbering ("task", digits) and no short words. */
function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9_./-]+/)
      .filter((w) => w.length > 3 && w !== 'task' && !/^\d+[:.]?$/.test(w)),
  );
}
