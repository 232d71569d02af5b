// The plans of this workspace, one per PRP, kept in workspaceState so they survive a window reload.
// Updates are synchronous in memory (the tree refreshes at once); writes to storage are queued.
import vscode = require('vscode');
import { isTodoStatus } from '../../core/plan/planOps';
import type { Plan, Todo, TodoGate } from '../../core/plan/todo';
import type { PlanLease, PlanRepository } from '../../core/session/sessionPorts';

/** The part of vscode.Memento the store needs (context.workspaceState, or a fake in tests). */
export interface PlanStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

interface StoredPlans {
  version: 1;
  active?: string;
  /** Most recently used first. */
  plans: Plan[];
}

export const PLAN_STORAGE_KEY = 'devBackend.plans';

export class PlanStore implements PlanRepository, vscode.Disposable {
  private byPath = new Map<string, Plan>();
  private active: string | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<Plan | undefined>();
  /** Fires after every change with the active plan (undefined when there is none). */
  readonly onDidChange = this.changed.event;
  /** The PRP whose plan a run holds (acquire): until it ends, only the run writes it. */
  private held: string | undefined;

  constructor(
    private readonly storage: PlanStorage,
    private readonly onWriteError: (error: unknown) => void = () => undefined,
  ) {
    this.load();
  }

  /**
   * The PRP whose plan an agent run is updating. Its todos belong to the run until it ends: the user's edits to it
   * are refused (setPlan, updateActive and clear do nothing) rather than overwritten by the next todo_write.
   */
  get runningPrp(): string | undefined {
    return this.held;
  }

  get(prpPath: string): Plan | undefined {
    return this.byPath.get(prpPath);
  }

  acquire(prpPath: string): PlanLease {
    if (this.held !== undefined) throw new Error(`A run already holds the plan of ${this.held}.`);
    this.held = prpPath;
    let released = false;
    return {
      save: (plan) => {
        if (!released) this.place({ ...plan, prpPath });
      },
      release: () => {
        if (released) return;
        released = true;
        this.held = undefined;
        this.changed.fire(this.activePlan);
      },
    };
  }

  /** Re-renders the tree without changing anything (a refused checkbox click goes back to the stored state). */
  refresh(): void {
    this.changed.fire(this.activePlan);
  }

  get activePlan(): Plan | undefined {
    return this.active === undefined ? undefined : this.byPath.get(this.active);
  }

  /** All plans, most recently used first. */
  plans(): Plan[] {
    return [...this.byPath.values()];
  }

  /** Stores `plan` under its PRP path (replacing that PRP's plan) and makes it active; false while a run holds it. */
  setPlan(plan: Plan): boolean {
    if (this.held === plan.prpPath) return false;
    this.place(plan);
    return true;
  }

  /** Stores `plan` first (most recently used) and makes it active: setPlan without the run's lock, for the lease. */
  private place(plan: Plan): void {
    this.byPath.delete(plan.prpPath);
    this.byPath = new Map([[plan.prpPath, plan], ...this.byPath]);
    this.active = plan.prpPath;
    this.commit();
  }

  /** Replaces the active plan with `fn(activePlan)`; returns the new plan, or undefined when none is active. */
  updateActive(fn: (plan: Plan) => Plan): Plan | undefined {
    const current = this.activePlan;
    if (!current || this.held === current.prpPath) return undefined;
    const next = fn(current);
    if (next === current) return current;
    this.byPath.set(current.prpPath, { ...next, prpPath: current.prpPath });
    this.commit();
    return this.activePlan;
  }

  /** Replaces the plan of `prpPath` with `fn(plan)` (active or not); undefined when there is none or a run holds it. */
  update(prpPath: string, fn: (plan: Plan) => Plan): Plan | undefined {
    const current = this.byPath.get(prpPath);
    if (!current || this.held === prpPath) return undefined;
    const next = fn(current);
    if (next === current) return current;
    this.byPath.set(prpPath, { ...next, prpPath });
    this.commit();
    return this.byPath.get(prpPath);
  }

  /** Makes the plan of `prpPath` active; false when there is none. */
  switchTo(prpPath: string): boolean {
    const plan = this.byPath.get(prpPath);
    if (!plan) return false;
    if (this.active !== prpPath) {
      // Showing a plan is not editing it: allowed while a run holds it.
      this.byPath = new Map([[prpPath, plan], ...[...this.byPath].filter(([path]) => path !== prpPath)]);
      this.active = prpPath;
      this.commit();
    }
    return true;
  }

  /** Forgets the plan of `prpPath` (default: the active one); the most recent other plan becomes active. */
  clear(prpPath: string | undefined = this.active): void {
    if (prpPath === undefined || this.held === prpPath || !this.byPath.delete(prpPath)) return;
    if (this.active === prpPath) this.active = this.byPath.keys().next().value;
    this.commit();
  }

  /** Forgets every plan. */
  clearAll(): void {
    if (this.held !== undefined) return;
    this.byPath.clear();
    this.active = undefined;
    this.commit();
  }

  /** Resolves when every change so far is written to storage. */
  flush(): Promise<void> {
    return this.writing;
  }

  /** A new store over the same storage, as the extension would build after a window reload. */
  reopen(): PlanStore {
    return new PlanStore(this.storage, this.onWriteError);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private commit(): void {
    const snapshot: StoredPlans = { version: 1, active: this.active, plans: this.plans() };
    this.writing = this.writing
      .then(() => this.storage.update(PLAN_STORAGE_KEY, snapshot))
      .then(undefined, (error: unknown) => this.onWriteError(error));
    this.changed.fire(this.activePlan);
  }

  private load(): void {
    const stored = this.storage.get<unknown>(PLAN_STORAGE_KEY);
    if (!isRecord(stored) || !Array.isArray(stored.plans)) return;
    for (const raw of stored.plans) {
      const plan = readPlan(raw);
      if (plan && !this.byPath.has(plan.prpPath)) this.byPath.set(plan.prpPath, plan);
    }
    const active = typeof stored.active === 'string' ? stored.active : undefined;
    this.active = active !== undefined && this.byPath.has(active) ? active : this.byPath.keys().next().value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stored plan checked field by field: storage written by an older or broken version must not crash the view. */
function readPlan(raw: unknown): Plan | undefined {
  if (!isRecord(raw) || typeof raw.prpPath !== 'string' || !Array.isArray(raw.todos)) return undefined;
  const todos: Todo[] = [];
  for (const t of raw.todos) {
    if (!isRecord(t) || typeof t.id !== 'string' || typeof t.content !== 'string') continue;
    const todo: Todo = {
      id: t.id,
      content: t.content,
      activeForm: typeof t.activeForm === 'string' ? t.activeForm : t.content,
      status: isTodoStatus(t.status) ? t.status : 'pending',
    };
    if (typeof t.phase === 'string') todo.phase = t.phase;
    if (isRecord(t.source) && typeof t.source.line === 'number') todo.source = { line: t.source.line };
    if (Array.isArray(t.files)) todo.files = t.files.filter((f): f is string => typeof f === 'string');
    if (Array.isArray(t.details)) todo.details = t.details.filter((d): d is string => typeof d === 'string');
    const gate = readGate(t.gate);
    if (gate) todo.gate = gate;
    todos.push(todo);
  }
  return { prpPath: raw.prpPath, title: typeof raw.title === 'string' ? raw.title : raw.prpPath, todos };
}

type GateStatus = NonNullable<TodoGate['status']>;
const GATE_STATUSES: readonly GateStatus[] = ['running', 'passed', 'failed', 'could_not_run', 'not_run'];

function isGateStatus(value: unknown): value is GateStatus {
  return GATE_STATUSES.some((s) => s === value);
}

function readGate(raw: unknown): TodoGate | undefined {
  if (!isRecord(raw) || typeof raw.level !== 'number') return undefined;
  const gate: TodoGate = { level: raw.level };
  // A gate cannot still be running after a reload: its run ended with the window.
  if (isGateStatus(raw.status)) gate.status = raw.status === 'running' ? 'not_run' : raw.status;
  if (raw.status === 'running') gate.reason = 'the window closed while it ran';
  if (typeof raw.durationMs === 'number') gate.durationMs = raw.durationMs;
  if (typeof raw.attempts === 'number') gate.attempts = raw.attempts;
  if (typeof raw.failingCommand === 'string') gate.failingCommand = raw.failingCommand;
  if (typeof raw.outputTail === 'string') gate.outputTail = raw.outputTail;
  if (typeof raw.reason === 'string' && gate.reason === undefined) gate.reason = raw.reason;
  return gate;
}
