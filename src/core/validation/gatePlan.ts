// A gate's result on the plan: the gate todo of its level shows how its commands went; passed completes it.
import type { Plan, Todo, TodoGate } from '../plan/todo';
import type { GateReport } from './validationRun';

export function markGateRunning(plan: Plan, level: number): Plan {
  return mapGate(plan, level, (todo, gate) => ({ ...todo, status: 'in_progress', gate: { level: gate.level, status: 'running' } }));
}

export function withGateReport(plan: Plan, report: GateReport): Plan {
  const failing = report.commands.find((c) => c.status !== 'passed');
  return mapGate(plan, report.level, (todo) => ({
    ...todo,
    status: report.status === 'passed' ? 'completed' : 'pending',
    gate: {
      level: report.level,
      status: report.status,
      durationMs: report.durationMs,
      attempts: report.attempts,
      ...(failing && { failingCommand: failing.command, outputTail: failing.outputTail }),
      ...(report.reason !== undefined && { reason: report.reason }),
    },
  }));
}

/** Every gate not passed yet is "not run", with why (declined, untrusted, commands off). */
export function withGatesNotRun(plan: Plan, reason: string): Plan {
  const todos = plan.todos.map((todo) =>
    todo.gate && todo.gate.status !== 'passed' ? { ...todo, status: 'pending' as const, gate: { level: todo.gate.level, status: 'not_run' as const, reason } } : todo,
  );
  return { ...plan, todos };
}

function mapGate(plan: Plan, level: number, update: (todo: Todo, gate: TodoGate) => Todo): Plan {
  return { ...plan, todos: plan.todos.map((todo) => (todo.gate?.level === level ? update(todo, todo.gate) : todo)) };
}
