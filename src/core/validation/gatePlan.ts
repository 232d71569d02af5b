// A gate's run shown on its todo: only these complete a Validation todo (todo_write cannot, see planOps.ts).
import type { Plan, Todo, TodoGate } from '../plan/todo';
import type { GateReport } from './validationRun';

/** The level's todo is in progress and its gate running (other in-progress todos go back to pending). */
export function markGateRunning(plan: Plan, level: number): Plan {
  if (!plan.todos.some((t) => t.gate?.level === level)) return plan;
  return {
    ...plan,
    todos: plan.todos.map((t) => {
      if (t.gate?.level === level) return { ...t, status: 'in_progress', gate: { level, status: 'running' } };
      return t.status === 'in_progress' ? { ...t, status: 'pending' } : t;
    }),
  };
}

/** The level's result on its todo: passed completes it; anything else leaves it pending, with why. */
export function withGateReport(plan: Plan, report: GateReport): Plan {
  const failing = report.commands.find((c) => c.status === 'failed' || c.status === 'could_not_run');
  const gate: TodoGate = {
    level: report.level,
    status: report.status,
    durationMs: report.durationMs,
    attempts: report.attempts,
    ...(failing && { failingCommand: failing.command, outputTail: failing.outputTail }),
    ...(report.reason !== undefined && { reason: report.reason }),
  };
  return updateGates(plan, (t) => t.gate.level === report.level, () => gate, report.status === 'passed' ? 'completed' : 'pending');
}

/** Every gate not yet passed is "not run", with why (consent declined, workspace not trusted, commands off). */
export function withGatesNotRun(plan: Plan, reason: string): Plan {
  return updateGates(plan, (t) => t.gate.status !== 'passed', (t) => ({ level: t.gate.level, status: 'not_run', reason }), 'pending');
}

type GateTodo = Todo & { gate: TodoGate };

function isGateTodo(todo: Todo): todo is GateTodo {
  return todo.gate !== undefined;
}

function updateGates(plan: Plan, which: (todo: GateTodo) => boolean, gateOf: (todo: GateTodo) => TodoGate, status: Todo['status']): Plan {
  let changed = false;
  const todos = plan.todos.map((t) => {
    if (!isGateTodo(t) || !which(t)) return t;
    changed = true;
    return { ...t, status, gate: gateOf(t) };
  });
  return changed ? { ...plan, todos } : plan;
}
