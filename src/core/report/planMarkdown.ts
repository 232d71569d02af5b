// A plan as a markdown checklist, grouped by phase: what the CLI prints and a chat reply can show.
import { planProgress } from '../plan/planOps';
import type { Plan, Todo } from '../plan/todo';

const MARK: Record<Todo['status'], string> = { pending: '[ ]', in_progress: '[-]', completed: '[x]' };

export function formatPlanMarkdown(plan: Plan): string {
  const { completed, total } = planProgress(plan);
  const out = [`# ${plan.title}`, '', `PRP: ${plan.prpPath} · ${completed}/${total} done`];
  let phase: string | undefined | null = null;
  for (const todo of plan.todos) {
    if (todo.phase !== phase) {
      phase = todo.phase;
      out.push('', `## ${phase ?? 'Other'}`);
    }
    const files = (todo.files ?? []).filter((f) => !todo.content.includes(f));
    const extra = [
      files.length > 0 ? files.map((f) => `\`${f}\``).join(', ') : '',
      todo.status === 'in_progress' ? 'in progress' : '',
      todo.source ? `line ${todo.source.line}` : '',
    ].filter((s) => s !== '');
    out.push(`- ${MARK[todo.status]} ${todo.content}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
