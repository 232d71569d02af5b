// What a run did, in words: the end-of-run summary both the chat and the notification show.
// Plain TypeScript (no vscode import) so it is unit-tested directly.
import type { ChangeEntry } from '../changes/changeSet';
import { formatUsd } from '../llm/modelCatalog';
import type { Usage } from '../llm/modelClient';
import type { Plan, Todo } from '../plan/todo';
import type { RunOutcome, RunStatus } from '../run/agentEvents';
import { counted } from '../text/plural';
import { validationSummary } from '../validation/validationReport';
import type { ValidationReport } from '../validation/validationRun';

const STATUS_HEADLINE: Record<RunStatus, string> = {
  completed: 'Done',
  incomplete: 'Stopped with tasks open',
  cancelled: 'Cancelled',
  limit: 'Stopped at a limit',
  failed: 'Failed',
};

export function statusHeadline(status: RunStatus): string {
  return STATUS_HEADLINE[status];
}

/** "12,345 in (10,000 cached), 2,345 out". */
export function formatTokens(usage: Usage): string {
  const input = usage.inputTokens + usage.cacheCreationInputTokens + usage.cacheReadInputTokens;
  const n = (value: number): string => value.toLocaleString('en-US');
  return `${n(input)} in (${n(usage.cacheReadInputTokens)} cached), ${n(usage.outputTokens)} out`;
}

/** "3 new, 2 edited, 1 deleted" (kinds with no entry left out); "none" for an empty list. */
export function formatChangeKinds(entries: readonly Pick<ChangeEntry, 'kind'>[]): string {
  const labels: [ChangeEntry['kind'], string][] = [['create', 'new'], ['edit', 'edited'], ['delete', 'deleted']];
  const parts = labels.flatMap(([kind, label]) => {
    const n = entries.filter((e) => e.kind === kind).length;
    return n > 0 ? [`${n} ${label}`] : [];
  });
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export interface RunSummaryInput {
  outcome: RunOutcome;
  plan: Plan;
  /** Everything staged and not yet reviewed (this run's and earlier ones'). */
  staged: readonly Pick<ChangeEntry, 'path' | 'kind'>[];
  /** Paths this run staged. */
  changedThisRun: readonly string[];
  /** "Anthropic (claude-sonnet-4-5)" or the chat model's name. */
  modelLabel: string;
  /** The PRP's gates, when they ran after the model's work. */
  validation?: ValidationReport;
  /** Why they did not run, when they did not. */
  validationSkipped?: string;
}

/** Markdown lines: headline with the reason, then tasks, files, tokens and cost. */
export function formatRunSummary(input: RunSummaryInput): string {
  const { outcome, plan, staged } = input;
  const done = plan.todos.filter((t) => t.status === 'completed').length;
  const left = plan.todos.length - done;
  const lines = [`**${statusHeadline(outcome.status)}.** ${outcome.reason}`, ''];
  lines.push(`- Tasks: ${done} done, ${left} left${left > 0 ? ` (next: ${nextTodo(plan)?.content ?? 'none'})` : ''}`);
  const thisRun = input.changedThisRun.length;
  const files =
    staged.length === 0
      ? 'none staged'
      : `${staged.length} staged for review (${formatChangeKinds(staged)})${thisRun !== staged.length ? `, ${thisRun} touched in this run` : ''}`;
  lines.push(`- Files: ${files}`);
  const gates = validationLine(input);
  if (gates) lines.push(`- ${gates}`);
  lines.push(`- Tokens: ${formatTokens(outcome.usage)} over ${counted(outcome.turns, 'model turn')}`);
  lines.push(`- Cost: ${formatUsd(outcome.costUsd)} (${input.modelLabel})`);
  return lines.join('\n');
}

/** "Validation: all 2 levels passed." or "Validation: not run (you declined ...)."; undefined when the PRP has no gates. */
export function validationLine(input: Pick<RunSummaryInput, 'validation' | 'validationSkipped'>): string | undefined {
  if (input.validation && input.validation.gates.length > 0) return validationSummary(input.validation);
  if (input.validationSkipped !== undefined) return `Validation: not run (${input.validationSkipped}).`;
  return undefined;
}

/** The todo a "Continue" would pick up: the one in progress, else the first pending. */
export function nextTodo(plan: Plan): Todo | undefined {
  return plan.todos.find((t) => t.status === 'in_progress') ?? plan.todos.find((t) => t.status === 'pending');
}

/** The plan as a numbered checklist grouped by phase, for the narrow chat pane (formatPlanMarkdown is the full document). */
export function formatPlanChecklist(plan: Plan): string {
  const done = plan.todos.filter((t) => t.status === 'completed').length;
  const lines = [`**${escapeMarkdown(plan.title)}** (\`${plan.prpPath}\`): ${counted(plan.todos.length, 'task')}, ${done} done`, ''];
  let phase: string | undefined;
  plan.todos.forEach((todo, index) => {
    if (todo.phase !== undefined && todo.phase !== phase) {
      phase = todo.phase;
      if (index > 0) lines.push('');
      lines.push(`*${escapeMarkdown(phase)}*`, '');
    }
    const mark = todo.status === 'completed' ? '[x]' : todo.status === 'in_progress' ? '[~]' : '[ ]';
    lines.push(`${index + 1}. ${mark} ${escapeMarkdown(todo.content)}`);
  });
  if (plan.todos.length === 0) lines.push('(the PRP lists no tasks)');
  return lines.join('\n');
}

/** Markdown-inert text: the PRP's own words must not turn into links or formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}

/** The notification's progress line: "3/15 tasks done · Creating the auth middleware", never a bare "[15/15]". */
export function progressMessage(completed: number, total: number, activeForm: string | undefined): string {
  const counts = total > 0 && completed === total ? `All ${total} tasks done; finishing the run` : `${completed}/${total} tasks done`;
  return activeForm ? `${counts} · ${activeForm}` : counts;
}

export interface SummaryDocumentInput {
  /** The PRP's file name. */
  name: string;
  report: RunSummaryInput['outcome'] & Pick<RunSummaryInput, 'validation' | 'validationSkipped'> & { plan: Plan; staged: readonly Pick<ChangeEntry, 'path' | 'kind'>[]; changedThisRun: readonly string[]; modelLabel: string };
  /** The model's closing words (its summary of the run). */
  closingText: string;
}

/** "Show Summary" after a run from the menu or palette: the model's closing words, then tasks, files, tokens, cost. */
export function runSummaryDocument(input: SummaryDocumentInput): string {
  const { report } = input;
  const summary = formatRunSummary({
    outcome: report,
    plan: report.plan,
    staged: report.staged,
    changedThisRun: report.changedThisRun,
    modelLabel: report.modelLabel,
    ...(report.validation && { validation: report.validation }),
    ...(report.validationSkipped !== undefined && { validationSkipped: report.validationSkipped }),
  });
  const closing = input.closingText.trim();
  const staged = report.staged.map((e) => `- \`${e.path}\` (${e.kind === 'create' ? 'new' : e.kind === 'edit' ? 'edited' : 'deleted'})`);
  return [
    `# Dev Backend: ${input.name}`,
    '',
    summary,
    '',
    ...(closing ? ['## The agent\'s summary', '', closing, ''] : []),
    ...(staged.length > 0 ? ['## Waiting for review', '', ...staged, '', 'Review them with **Dev Backend: Review Pending Changes**.', ''] : []),
  ].join('\n');
}
