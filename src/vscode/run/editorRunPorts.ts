// The VS Code implementations of a RunSession's ports: the plan store, transcripts in workspace storage, the model
// choice (Anthropic with a key, else the chat's model), the agent files, commands with their consent, the settings.
import vscode = require('vscode');
import type { AgentDefinition } from '../../core/agents';
import type { CommandRunner } from '../../core/commands/commandRunner';
import type { ChatMessage } from '../../core/llm/modelClient';
import { runtime } from '../../core/runtime/lazyRuntime';
import type { Plan } from '../../core/plan/todo';
import type { LastRunFacts } from '../../core/run/agentEvents';
import { RunSetupError } from '../../core/run/runSetupError';
import { RESTRICTED_MODE_RUN_MESSAGE, trustPolicy } from '../../core/run/workspaceTrust';
import type { RunSession, SessionEvent } from '../../core/session/runSession';
import type { GateConsent } from '../../core/validation/gateConsent';
import type { ApiKeyStore } from '../config/apiKeyStore';
import { readSettings, type DevBackendSettings } from '../config/settings';
import type { CommandsChannel } from '../log/commandsChannel';
import type { OutputLog } from '../log/outputLog';
import { chooseModelClient } from '../models/modelChoice';
import type { PendingChanges } from '../review/pendingChanges';
import type { PlanStore } from '../tasks/planStore';
import { searchEngineForVscode } from '../workspace/vscodeSearchEngine';
import { readPrpDocument, type PrpDocument } from '../workspace/prpDocument';
import type { EditorCommandConsent } from './commandConsent';
import { editorCommandRunner } from './editorCommandRunner';
import { loadRunAgent } from './runAgent';
import type { TranscriptStore } from './transcriptStore';

export type RunEvent = SessionEvent;

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
  /** The PRP's gates run after the model's work when this consent is given. */
  gateConsent?: GateConsent;
}

export class EditorRunPorts {
  /** How the last run on each PRP ended (this window's life), for `/status`. */
  protected readonly lastRuns = new Map<string, LastRunFacts>();

  constructor(protected readonly deps: RunControllerDeps) {}

  settings(): DevBackendSettings {
    return (this.deps.settings ?? (() => readSettings((problem) => this.deps.log.warn(`settings: ${problem}`))))();
  }

  /** Plans the PRP offline into the tree (earlier statuses kept); with `keepExisting`, its stored plan as it is. */
  async planPrp(prpUri: vscode.Uri, keepExisting = false): Promise<{ prp: PrpDocument; plan: Plan }> {
    const prp = await readPrpDocument(prpUri);
    const existing = this.planFor(prp.path);
    const plan = keepExisting && existing && existing.todos.length > 0 ? existing : runtime().planOfPrp(prp.text, prp.path, existing).plan;
    if (!this.deps.planStore.setPlan(plan)) return { prp, plan: existing ?? plan }; // a run holds it: shown as the run has it
    return { prp, plan };
  }

  activePlan(): Plan | undefined {
    return this.deps.planStore.activePlan;
  }

  planFor(prpPath: string): Plan | undefined {
    return this.deps.planStore.get(prpPath);
  }

  /** The agent devBackend.agent names (workspace > user > bundled; an untrusted workspace's agents are skipped). */
  loadAgent(): Promise<AgentDefinition> {
    return loadRunAgent(this.settings().agent, this.deps.extensionUri, this.deps.log, this.trusted());
  }

  /** Throws RunSetupError (with a Manage Workspace Trust button) when the workspace may not run the agent. */
  assertCanRun(): void {
    if (!trustPolicy(this.trusted()).canRun) throw new RunSetupError(RESTRICTED_MODE_RUN_MESSAGE, { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' });
  }

  /** The model for a request: Anthropic with a key, else the chat's model, else `missingKey`. */
  chooseModel(chatModel: vscode.LanguageModelChat | undefined, token: vscode.CancellationToken | undefined, agentModel: string | undefined): ReturnType<typeof chooseModelClient> {
    return chooseModelClient({ keyStore: this.deps.keyStore, settings: this.settings(), chatModel, token, agentModel });
  }

  lastRun(prpPath: string): LastRunFacts | undefined {
    return this.lastRuns.get(prpPath);
  }

  /** Whether "Continue" on this PRP would resume an unfinished run. */
  async canResume(prpPath: string): Promise<boolean> {
    const stored = await this.deps.transcripts.get(prpPath);
    return stored !== undefined && stored.status !== 'completed' && stored.messages.length > 0;
  }

  protected session(options: StartRunOptions): RunSession {
    const { deps } = this;
    const settings = this.settings();
    const changes = deps.pending.changeSet;
    return new (runtime().RunSession)({
      changes,
      loadAgent: () => this.loadAgent(),
      models: { choose: (agentModel) => this.chooseModel(options.chatModel, options.token, agentModel) },
      transcripts: deps.transcripts,
      plans: deps.planStore,
      searchEngine: searchEngineForVscode(changes.workspace, deps.log),
      commands: () => this.commandRunner(),
      ...(deps.gateConsent && { gates: { consent: deps.gateConsent, maxFixRounds: settings.validationMaxFixRounds, networkAllowed: false } }),
      limits: { maxTurns: settings.maxTurns, maxTokensPerRun: settings.maxTokensPerRun, maxOutputTokens: settings.maxOutputTokens },
      allowSecretFiles: settings.allowSecretFiles,
      reviewMode: settings.reviewMode,
      log: deps.log,
    });
  }

  protected trusted(): boolean {
    return (this.deps.isTrusted ?? (() => vscode.workspace.isTrusted))();
  }

  protected async commandRunner(): Promise<CommandRunner | undefined> {
    const ui = this.deps.commands;
    return ui ? editorCommandRunner({ keyStore: this.deps.keyStore, log: this.deps.log, ...ui }, this.deps.pending.changeSet) : undefined;
  }
}
