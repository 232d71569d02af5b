import { join } from 'node:path';
import { findAgentMarkdownFiles, readAgentFile, type FindAgentFilesOptions } from './agentFiles';
import {
  AGENT_SOURCE_PRECEDENCE,
  type AgentDefinition,
  type AgentDiagnostic,
  type AgentSourceKind,
} from './agentDefinition';
import { parseAgentFile } from './agentParser';

export interface AgentSource {
  readonly kind: AgentSourceKind;
  readonly dir: string;
  /** The folder `dir` must stay inside, links resolved (a workspace source: the workspace). */
  readonly boundary?: string;
}

/** The two file operations the loader needs; injectable so tests can make reads fail. */
export interface AgentFileReader {
  /** Absolute paths of `**\/*.md` under `dir`; an empty list when `dir` does not exist. */
  findMarkdownFiles(dir: string, options?: FindAgentFilesOptions): Promise<string[]>;
  readText(path: string): Promise<string>;
}

export interface LoadedAgents {
  /** By name; each name's highest-precedence definition. */
  readonly agents: Map<string, AgentDefinition>;
  readonly diagnostics: AgentDiagnostic[];
}

export const nodeAgentFileReader: AgentFileReader = {
  findMarkdownFiles: findAgentMarkdownFiles,
  readText: readAgentFile,
};

/**
 * Workspace `.claude/agents`, user `~/.claude/agents`, then the bundled `agents/`: highest precedence first.
 * An untrusted workspace (`workspaceTrusted: false`) contributes no agents.
 */
export function defaultAgentSources(options: {
  workspaceRoot?: string;
  homeDir: string;
  bundledDir: string;
  workspaceTrusted?: boolean;
}): AgentSource[] {
  return [
    ...(options.workspaceRoot === undefined || options.workspaceTrusted === false
      ? []
      : [{ kind: 'workspace' as const, dir: join(options.workspaceRoot, '.claude', 'agents'), boundary: options.workspaceRoot }]),
    { kind: 'user', dir: join(options.homeDir, '.claude', 'agents') },
    { kind: 'bundled', dir: options.bundledDir },
  ];
}

/**
 * Loads every agent file under the sources. Precedence follows the kind (workspace > user > bundled),
 * then the order given; within one directory, files are taken in path order. A higher-precedence agent
 * shadows a lower one of the same name. No file, however broken, stops the others from loading.
 */
export async function loadAgents(
  sources: readonly AgentSource[],
  reader: AgentFileReader = nodeAgentFileReader,
): Promise<LoadedAgents> {
  const agents = new Map<string, AgentDefinition>();
  const diagnostics: AgentDiagnostic[] = [];
  const ordered = [...sources].sort(
    (a, b) => AGENT_SOURCE_PRECEDENCE.indexOf(a.kind) - AGENT_SOURCE_PRECEDENCE.indexOf(b.kind),
  );

  for (const source of ordered) {
    let files: string[];
    try {
      const onProblem = (path: string, reason: string): void => void diagnostics.push({ path, severity: 'warning', reason });
      files = (await reader.findMarkdownFiles(source.dir, { ...(source.boundary !== undefined ? { boundary: source.boundary } : {}), onProblem })).sort();
    } catch (error) {
      diagnostics.push({ path: source.dir, severity: 'warning', reason: `cannot list agents: ${describe(error)}` });
      continue;
    }
    for (const path of files) {
      let text: string;
      try {
        text = await reader.readText(path);
      } catch (error) {
        diagnostics.push({ path, severity: 'error', reason: `skipped: cannot read file: ${describe(error)}` });
        continue;
      }
      const parsed = parseAgentFile(text, path, source.kind);
      if (!parsed.ok) {
        diagnostics.push(parsed.diagnostic);
        continue;
      }
      diagnostics.push(...parsed.diagnostics);
      const winner = agents.get(parsed.agent.name);
      if (winner === undefined) {
        agents.set(parsed.agent.name, parsed.agent);
      } else {
        diagnostics.push(shadowed(parsed.agent, winner));
      }
    }
  }
  return { agents, diagnostics };
}

function shadowed(loser: AgentDefinition, winner: AgentDefinition): AgentDiagnostic {
  const same = loser.source.kind === winner.source.kind;
  return {
    path: loser.source.path,
    severity: same ? 'warning' : 'info',
    reason: same
      ? `agent "${loser.name}" is defined twice in ${loser.source.kind} agents; ${winner.source.path} is used`
      : `agent "${loser.name}" (${loser.source.kind}) is shadowed by ${winner.source.path} (${winner.source.kind})`,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
