// One run from PRP to outcome, the same in the editor, the chat, the CLI and the benchmarks: plan the PRP (keeping
// earlier statuses), choose the agent and the model, run the agent over the ChangeSet, run the PRP's gates with the
// fix loop, keep the transcript (so "Continue" resumes) and the plan (held for the run), and report.
import type { AgentDefinition } from '../agents';
import type { ChangeEntry, ChangeSet } from '../changes/changeSet';
import type { CommandRunner } from '../commands/commandRunner';
import { addUsage, type ChatMessage, type Usage } from '../llm/modelClient';
import { planOfPrp } from '../plan/prpPlan';
import { keepPlanFrame } from '../plan/planFrame';
import { openTodos } from '../plan/planOps';
import type { Plan, Todo } from '../plan/todo';
import type { Prp, PrpWarning } from '../prp/prp';
import type { AgentEvent, RunOutcome } from '../run/agentEvents';
import { AgentRun, type AgentRunOptions, type RunLimits } from '../run/agentRun';
import { runAgentOf } from '../run/runAgent';
import type { SearchEngine } from '../search/searchEngine';
import { counted } from '../text/plural';
import type { GateConsent } from '../validation/gateConsent';
import type { ValidationEvent, ValidationReport } from '../validation/validationRun';
import type { ModelProvider, PlanRepository, TranscriptStore } from './sessionPorts';
import { runGates } from './sessionGates';

/** What a run tells its UI: the engine's events plus the session's own. */
export type SessionEvent =
  | AgentEvent
  /** The plan is stored and the model chosen; the model calls start now. */
  | { type: 'run_start'; prpPath: string; plan: Plan; model: string; modelLabel: string; via: 'anthropic' | 'chat-model'; notice?: string; resumed: boolean }
  /** A todo was completed; `offerReview` in per-task review mode when it has staged changes. */
  | { type: 'task_completed'; todo: Todo; stagedPaths: string[]; offerReview: boolean }
  /** The plan as the user sees it changed (the PRP's frame kept, gate results on it). */
  | { type: 'plan'; plan: Plan }
  | { type: 'validation'; event: ValidationEvent }
  /** The gates did not run, and why (declined, commands off, the run did not complete). */
  | { type: 'validation_skipped'; reason: string };

export interface SessionLog {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export interface GateOptions {
  consent: GateConsent;
  maxFixRounds: number;
  /** The setting or flag that sets maxFixRounds, named when the loop stops at it. */
  fixRoundsLimitName?: string;
  networkAllowed: boolean;
}

export interface RunSessionDeps {
  changes: ChangeSet;
  loadAgent(): Promise<AgentDefinition>;
  models: ModelProvider;
  transcripts: TranscriptStore;
  plans: PlanRepository;
  searchEngine?: SearchEngine;
  /** This run's command runner (disposed at its end); undefined: commands are off. */
  commands?: () => Promise<CommandRunner | undefined>;
  /** Absent: the PRP's gates are not run (they stay open in the plan). */
  gates?: GateOptions;
  limits?: Partial<RunLimits>;
  allowSecretFiles?: boolean;
  reviewMode?: 'perTask' | 'endOfRun';
  log?: SessionLog;
}

export interface RunRequest {
  prp: { path: string; text: string };
  /** What the user asked for on top of the plan. */
  instruction?: string;
  /** Earlier turns as context, used when the run does not resume a transcript. */
  history?: readonly ChatMessage[];
  /** 'auto' (default): resume the PRP's last run unless it completed or its plan is gone; true: resume if any; false: start over. */
  resume?: boolean | 'auto';
  /** A plan made by the caller instead of the PRP's (a benchmark's generated workload). */
  plan?: Plan;
  signal?: AbortSignal;
  onEvent?: (event: SessionEvent) => void;
}

/** A finished run: the engine's outcome (tokens and cost include the fix rounds) plus what the UIs report. */
export interface SessionReport extends RunOutcome {
  prpPath: string;
  /** The plan as the run left it. */
  plan: Plan;
  model: string;
  modelLabel: string;
  via: 'anthropic' | 'chat-model';
  notice?: string;
  resumed: boolean;
  /** Paths this run staged. */
  changedThisRun: string[];
  /** Everything staged and not yet reviewed, after the run. */
  staged: ChangeEntry[];
  /** The conversation as the run (and its fix rounds) left it. */
  messages: readonly ChatMessage[];
  /** The PRP's gates, when they ran. */
  validation?: ValidationReport;
  /** Why the gates did not run, when they did not. */
  validationSkipped?: string;
  fixUsage: Usage;
  fixCostUsd: number;
}

export class RunSession {
  constructor(private readonly deps: RunSessionDeps) {}

  /** Plans, runs and validates. Throws only when the run cannot start (the agent cannot be loaded, the plan is held). */
  async run(request: RunRequest): Promise<SessionReport | { missingKey: true }> {
    const { deps } = this;
    const prpPath = request.prp.path;
    const stored = request.resume === false ? undefined : await deps.transcripts.get(prpPath);
    const existing = deps.plans.get(prpPath);
    // 'auto' resumes an unfinished run only while its plan is still there (Clear Tasks means start over).
    const resumed =
      stored !== undefined && stored.messages.length > 0 && (request.resume === true || (stored.status !== 'completed' && existing !== undefined));
    const lease = deps.plans.acquire(prpPath);
    try {
      const planned = planOfPrp(request.prp.text, prpPath, existing);
      const prp = planned.prp;
      for (const warning of prp.warnings) deps.log?.debug(`prp ${prpPath}${warningLine(warning)}: ${warning.message}`);
      const plan = request.plan ?? (resumed && existing && existing.todos.length > 0 ? existing : planned.plan);
      lease.save(plan);
      deps.log?.info(`Planned ${prpPath}: ${counted(plan.todos.length, 'todo')}.`);
      const agent = await deps.loadAgent();
      const choice = await deps.models.choose(agent.model);
      if ('missingKey' in choice) {
        deps.log?.warn('No Anthropic API key and no chat model: the run did not start.');
        return { missingKey: true };
      }
      const run = new SessionRun(deps, request, { prp, plan, agent, resumed, history: resumed ? stored?.messages : request.history, save: (p) => lease.save(p) });
      const selection = { model: choice.model, modelLabel: choice.label, via: choice.via, ...(choice.notice !== undefined && { notice: choice.notice }) };
      deps.log?.info(`Run on ${prpPath}: agent ${agent.name}, ${choice.client.label} (${choice.model})${resumed ? ', resuming the last run' : ''}.`);
      run.emit({ type: 'run_start', prpPath, plan, ...selection, resumed });
      const result = await run.execute(choice.client, choice.model);
      await deps.transcripts.set({ prpPath, status: result.outcome.status, messages: [...result.messages] });
      deps.log?.info(
        `Run on ${prpPath} ended: ${result.outcome.status} (${result.outcome.reason}) after ${counted(result.outcome.turns, 'turn')}; ${counted(result.changedThisRun.length, 'file')} staged in this run, ${deps.changes.size} pending.`,
      );
      return {
        ...result.outcome,
        usage: addUsage(result.outcome.usage, result.fixUsage),
        costUsd: result.outcome.costUsd + result.fixCostUsd,
        openTodos: openTodos(result.plan),
        prpPath,
        plan: result.plan,
        ...selection,
        resumed,
        changedThisRun: result.changedThisRun,
        staged: deps.changes.entries(),
        messages: result.messages,
        ...(result.validation && { validation: result.validation }),
        ...(result.validationSkipped !== undefined && { validationSkipped: result.validationSkipped }),
        fixUsage: result.fixUsage,
        fixCostUsd: result.fixCostUsd,
      };
    } finally {
      lease.release();
    }
  }
}

interface SessionRunStart {
  prp: Prp;
  plan: Plan;
  agent: AgentDefinition;
  resumed: boolean;
  history: readonly ChatMessage[] | undefined;
  save: (plan: Plan) => void;
}

interface SessionRunResult {
  outcome: RunOutcome;
  plan: Plan;
  messages: readonly ChatMessage[];
  changedThisRun: string[];
  validation?: ValidationReport;
  validationSkipped?: string;
  fixUsage: Usage;
  fixCostUsd: number;
}

/** The state of one run: the plan as shown (the PRP's frame, the model's todos, the gates' results). */
class SessionRun {
  private shown: Plan;
  private lastModelPlan: Plan;
  private readonly prpTasks: Set<string>;
  private readonly changedThisRun = new Set<string>();
  /** Applied over every plan the model writes, so a fix round's todo_write cannot undo a gate's result. */
  private gateView: (plan: Plan) => Plan = (plan) => plan;

  constructor(
    private readonly deps: RunSessionDeps,
    private readonly request: RunRequest,
    private readonly start: SessionRunStart,
  ) {
    this.shown = start.plan;
    this.lastModelPlan = start.plan;
    this.prpTasks = new Set(start.plan.todos.map((t) => t.content));
  }

  emit(event: SessionEvent): void {
    try {
      this.request.onEvent?.(event);
    } catch (error) {
      this.deps.log?.warn(`A run listener failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async execute(client: AgentRunOptions['client'], model: string): Promise<SessionRunResult> {
    const { deps, request, start } = this;
    const commands = await deps.commands?.();
    const runOptions: Omit<AgentRunOptions, 'plan' | 'history' | 'instruction' | 'signal'> = {
      ...(commands && { commands }),
      agent: runAgentOf(start.agent),
      model,
      prp: request.prp,
      client,
      workspace: deps.changes.workspace,
      changes: deps.changes,
      ...(deps.searchEngine && { searchEngine: deps.searchEngine }),
      ...(deps.limits && { limits: deps.limits }),
      ...(deps.allowSecretFiles !== undefined && { allowSecretFiles: deps.allowSecretFiles }),
      onEvent: (event) => this.onAgentEvent(event),
    };
    const run = new AgentRun({
      ...runOptions,
      plan: start.plan,
      ...(start.history && { history: start.history }),
      ...(request.instruction !== undefined && { instruction: request.instruction }),
      ...(request.signal && { signal: request.signal }),
    });
    try {
      const outcome = await run.start();
      this.show(keepPlanFrame(this.shown, run.plan, (t) => this.prpTasks.has(t.content)));
      const gates = await runGates({
        deps,
        prp: start.prp,
        prpPath: request.prp.path,
        outcome,
        commands,
        run,
        runOptions,
        signal: request.signal,
        setGateView: (view) => {
          this.gateView = view;
          this.show(view(this.shown));
        },
        emit: (event) => this.emit(event),
      });
      return { outcome, plan: this.shown, changedThisRun: [...this.changedThisRun], ...gates, messages: gates.messages ?? run.messages };
    } finally {
      // The run is over: its commands are stopped and the shadow removed (the next run builds a fresh one).
      await commands?.dispose();
    }
  }

  private onAgentEvent(event: AgentEvent): void {
    this.logEvent(event);
    if (event.type === 'change_staged') this.changedThisRun.add(event.change.path);
    this.emit(event);
    if (event.type !== 'todos') return;
    this.show(keepPlanFrame(this.shown, event.plan, (t) => this.prpTasks.has(t.content)));
    for (const todo of newlyCompleted(this.lastModelPlan, event.plan)) {
      const stagedPaths = this.deps.changes
        .entries()
        .filter((e) => e.todoIds.includes(todo.id))
        .map((e) => e.path);
      this.emit({ type: 'task_completed', todo, stagedPaths, offerReview: this.deps.reviewMode === 'perTask' && stagedPaths.length > 0 });
    }
    this.lastModelPlan = event.plan;
  }

  private show(plan: Plan): void {
    this.shown = this.gateView(plan);
    this.start.save(this.shown);
    this.emit({ type: 'plan', plan: this.shown });
  }

  private logEvent(event: AgentEvent): void {
    const log = this.deps.log;
    if (!log) return;
    switch (event.type) {
      case 'tool_start':
        log.debug(`tool ${event.name}: ${event.summary}`);
        break;
      case 'tool_end':
        if (!event.ok) log.debug(`tool ${event.name} failed: ${event.summary}`);
        break;
      case 'usage':
        log.debug(`usage: +${event.usage.inputTokens} in, +${event.usage.outputTokens} out (cache read ${event.usage.cacheReadInputTokens})`);
        break;
      case 'waiting':
        log.info(event.message);
        break;
      case 'error':
        log.warn(`run error (${event.kind ?? 'unknown'}): ${event.message}`);
        break;
      default:
        break;
    }
  }
}


function warningLine(warning: PrpWarning): string {
  return warning.line ? `:${warning.line}` : '';
}

/** Todos completed in `next` that were not in `previous`. */
function newlyCompleted(previous: Plan, next: Plan): Todo[] {
  const before = new Map(previous.todos.map((t) => [t.id, t.status]));
  return next.todos.filter((t) => t.status === 'completed' && before.get(t.id) !== 'completed');
}

/** The engine's part of a report (what FinishedRun, the CLI's JSON and the logs carry). */
export function outcomeOf(report: SessionReport): RunOutcome {
  const { status, reason, openTodos: open, usage, costUsd, turns, usageByTodo, errorKind } = report;
  return { status, reason, openTodos: open, usage, costUsd, turns, ...(usageByTodo ? { usageByTodo } : {}), ...(errorKind ? { errorKind } : {}) };
}
