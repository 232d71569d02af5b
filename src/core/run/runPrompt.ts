// What the harness tells the model around the agent's own prompt: how tools, todos and review work here.
import type { SystemBlock } from '../llm/modelClient';
import type { Plan, Todo } from '../plan/todo';
import { counted } from '../text/plural';
import { pathForModel } from '../workspace/pathRedaction';

/** The rules of this harness, appended to every agent's prompt. Stable text: it is part of the cached prefix. */
const HARNESS_RULES = `# How you work in this editor
- You run inside VS Code through the Dev Backend extension. You change files ONLY with the tools write_file and edit_file.
  Nothing you write reaches disk until the user reviews and applies it, so work freely, but keep every change purposeful.
- Paths are relative to the workspace root, with forward slashes. Read a file (read_file) before you edit it.
- edit_file replaces an exact string that must occur once; include enough surrounding lines to make it unique.
  For a new file use write_file.
- Keep the todo list current with todo_write (the whole list each time): exactly one todo in_progress while you work on it,
  mark it completed as soon as it is done, then start the next. The user watches this list live.
- You cannot run commands. For validation steps, make sure the code and tests are in place and say which commands the user should run.
- When every todo is completed, end with a short summary of what you changed and what the user should check.`;

/** System blocks: the agent's prompt and the harness rules, then the PRP. Both cached: they never change during a run. */
export function buildSystemPrompt(agentPrompt: string, prpPath: string, prpText: string): SystemBlock[] {
  return [
    { text: `${agentPrompt.trim()}\n\n${HARNESS_RULES}`, cache: true },
    { text: `# The PRP you are implementing (${pathForModel(prpPath)})\n\n${prpText}`, cache: true },
  ];
}

/** The opening user message: the plan as it stands and what to do with it. */
export function buildKickoffMessage(plan: Plan, instruction: string | undefined): string {
  const lines = [
    `Here is the current plan for ${pathForModel(plan.prpPath)} (from the PRP's own task list). Refine it with todo_write if needed, then implement it task by task.`,
    '',
    renderPlan(plan.todos),
  ];
  const extra = instruction?.trim();
  if (extra) lines.push('', `The user adds: ${extra}`);
  return lines.join('\n');
}

/** Sent once when the model stops while todos are still open. */
export function buildFinishNudge(open: readonly Todo[]): string {
  return [
    `You ended your turn, but ${counted(open.length, 'todo is', 'todos are')} still open:`,
    renderPlan(open),
    'Finish them now. If one cannot be done, say why, and update the list with todo_write so it reflects what is really done.',
  ].join('\n');
}

/** Why a todo_write that would finish the plan by deleting open todos was refused. */
export function droppedTodosMessage(dropped: readonly Todo[]): string {
  return [
    `The task list was not changed: this list leaves no open task, but it drops ${counted(dropped.length, 'open task')} that ${dropped.length === 1 ? 'was' : 'were'} never completed:`,
    renderPlan(dropped),
    'Send the list again with these tasks in it: mark a task completed only once it is done, and leave one that cannot be done pending (say why).',
  ].join('\n');
}

export function renderPlan(todos: readonly Todo[]): string {
  if (todos.length === 0) return '(no todos)';
  return todos
    .map((todo) => {
      const mark = todo.status === 'completed' ? '[x]' : todo.status === 'in_progress' ? '[~]' : '[ ]';
      const files = todo.files?.length ? ` (files: ${todo.files.join(', ')})` : '';
      return `- ${mark} ${todo.content}${files}`;
    })
    .join('\n');
}
