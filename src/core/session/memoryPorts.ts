// The ports in memory, for the CLI, the benchmarks and the tests (the editor keeps plans and transcripts in its
// workspace storage).
import type { ModelClient } from '../llm/modelClient';
import type { Plan } from '../plan/todo';
import type { ModelProvider, PlanLease, PlanRepository, StoredTranscript, TranscriptStore } from './sessionPorts';

/** Always the same model (the CLI's key and model, a benchmark's client). */
export function fixedModel(client: ModelClient, model: string, label = model): ModelProvider {
  return { choose: () => Promise.resolve({ client, model, label, via: 'anthropic' }) };
}

export class MemoryTranscripts implements TranscriptStore {
  private readonly byPrp = new Map<string, StoredTranscript>();

  constructor(initial: readonly StoredTranscript[] = []) {
    for (const transcript of initial) this.byPrp.set(transcript.prpPath, transcript);
  }

  get(prpPath: string): Promise<StoredTranscript | undefined> {
    return Promise.resolve(this.byPrp.get(prpPath));
  }

  set(transcript: StoredTranscript): Promise<void> {
    this.byPrp.set(transcript.prpPath, transcript);
    return Promise.resolve();
  }
}

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
