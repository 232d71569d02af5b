// What a RunSession needs from its host (the editor, the CLI, a benchmark), as ports.
import type { ChatMessage, ModelClient } from '../llm/modelClient';
import type { Plan } from '../plan/todo';
import type { RunStatus } from '../run/agentEvents';

/** The model a run talks to, and how to name it to people. */
export interface ModelSelection {
  client: ModelClient;
  /** Resolved model id, for the request and the cost. */
  model: string;
  /** "Claude Opus 5.5", or the chat model's name. */
  label: string;
  via: 'anthropic' | 'chat-model';
  /** Which model runs and why, when it is not the one the user picked. */
  notice?: string;
}

export interface ModelProvider {
  /** `agentModel`: the agent file's `model`; `{ missingKey }` when there is no key and no other model. */
  choose(agentModel: string | undefined): Promise<ModelSelection | { missingKey: true }>;
}

/** The last run's conversation on a PRP, so "Continue" resumes where it stopped. */
export interface StoredTranscript {
  prpPath: string;
  status: RunStatus;
  messages: ChatMessage[];
}

export interface TranscriptStore {
  get(prpPath: string): Promise<StoredTranscript | undefined>;
  set(transcript: StoredTranscript): Promise<void>;
}

/** The plans, one per PRP. While a run holds a PRP's lease, only the lease writes that plan. */
export interface PlanRepository {
  get(prpPath: string): Plan | undefined;
  /** Takes the PRP's plan for a run; user edits to it are refused until `release`. */
  acquire(prpPath: string): PlanLease;
}

export interface PlanLease {
  /** Stores (and shows) the run's plan. */
  save(plan: Plan): void;
  release(): void;
}
