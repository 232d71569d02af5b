// The lists `dev-backend plan --json` gives for a PRP, as plain data to compare with the expected file.
import type { Plan } from '../../../src/core/plan/todo';
import type { Prp } from '../../../src/core/prp/prp';

export interface PlanLists {
  title: string;
  /** `label | title | status`, the status `pending` when the PRP marks none. */
  tasks: string[];
  /** Per task, in order: the files it touches. */
  files: string[][];
  /** Per validation level: `Level N: title` and its commands exactly as they will be run. */
  levels: Array<{ level: string; commands: string[] }>;
  /** `line: message`, or the message for file-wide warnings. */
  warnings: string[];
  /** `phase | status | content`. */
  todos: string[];
}

export function planLists(output: { prp: Prp; plan: Plan }): PlanLists {
  const { prp, plan } = output;
  return {
    title: plan.title,
    tasks: prp.tasks.map((t) => `${t.label} | ${t.title} | ${t.status ?? 'pending'}`),
    files: prp.tasks.map((t) => t.files),
    levels: prp.validationLevels.map((l) => ({ level: `Level ${l.level}: ${l.title}`, commands: l.commands })),
    warnings: prp.warnings.map((w) => (w.line !== undefined ? `${w.line}: ${w.message}` : w.message)),
    todos: plan.todos.map((t) => `${t.phase ?? ''} | ${t.status} | ${t.content}`),
  };
}
