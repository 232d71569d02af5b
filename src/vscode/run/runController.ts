// Glue for one run: PRP -> plan in the tree at once -> agent + model -> AgentRun over the pending ChangeSet,
// todo changes forwarded to the tree live, the transcript kept per PRP so "Continue" resumes. One run at a time.
import vscode = require('vscode');
import type { AgentDefinition } from '../../core/agents';
import type { ChangeEntry } from '../../core/changes/changeSet';
import type { ChatMessage } from '../../core/llm/modelClient';
import { planFromPrp } from '../../core/plan/offlinePlanner';
import { carryOverStatuses } from '../../core/plan/planOps';
import type { Plan, Todo } from '../../core/plan/todo';
import { parsePrp } from '../../core/prp/prpParser';
import type { AgentEvent, RunOutcome } from '../../core/run/agentEvents';
import { AgentRun } from '../../core/run/agentRun';
import type { ApiKeyStore } from '../config/apiKeyStore';
import { readSettings, type DevBackendSettings } from '../config/settings';
import type { OutputLog } from '../log/outputLog';
import { chooseModelClient } from '../models/modelChoice';
import type { PendingChanges } from '../review/pendingChanges';
import type { PlanStore } from '../tasks/planStore';
import { prpPathOf, readPrpDocument, type PrpDocument } from '../workspace/prpDocument';
import { loadRunAgent } from './runAgent';
import { runFolderProblem } from './runFolder';
import { RESTRICTED_MODE_RUN_MESSAGE, trustPolicy } from '../../core/run/workspaceTrust';
import { RunSetupError } from '../../core/run/runSetupError';
import type { TranscriptStore } from './transcriptStore';
import { runAgentOf } from '../../core/run/runAgent';
import { searchEngineForVscode } from '../workspace/vscodeSearchEngine';
import type { CommandRunner } from '../../core/commands/commandRunner';
import { editorCommandRunner } from './editorCommandRunner';
import type { CommandsChannel } from '../log/commandsChannel';
import type { EditorCommandConsent } from './commandConsent';
import type { ChangeSet } from '../../core/changes/changeSet';

const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';
import type { LastRunFacts } from '../../core/run/agentEvents';
import { keepPlanFrame } from '../../core/plan/planFrame';

/** What a run tells its UI: the engine's events plus two of the controller's. */
export type RunEvent =
  | AgentEvent
  /** The plan is in the tree and the model is chosen; the model calls start now. */
  | { type: 'run_start'; prpPath: string; plan: Plan; model: string; modelLabel: string; via: 'anthropic' | 'chat-model'; notice?: string; resumed: boolean }
  /** A todo was completed; `offerReview` when devBackend.reviewMode is perTask and it has staged changes. */
  | { type: 'task_completed'; todo: Todo; stagedPaths: string[]; offerReview: boolean };

export interface StartRunOptions {
  prpUri: vscode.Uri;
  /** What the user asked for on top of the plan. */
  instruction?: string;
  /** The chat's model (request.model): used when no Anthropic key is set. */
  chatModel?: vscode.LanguageModelChat;
  /** Earlier chat turns as context, used when the run does not resume a transcript. */
  history?: readonly ChatMessage[];
  /** 'auto' (default): resume the PRP's last run unless it completed; true: resume if there is one; false: start over. */
  resume?: boolean | 'auto';
  token?: vscode.CancellationToken;
  onEvent?: (event: RunEvent) => void;
}

/** A finished run: the engine's outcome plus what the UIs report. */
export interface RunReport extends RunOutcome {
  prpUri: vscode.Uri;
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
}

export interface RunControllerDeps {
  extensionUri: vscode.Uri;
  planStore: PlanStore;
  pending: PendingChanges;
  keyStore: ApiKeyStore;
  log: OutputLog;
  transcripts: TranscriptStore;
  settings?: () => DevBackendSettings;
  /** Whether the workspace is trusted (default: VS Code's workspace trust); tests inject it. */
  isTrusted?: () => boolean;
  /** The consent dialog and the "Dev Backend: Commands" channel; without them the agent cannot run commands. */
  commands?: { consent: EditorCommandConsent; channel: CommandsChannel };
}

export class RunController implements vscode.Disposable {
  private active: { prpPath: string; abort: AbortController } | undefined;
  /** How the last run on each PRP ended (this window's life), for `/status`. */
  private readonly lastRuns = new Map<string, LastRunFacts>();
  private readonly runningChanged = new vscode.EventEmitter<string | undefined>();
  /** Fires with the PRP path when a run starts, undefined when it ends. */
  readonly onDidChangeRunning = this.runningChanged.event;

  constructor(private readonly deps: RunControllerDeps) {}

  /** The PRP of the run in progress, if any. */
  get runningPrp(): string | undefined {
    return this.active?.prpPath;
  }

  /** Cancels the run in progress; false when none is. */
  cancel(): boolean {
    if (!this.active) return false;
    this.deps.log.info(`Cancelling the run on ${this.active.prpPath}.`);
    this.active.abort.abort();
    return true;
  }

  settings(): DevBackendSettings {
    return (this.deps.settings ?? (() => readSettings((problem) => this.deps.log.warn(`settings: ${problem}`))))();
  }

  /**
   * Parses and plans the PRP offline and puts the plan in the tree (statuses of an earlier plan of the
   * same PRP are kept). With `keepExisting`, an existing plan for the PRP is used as it is (a resume).
   */
  async planPrp(prpUri: vscode.Uri, keepExisting = false): Promise<{ prp: PrpDocument; plan: Plan }> {
    const prp = await readPrpDocument(prpUri);
    const existing = this.planFor(prp.path);
    if (keepExisting && existing && existing.todos.length > 0) {
      this.deps.planStore.setPlan(existing);
      return { prp, plan: existing };
    }
    const parsed = parsePrp(prp.text);
    for (const w of parsed.warnings) this.deps.log.debug(`prp ${prp.path}${w.line ? `:${w.line}` : ''}: ${w.message}`);
    const plan = carryOverStatuses(existing, planFromPrp(parsed, prp.path));
    this.deps.planStore.setPlan(plan);
    this.deps.log.info(`Planned ${prp.path}: ${plan.todos.length} todo(s).`);
    return { prp, plan };
  }

  /** The plan shown in the tree. */
  activePlan(): Plan | undefined {
    return this.deps.planStore.activePlan;
  }

  /** The stored plan of a PRP path, if any. */
  planFor(prpPath: string): Plan | undefined {
    const active = this.deps.planStore.activePlan;
    if (active?.prpPath === prpPath) return active;
    return this.deps.planStore.plans().find((p) => p.prpPath === prpPath);
  }

  /** The agent devBackend.agent names (workspace > user > bundled; an untrusted workspace's agents are skipped). */
  loadAgent(): Promise<AgentDefinition> {
    return loadRunAgent(this.settings().agent, this.deps.extensionUri, this.deps.log, this.trusted());
  }

  /** Throws RunSetupError (with a Manage Workspace Trust button) when the workspace may not run the agent. */
  assertCanRun(): void {
    if (!trustPolicy(this.trusted()).canRun) {
      throw new RunSetupError(RESTRICTED_MODE_RUN_MESSAGE, { title: 'Manage Workspace Trust', command: MANAGE_TRUST_COMMAND });
    }
  }

  private trusted(): boolean {
    return (this.deps.isTrusted ?? (() => vscode.workspace.isTrusted))();
  }

  /** The model for a request: Anthropic with a key, else the chat's model, else `missingKey`. */
  chooseModel(chatModel: vscode.LanguageModelChat | undefined, token: vscode.CancellationToken | undefined, agentModel: string | undefined): ReturnType<typeof chooseModelClient> {
    return chooseModelClient({ keyStore: this.deps.keyStore, settings: this.settings(), chatModel, token, agentModel });
  }

  /** How the last run on this PRP (in this window) ended. */
  lastRun(prpPath: string): LastRunFacts | undefined {
    return this.lastRuns.get(prpPath);
  }

  /** Whether "Continue" on this PRP would resume an unfinished run. */
  async canResume(prpPath: string): Promise<boolean> {
    const stored = await this.deps.transcripts.get(prpPath);
    return stored !== undefined && stored.status !== 'completed' && stored.messages.length > 0;
  }

  /** Runs the agent over the PRP. Throws RunSetupError when it cannot start; model errors end in the outcome. */
  async startRun(options: StartRunOptions): Promise<RunReport | { missingKey: true }> {
    this.assertCanRun();
    if (this.active) throw new RunSetupError(`A run is already in progress on ${this.active.prpPath}. Cancel it first (Dev Backend: Cancel Run).`);
    const abort = new AbortController();
    this.active = { prpPath: '', abort };
    const cancelSubscription = options.token?.onCancellationRequested(() => abort.abort());
    try {
      return await this.run(options, abort);
    } finally {
      cancelSubscription?.dispose();
      this.active = undefined;
      this.runningChanged.fire(undefined);
    }
  }

  private async run(options: StartRunOptions, abort: AbortController): Promise<RunReport | { missingKey: true }> {
    const { deps } = this;
    const settings = this.settings();
    const prpPath = prpPathOf(options.prpUri);
    const folderProblem = runFolderProblem(prpPath, vscode.workspace.getWorkspaceFolder(options.prpUri), vscode.workspace.workspaceFolders?.[0]);
    if (folderProblem) throw new RunSetupError(folderProblem);
    const stored = options.resume === false ? undefined : await deps.transcripts.get(prpPath);
    // 'auto' resumes an unfinished run only while its plan is still there (Clear Tasks means start over).
    const resume =
      stored !== undefined &&
      stored.messages.length > 0 &&
      (options.resume === true || (stored.status !== 'completed' && this.planFor(prpPath) !== undefined));
    const { prp, plan } = await this.planPrp(options.prpUri, resume);
    if (this.active) this.active.prpPath = prp.path;
    this.runningChanged.fire(prp.path);

    const agent = await this.loadAgent();
    const choice = await this.chooseModel(options.chatModel, options.token, agent.model);
    if ('missingKey' in choice) {
      deps.log.warn('No Anthropic API key and no chat model: the run did not start.');
      return { missingKey: true };
    }
    const via = choice.via;
    deps.log.info(`Run on ${prp.path}: agent ${agent.name}, ${choice.client.label} (${choice.model})${resume ? ', resuming the last run' : ''}.`);
    const changes = deps.pending.changeSet;
    const changedThisRun = new Set<string>();
    let lastPlan = plan;
    /** What the tree shows: the model's list over the PRP's frame (keepPlanFrame). */
    let shown = plan;
    const prpTasks = new Set(plan.todos.map((t) => t.content));
    const isPrpTask = (todo: Todo): boolean => prpTasks.has(todo.content);
    const emit = (event: RunEvent): void => {
      try {
        options.onEvent?.(event);
      } catch (error) {
        deps.log.warn(`A run listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    emit({ type: 'run_start', prpPath: prp.path, plan, model: choice.model, modelLabel: choice.label, via, notice: choice.notice, resumed: resume });

    const commands = await this.commandRunner(changes);
    const run = new AgentRun({
      ...(commands ? { commands } : {}),
      agent: runAgentOf(agent),
      model: choice.model,
      prp: { path: prp.path, text: prp.text },
      plan,
      client: choice.client,
      workspace: changes.workspace,
      changes,
      searchEngine: searchEngineForVscode(changes.workspace, deps.log),
      limits: { maxTurns: settings.maxTurns, maxTokensPerRun: settings.maxTokensPerRun, maxOutputTokens: settings.maxOutputTokens },
      allowSecretFiles: settings.allowSecretFiles,
      history: resume ? stored?.messages : options.history,
      instruction: options.instruction,
      signal: abort.signal,
      onEvent: (event) => {
        this.logEvent(event);
        if (event.type === 'change_staged') changedThisRun.add(event.change.path);
        emit(event);
        if (event.type === 'todos') {
          shown = keepPlanFrame(shown, event.plan, isPrpTask);
          this.showPlan(shown);
          for (const todo of newlyCompleted(lastPlan, event.plan)) {
            const stagedPaths = changes.entries().filter((e) => e.todoIds.includes(todo.id)).map((e) => e.path);
            emit({ type: 'task_completed', todo, stagedPaths, offerReview: settings.reviewMode === 'perTask' && stagedPaths.length > 0 });
          }
          lastPlan = event.plan;
        }
      },
    });
    let outcome: RunOutcome;
    try {
      outcome = await run.start();
    } finally {
      // The run is over: its commands are stopped and the shadow removed (the next run builds a fresh one).
      await commands?.dispose();
    }
    shown = keepPlanFrame(shown, run.plan, isPrpTask);
    this.showPlan(shown);
    await deps.transcripts.set({ prpPath: prp.path, status: outcome.status, messages: [...run.messages] });
    this.lastRuns.set(prp.path, { status: outcome.status, reason: outcome.reason, usage: outcome.usage, costUsd: outcome.costUsd, modelLabel: choice.label });
    deps.log.info(
      `Run on ${prp.path} ended: ${outcome.status} (${outcome.reason}) after ${outcome.turns} turn(s); ${changedThisRun.size} file(s) staged in this run, ${changes.size} pending.`,
    );
    return {
      ...outcome,
      prpUri: prp.uri,
      prpPath: prp.path,
      plan: shown,
      model: choice.model,
      modelLabel: choice.label,
      via,
      notice: choice.notice,
      resumed: resume,
      changedThisRun: [...changedThisRun],
      staged: changes.entries(),
    };
  }

  /** The run's command runner; undefined when commands are off or the extension was built without the consent UI. */
  private async commandRunner(changes: ChangeSet): Promise<CommandRunner | undefined> {
    const ui = this.deps.commands;
    return ui ? editorCommandRunner({ keyStore: this.deps.keyStore, log: this.deps.log, ...ui }, changes) : undefined;
  }

  /** The run's plan into the tree: the active plan when it is this PRP's, else set (and shown). */
  private showPlan(plan: Plan): void {
    const store = this.deps.planStore;
    if (store.activePlan?.prpPath === plan.prpPath) store.updateActive(() => plan);
    else store.setPlan(plan);
  }

  private logEvent(event: AgentEvent): void {
    const { log } = this.deps;
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

  dispose(): void {
    this.active?.abort.abort();
    this.runningChanged.dispose();
  }
}

/** The engine's part of a report (what FinishedRun and the logs carry). */
export function outcomeOf(report: RunReport): RunOutcome {
  const { status, reason, openTodos, usage, costUsd, turns, usageByTodo, errorKind } = report;
  return { status, reason, openTodos, usage, costUsd, turns, ...(usageByTodo ? { usageByTodo } : {}), ...(errorKind ? { errorKind } : {}) };
}

/** Todos completed in `next` that were not in `previous`. */
function newlyCompleted(previous: Plan, next: Plan): Todo[] {
  const before = new Map(previous.todos.map((t) => [t.id, t.status]));
  return next.todos.filter((t) => t.status === 'completed' && before.get(t.id) !== 'completed');
}
