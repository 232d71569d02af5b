import type { ModelErrorKind, Usage } from '../llm/modelClient';
import type { Plan, Todo } from '../plan/todo';
import type { StagedChangeInfo } from '../changes/changeEntry';

/** How a run ended. */
export type RunStatus =
  | 'completed' // every todo done, the model ended its turn
  | 'incomplete' // the model stopped with todos still open (after being asked once to finish)
  | 'cancelled' // the user cancelled
  | 'limit' // max turns / max tokens / repeated failing tool call
  | 'failed'; // a model error (auth, network, ...)

export interface RunOutcome {
  status: RunStatus;
  /** One sentence for the user: why it ended this way. */
  reason: string;
  openTodos: Todo[];
  usage: Usage;
  costUsd: number;
  turns: number;
  /** Usage attributed to the todo that was in progress when each request was sent, by todo id. */
  usageByTodo?: Record<string, Usage>;
  errorKind?: ModelErrorKind;
}

export type { StagedChangeInfo };

/** What the last run on a PRP ended with (the editor keeps it for `/status`). */
export interface LastRunFacts {
  status: RunStatus;
  reason: string;
  usage: Usage;
  costUsd: number;
  modelLabel: string;
}

/** What an AgentRun tells its UI, in order. */
export type AgentEvent =
  /** A piece of the model's text, to append to the response. */
  | { type: 'text'; text: string }
  /** A tool call is about to run; `summary` reads like "Reading src/app.ts". */
  | { type: 'tool_start'; id: string; name: string; input: unknown; summary: string }
  /** A tool call finished; `ok` false when it returned an error to the model. */
  | { type: 'tool_end'; id: string; name: string; ok: boolean; summary: string }
  /** The plan changed (todo_write, or the run marked progress). */
  | { type: 'todos'; plan: Plan }
  /** A write or edit was staged in the ChangeSet (nothing on disk). */
  | { type: 'change_staged'; change: StagedChangeInfo }
  /** Usage after a model response: that response's and the run's running total. */
  | { type: 'usage'; usage: Usage; total: Usage; costUsd: number }
  /** The model client waits before trying again ("Rate limited; waiting 30 s ..."): the run is not stuck. */
  | { type: 'waiting'; message: string; seconds?: number }
  /** A problem worth showing; fatal ones are followed by `done` with status `failed`. */
  | { type: 'error'; message: string; kind?: ModelErrorKind; retryAfterSeconds?: number }
  /** The run is over. */
  | { type: 'done'; outcome: RunOutcome };
