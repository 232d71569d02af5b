import type { ToolName } from './toolNames';

/** Where an agent file came from; also its precedence (workspace beats user beats bundled). */
export type AgentSourceKind = 'workspace' | 'user' | 'bundled';

/** Highest precedence first. */
export const AGENT_SOURCE_PRECEDENCE: readonly AgentSourceKind[] = ['workspace', 'user', 'bundled'];

/** An agent parsed from a Claude Code subagent file: YAML front matter plus a markdown body. */
export interface AgentDefinition {
  /** Identity: lower-case words joined by hyphens. The file name plays no part. */
  readonly name: string;
  readonly description: string;
  /** Tools the harness offers this agent; undefined means all of them. */
  readonly tools?: readonly ToolName[];
  /** A model alias (opus, sonnet, haiku, inherit) or a full model id, unresolved. */
  readonly model?: string;
  readonly color?: string;
  /** The markdown body, trimmed. */
  readonly systemPrompt: string;
  readonly source: { readonly kind: AgentSourceKind; readonly path: string };
}

/**
 * Something worth telling the user about an agent file.
 * `error`: the file was skipped. `warning`: loaded, but part of it was ignored. `info`: for the record.
 */
export interface AgentDiagnostic {
  readonly path: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly reason: string;
  /** 1-based line in the file, when the problem has one. */
  readonly line?: number;
}
