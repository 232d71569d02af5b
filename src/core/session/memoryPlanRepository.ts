// Plans in memory: the CLI's and the tests' PlanRepository (the editor keeps its own in workspaceState).
import type { Plan } from '../plan/todo';
import type { PlanLease, PlanRepository } from './sessionPorts';

export class MemoryPlanRepository implements PlanRepository {
  private readonly plans = new Map<string, Plan>();
  private readonly leased = new Set<string>();

  constructor(initial: readonly Plan[] = []) {
    for (const plan of initial) this.plans.set(plan.prpPath, plan);
  }

  get(prpPath: string): Plan | undefined {
    return this.plans.get(prpPath);
  }

  /** A user's edit: refused (false) while a run holds the PRP's plan. */
  edit(plan: Plan): boolean {
    if (this.leased.has(plan.prpPath)) return false;
    this.plans.set(plan.prpPath, plan);
    return true;
  }

  isLeased(prpPath: string): boolean {
    return this.leased.has(prpPath);
  }

  acquire(prpPath: string): PlanLease {
    if (this.leased.has(prpPath)) throw new Error(`A run already holds the plan of ${prpPath}.`);
    this.leased.add(prpPath);
    let released = false;
    return {
      save: (plan) => {
        if (!released) this.plans.set(prpPath, { ...plan, prpPath });
      },
      release: () => {
        released = true;
        this.leased.delete(prpPath);
      },
    };
  }
}
