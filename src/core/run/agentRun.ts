// The agent loop: model <-> tools until the plan is done, a limit is hit, or the user cancels.
import type { ChangeSet } from '../changes/changeSet';
import { costUsd } from '../llm/modelCatalog';
import {
  addUsage,
  emptyUsage,
  ModelError,
  type ChatMessage,
  type ContentBlock,
  type ModelClient,
  type ModelResponse,
  type ToolResultBlock,
  type ToolUseBlock,
  type Usage,
} from '../llm/modelClient';
import { gateTodosHeld, gateTodosNote, openTodos, openTodosDroppedAtTheEnd, replaceTodos } from '../plan/planOps';
import { openWorkTodos } from '../plan/gateTodos';
import type { Plan } from '../plan/todo';
import type { CommandRunner } from '../commands/commandRunner';
import { counted } from '../text/plural';
import { describeToolCall, runTool, toolSpecs, type TodoWriteOutcome, type ToolContext, type ToolName } from '../tools';
import { oversizedInputMessage, toolInputProblem } from '../tools/toolInputLimits';
import type { SearchEngine } from '../search/searchEngine';
import type { Workspace } from '../workspace/workspace';
import type { AgentEvent, RunOutcome, RunStatus } from './agentEvents';
import { RepeatedFailureGuard } from './repeatedFailureGuard';
import type { RunAgent } from './runAgent';
import { buildFinishNudge, buildKickoffMessage, buildSystemPrompt, droppedTodosMessage } from './runPrompt';

export interface RunLimits {
  maxTurns: number;
  /** Input + output tokens (all cache kinds) across the run. */
  maxTokensPerRun: number;
  maxOutputTokens: number;
}

export const DEFAULT_LIMITS: RunLimits = { maxTurns: 60, maxTokensPerRun: 2_000_000, maxOutputTokens: 16_000 };

export interface AgentRunOptions {
  agent: RunAgent;
  /** Resolved model id. */
  model: string;
  prp: { path: string; text: string };
  plan: Plan;
  client: ModelClient;
  workspace: Workspace;
  changes: ChangeSet;
  limits?: Partial<RunLimits>;
  allowSecretFiles?: boolean;
  /** Lists and searches the disk files for list_files and search; the in-process workspace scan when unset. */
  searchEngine?: SearchEngine;
  /** Earlier turns of this conversation (a "Continue" resumes from them). */
  history?: readonly ChatMessage[];
  /** What the user asked for on top of the plan. */
  instruction?: string;
  /** The run's opening message instead of the plan kickoff (a fix round opens with the failed gate alone). */
  kickoff?: string;
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
  /** Runs run_command; without it the tool is not offered. The owner ends it (`dispose`) after the run. */
  commands?: CommandRunner;
}

/** One run of an agent over a PRP. Create, `start()`, read `plan` and `messages` afterwards. */
export class AgentRun {
  private currentPlan: Plan;
  private readonly transcript: ChatMessage[];
  private total: Usage = emptyUsage();
  private readonly usageByTodo = new Map<string, Usage>();
  private readonly limits: RunLimits;
  private readonly failures = new RepeatedFailureGuard(3);
  private turns = 0;

  constructor(private readonly options: AgentRunOptions) {
    this.currentPlan = options.plan;
    this.transcript = (options.history ?? []).map((m) => ({ role: m.role, content: [...m.content] }));
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  get plan(): Plan {
    return this.currentPlan;
  }

  /** The conversation so far, ending on a complete exchange: safe to pass as `history` to a new run. */
  get messages(): readonly ChatMessage[] {
    return this.transcript;
  }

  async start(): Promise<RunOutcome> {
    const { options } = this;
    const system = buildSystemPrompt(options.agent.systemPrompt, options.prp.path, options.prp.text);
    const tools = toolSpecs(this.offeredTools());
    appendUserTurn(this.transcript, [{ type: 'text', text: options.kickoff ?? buildKickoffMessage(this.currentPlan, options.instruction) }]);
    let nudged = false;

    while (true) {
      if (options.signal?.aborted) return this.finish('cancelled', 'Cancelled by the user.');
      if (this.turns >= this.limits.maxTurns) {
        return this.finish('limit', `Stopped after ${this.turns} model turns (the devBackend.maxTurns limit).`);
      }
      this.turns++;
      let response: ModelResponse;
      try {
        response = await this.sendTurn(system, tools);
      } catch (error) {
        return this.failWith(error);
      }
      const { content, oversized } = boundToolInputs(response.content);
      this.transcript.push({ role: 'assistant', content });

      const toolUses = content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
      if (toolUses.length === 0) {
        // Gate todos are the harness's: their commands run after the model's work (RunSession).
        const open = openWorkTodos(this.currentPlan);
        if (open.length === 0) return this.finish('completed', 'All tasks are done.');
        if (nudged || options.signal?.aborted) {
          return this.finish('incomplete', `The model stopped with ${counted(open.length, 'task')} still open.`);
        }
        nudged = true;
        appendUserTurn(this.transcript, [{ type: 'text', text: buildFinishNudge(open) }]);
        continue;
      }

      const results = await this.runTools(toolUses, response.stopReason === 'max_tokens', oversized);
      appendUserTurn(this.transcript, results);
      if (options.signal?.aborted) return this.finish('cancelled', 'Cancelled by the user.');
      const repeated = this.failures.tripped;
      if (repeated) {
        return this.finish('limit', `Stopped: the model repeated the same failing ${repeated} call three times.`);
      }
      if (this.tokensUsed() >= this.limits.maxTokensPerRun) {
        return this.finish('limit', `Stopped after ${this.tokensUsed()} tokens (the devBackend.maxTokensPerRun limit).`);
      }
    }
  }

  private async sendTurn(system: ReturnType<typeof buildSystemPrompt>, tools: ReturnType<typeof toolSpecs>): Promise<ModelResponse> {
    const { options } = this;
    const todoAtRequest = this.activeTodoId();
    const response = await options.client.send(
      { model: options.model, system, messages: this.transcript, tools, maxTokens: this.limits.maxOutputTokens, signal: options.signal },
      (event) => {
        if (event.type === 'text') this.emit({ type: 'text', text: event.text });
        else if (event.type === 'waiting') this.emit(event);
      },
    );
    this.total = addUsage(this.total, response.usage);
    if (todoAtRequest) {
      this.usageByTodo.set(todoAtRequest, addUsage(this.usageByTodo.get(todoAtRequest) ?? emptyUsage(), response.usage));
    }
    this.emit({ type: 'usage', usage: response.usage, total: this.total, costUsd: this.cost() });
    return response;
  }

  /**
   * Runs each tool call in order; every tool_use gets a tool_result, even when cancelled, so the transcript stays valid.
   * `truncated`: the response hit max_tokens, so its last call's input may be cut short and is not run.
   */
  private async runTools(
    toolUses: readonly ToolUseBlock[],
    truncated: boolean,
    oversized: ReadonlyMap<string, string>,
  ): Promise<ContentBlock[]> {
    const results: ToolResultBlock[] = [];
    for (const call of toolUses) {
      if (this.options.signal?.aborted) {
        results.push({ type: 'tool_result', toolUseId: call.id, content: 'Not run: the user cancelled.', isError: true });
        continue;
      }
      const problem = oversized.get(call.id);
      if (problem !== undefined) {
        results.push(this.toolError(call, oversizedInputMessage(call.name, problem)));
        continue;
      }
      results.push(await this.runOneTool(call, truncated && call === toolUses[toolUses.length - 1]));
    }
    return results;
  }

  private async runOneTool(call: ToolUseBlock, truncated: boolean): Promise<ToolResultBlock> {
    const { options } = this;
    if (truncated) {
      return this.toolError(call, 'Your response hit the output token limit and this tool call was cut off. Send it again in smaller pieces (several edit_file calls instead of one large write).');
    }
    const context: ToolContext = {
      changes: options.changes,
      workspace: options.workspace,
      todoId: this.activeTodoId(),
      allowSecretFiles: options.allowSecretFiles ?? false,
      onTodoWrite: (todos) => this.applyTodoWrite(todos),
      signal: options.signal,
      ...(options.searchEngine ? { searchEngine: options.searchEngine } : {}),
      // The agent file's allow-list is enforced here, not only by what the model is offered.
      allowedTools: this.offeredTools(),
      ...(options.commands ? { commands: options.commands } : {}),
    };
    this.emit({ type: 'tool_start', id: call.id, name: call.name, input: call.input, summary: describe(call) });
    const result = await runTool(call.name, call.input, context);
    this.failures.record(call.name, call.input, result.isError);
    this.emit({ type: 'tool_end', id: call.id, name: call.name, ok: !result.isError, summary: result.summary });
    if (result.staged) this.emit({ type: 'change_staged', change: result.staged });
    for (const change of result.alsoStaged ?? []) this.emit({ type: 'change_staged', change });
    return { type: 'tool_result', toolUseId: call.id, content: result.content, ...(result.isError ? { isError: true } : {}) };
  }

  /** The agent's tools, without run_command when this run has no command runner. */
  private offeredTools(): readonly ToolName[] {
    const tools = this.options.agent.tools;
    return this.options.commands ? tools : tools.filter((tool) => tool !== 'run_command');
  }

  private toolError(call: ToolUseBlock, message: string): ToolResultBlock {
    this.failures.record(call.name, call.input, true);
    this.emit({ type: 'tool_end', id: call.id, name: call.name, ok: false, summary: message });
    return { type: 'tool_result', toolUseId: call.id, content: message, isError: true };
  }

  private applyTodoWrite(todos: Parameters<ToolContext['onTodoWrite']>[0]): TodoWriteOutcome {
    const dropped = openTodosDroppedAtTheEnd(this.currentPlan, todos);
    if (dropped.length > 0) return { ok: false, error: droppedTodosMessage(dropped) };
    const held = gateTodosNote(gateTodosHeld(this.currentPlan, todos));
    this.currentPlan = replaceTodos(this.currentPlan, todos);
    this.emit({ type: 'todos', plan: this.currentPlan });
    const done = this.currentPlan.todos.filter((t) => t.status === 'completed').length;
    const current = this.currentPlan.todos.find((t) => t.status === 'in_progress');
    return { ok: true, message: `Todo list updated: ${done}/${this.currentPlan.todos.length} completed.${current ? ` In progress: ${current.content}.` : ''}${held}` };
  }

  private activeTodoId(): string | undefined {
    return this.currentPlan.todos.find((t) => t.status === 'in_progress')?.id;
  }

  private tokensUsed(): number {
    const u = this.total;
    return u.inputTokens + u.outputTokens + u.cacheCreationInputTokens + u.cacheReadInputTokens;
  }

  private cost(): number {
    return costUsd(this.total, this.options.model);
  }

  private failWith(error: unknown): RunOutcome {
    if (error instanceof ModelError) {
      if (error.kind === 'cancelled') return this.finish('cancelled', 'Cancelled by the user.');
      this.emit({ type: 'error', message: error.message, kind: error.kind, retryAfterSeconds: error.retryAfterSeconds });
      return this.finish('failed', error.message, error);
    }
    const message = error instanceof Error ? error.message : String(error);
    this.emit({ type: 'error', message: `Unexpected error: ${message}`, kind: 'unknown' });
    return this.finish('failed', `Unexpected error: ${message}`);
  }

  private finish(status: RunStatus, reason: string, error?: ModelError): RunOutcome {
    const outcome: RunOutcome = {
      status,
      reason,
      openTodos: openTodos(this.currentPlan),
      usage: this.total,
      costUsd: this.cost(),
      turns: this.turns,
      usageByTodo: Object.fromEntries(this.usageByTodo),
      ...(error ? { errorKind: error.kind } : {}),
    };
    this.emit({ type: 'done', outcome });
    return outcome;
  }

  private emit(event: AgentEvent): void {
    this.options.onEvent?.(event);
  }
}

/** Progress text for a tool call; a malformed input still gets a readable line. */
function describe(call: ToolUseBlock): string {
  try {
    return describeToolCall(call.name, call.input);
  } catch {
    return `Running ${call.name}`;
  }
}

/**
 * The response's blocks with every tool input over the limits replaced by `{}`, and why each was replaced (by call id):
 * the transcript is sent again with every request, and one input nested 50,000 levels deep would break each of them.
 */
function boundToolInputs(blocks: readonly ContentBlock[]): { content: ContentBlock[]; oversized: Map<string, string> } {
  const oversized = new Map<string, string>();
  const content = blocks.map((block) => {
    if (block.type !== 'tool_use') return block;
    const problem = toolInputProblem(block.input);
    if (problem === undefined) return block;
    oversized.set(block.id, problem);
    return { ...block, input: {} };
  });
  return { content, oversized };
}

/** Adds a user turn, merging into a trailing user message (a cancelled run can end on one). */
function appendUserTurn(transcript: ChatMessage[], content: ContentBlock[]): void {
  const last = transcript[transcript.length - 1];
  if (last?.role === 'user') last.content = [...last.content, ...content];
  else transcript.push({ role: 'user', content });
}
