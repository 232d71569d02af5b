// How task starts relate to each other in the document: a heading over its own numbered steps is a group
// (`### Phase 1` over `#### Step 1.1`), bold or list lines inside a step are its details, and a second run
// of already-seen labels after the plan (`### Step 1 details`) explains the plan rather than adding to it.
import type { MarkdownOutline } from './markdownOutline';
import type { PrpTask, PrpWarning } from './prp';
import type { TaskStart } from './taskStarts';

/** Keeps the starts that are tasks; a group heading's label becomes its tasks' `group`. */
export function groupStarts(outline: MarkdownOutline, starts: Map<number, TaskStart>): Map<number, TaskStart> {
  const endOf = (i: number): number => outline.flat[outline.sectionAt[i]]?.end ?? i;
  const ordered = [...starts].sort((a, b) => a[0] - b[0]);
  // Heading starts enclosing each start, found with a stack (one pass, however many tasks).
  const enclosing = new Map<number, number[]>();
  const groups = new Set<number>();
  const stack: Array<{ index: number; level: number; end: number }> = [];
  for (const [i, s] of ordered) {
    while (stack.length > 0 && stack[stack.length - 1].end < i) stack.pop();
    enclosing.set(i, stack.map((e) => e.index));
    if (s.headingLevel === undefined) continue;
    for (const e of stack) if (e.level < s.headingLevel) groups.add(e.index);
    stack.push({ index: i, level: s.headingLevel, end: endOf(i) });
  }
  const kept = new Map<number, TaskStart>();
  for (const [i, s] of ordered) {
    if (groups.has(i)) continue;
    const inside = enclosing.get(i) ?? [];
    // A bold or numbered line inside a step heading is a detail of that step.
    if (s.inline === true && inside.some((j) => !groups.has(j))) continue;
    const group = inside.filter((j) => groups.has(j)).pop();
    const groupStart = group === undefined ? undefined : starts.get(group);
    kept.set(i, groupStart ? { ...s, group: groupName(groupStart) } : s);
  }
  return kept;
}

function groupName(s: TaskStart): string {
  return s.title ? `${s.label}: ${s.title}` : s.label;
}

/**
 * A copy-pasted task is read once; a later run of tasks whose labels all came before (detail sections after
 * the plan) is left out; two different tasks sharing a label in one run are both kept, with a warning.
 * `runs`: the run (stretch of consecutive tasks) of each task.
 */
export function dedupeTasks(tasks: PrpTask[], runs: number[], warnings: PrpWarning[]): PrpTask[] {
  const keyOf = (t: PrpTask): string => `${t.group ?? ''}\u0000${t.label}`;
  // When a task was first seen: by group and label, and (for repeats written without their group) by label.
  const firstRunOf = new Map<string, number>();
  tasks.forEach((t, k) => {
    for (const key of [keyOf(t), `\u0001${t.label}`]) if (t.number !== undefined && !firstRunOf.has(key)) firstRunOf.set(key, runs[k]);
  });
  const seenBefore = (t: PrpTask, run: number): boolean =>
    (firstRunOf.get(t.group === undefined ? `\u0001${t.label}` : keyOf(t)) ?? run) < run;
  // A run is a repeat when it has numbered tasks and every one of them was seen in an earlier run.
  const numbered = new Set<number>();
  const fresh = new Set<number>();
  tasks.forEach((t, k) => {
    if (t.number === undefined) return;
    numbered.add(runs[k]);
    if (!seenBefore(t, runs[k])) fresh.add(runs[k]);
  });
  const repeatRuns = new Set([...numbered].filter((run) => !fresh.has(run)));

  const seen = new Map<string, PrpTask>();
  const out: PrpTask[] = [];
  tasks.forEach((task, k) => {
    if (task.number === undefined) {
      out.push(task);
      return;
    }
    const first = seen.get(keyOf(task));
    if (repeatRuns.has(runs[k])) {
      if (first && sameTask(first, task)) warnings.push({ line: task.line, message: `${task.label} at line ${task.line} repeats the one at line ${first.line}; read once.` });
      return;
    }
    if (!first) {
      seen.set(keyOf(task), task);
      out.push(task);
    } else if (sameTask(first, task)) {
      warnings.push({ line: task.line, message: `${task.label} at line ${task.line} repeats the one at line ${first.line}; read once.` });
    } else {
      warnings.push({ line: task.line, message: `Two tasks are labelled "${task.label}" (lines ${first.line} and ${task.line}); kept both.` });
      out.push(task);
    }
  });
  return out;
}

function sameTask(a: PrpTask, b: PrpTask): boolean {
  const shape = (t: PrpTask): string =>
    JSON.stringify([t.title, t.files, t.details, t.actions.map((x) => [x.verb, x.path, x.text, x.details])]);
  return shape(a) === shape(b);
}
