// `/status` in words: a compact summary for the narrow chat pane (the checklist itself is in the Backend Tasks
// view and in `/plan`). No `vscode` import, so it is unit-tested directly.
import type { ChangeEntry } from '../changes/changeEntry';
import { formatUsd } from '../llm/modelCatalog';
import type { Plan } from '../plan/todo';
import type { LastRunFacts } from '../run/agentEvents';
import { escapeMarkdown, formatChangeKinds, nextTodo, statusHeadline } from './runSummary';

export interface StatusFacts {
  plan: Plan | undefined;
  /** The PRP of the run in progress, if any. */
  runningPrp?: string;
  staged: readonly Pick<ChangeEntry, 'path' | 'kind'>[];
  stale: readonly string[];
  lastRun?: LastRunFacts;
  /** The last run stopped before the end and "Continue" would resume it. */
  resumable: boolean;
}

/** Markdown: a headline with the counts per phase, then one short line each for now, next, review and the last run. */
export function statusMarkdown(facts: StatusFacts): string {
  const { plan } = facts;
  const lines: string[] = [];
  if (!plan) {
    lines.push('No plan yet: open a PRP and send `/plan` (no model call) or `/implement`.');
  } else {
    const done = plan.todos.filter((t) => t.status === 'completed').length;
    const name = plan.prpPath.split('/').pop() ?? plan.prpPath;
    lines.push(`**${escapeMarkdown(name)}**: ${done} of ${plan.todos.length} tasks done${phaseCounts(plan)}`, '');
    if (facts.runningPrp === plan.prpPath) lines.push('- A run is working on it now.');
    else if (facts.runningPrp) lines.push(`- A run is working on \`${facts.runningPrp}\`.`);
    const current = plan.todos.find((t) => t.status === 'in_progress');
    if (current) lines.push(`- In progress: ${escapeMarkdown(current.content)}`);
    const next = nextTodo(plan);
    if (next && next !== current) lines.push(`- Next: ${escapeMarkdown(next.content)}`);
  }
  lines.push(`- Waiting for review: ${reviewLine(facts)}`);
  if (facts.lastRun) lines.push(`- Last run: ${lastRunLine(facts.lastRun)}`);
  if (facts.resumable) lines.push('- The last run stopped before the end: **Continue** resumes it.');
  return lines.join('\n');
}

function phaseCounts(plan: Plan): string {
  const phases = new Map<string, { done: number; total: number }>();
  for (const todo of plan.todos) {
    if (todo.phase === undefined) continue;
    const counts = phases.get(todo.phase) ?? { done: 0, total: 0 };
    counts.total++;
    if (todo.status === 'completed') counts.done++;
    phases.set(todo.phase, counts);
  }
  if (phases.size === 0) return '.';
  return ` (${[...phases].map(([phase, c]) => `${escapeMarkdown(phase)} ${c.done}/${c.total}`).join(' · ')}).`;
}

function reviewLine(facts: StatusFacts): string {
  if (facts.staged.length === 0) return 'nothing.';
  const count = facts.staged.length === 1 ? '1 change' : `${facts.staged.length} changes`;
  const stale = facts.stale.length > 0 ? ` ${facts.stale.length} of them changed on disk since (stale: never applied over your edits).` : '';
  return `${count} (${formatChangeKinds(facts.staged)}).${stale}`;
}

function lastRunLine(run: LastRunFacts): string {
  const usage = run.usage;
  const tokens = usage.inputTokens + usage.cacheCreationInputTokens + usage.cacheReadInputTokens + usage.outputTokens;
  return `${statusHeadline(run.status)}: ${run.reason} ${tokens.toLocaleString('en-US')} tokens, ${formatUsd(run.costUsd)} (${run.modelLabel}).`;
}

/** What `/plan` says after the checklist: the next step, which depends on how far the plan is. */
export function planNextStep(plan: Plan): string {
  const open = plan.todos.filter((t) => t.status !== 'completed').length;
  const where = 'The plan is in the **Backend Tasks** view. No model was called.';
  if (plan.todos.length === 0) return `${where} The PRP lists no tasks: add a task list to it and send \`/plan\` again.`;
  if (open === 0) return `${where} Every task is done: send \`/status\` for what waits for review.`;
  if (open < plan.todos.length) return `${where} Send \`/implement\` to continue with the ${open === 1 ? 'open task' : `${open} open tasks`}.`;
  return `${where} Send \`/implement\` to implement it.`;
}
