// The agent a run uses: devBackend.agent looked up in the workspace's .claude/agents, then ~/.claude/agents,
// then the extension's bundled agents/ folder (the first definition of that name wins).
import { homedir } from 'node:os';
import vscode = require('vscode');
import type { AgentDefinition } from '../../core/agents';
import { runtime } from '../../core/runtime/lazyRuntime';
import type { OutputLog } from '../log/outputLog';
import { trustPolicy } from '../../core/run/workspaceTrust';
import { RunSetupError } from '../../core/run/runSetupError';

/** `trusted`: whether the workspace is trusted; an untrusted one's `.claude/agents` are not loaded. */
export async function loadRunAgent(
  name: string,
  extensionUri: vscode.Uri,
  log: Pick<OutputLog, 'warn' | 'debug'>,
  trusted: boolean = vscode.workspace.isTrusted,
): Promise<AgentDefinition> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  const { defaultAgentSources, loadAgents } = runtime();
  const sources = defaultAgentSources({
    workspaceRoot: folder?.uri.fsPath,
    workspaceTrusted: trustPolicy(trusted).loadWorkspaceAgents,
    homeDir: homedir(),
    bundledDir: vscode.Uri.joinPath(extensionUri, 'agents').fsPath,
  });
  const loaded = await loadAgents(sources);
  for (const d of loaded.diagnostics) {
    const line = `agents: ${d.path}${d.line ? `:${d.line}` : ''}: ${d.reason}`;
    if (d.severity === 'info') log.debug(line);
    else log.warn(line);
  }
  const agent = loaded.agents.get(name);
  if (!agent) {
    const available = [...loaded.agents.keys()].join(', ') || 'none';
    throw new RunSetupError(`No agent named "${name}" (devBackend.agent). Available: ${available}.`);
  }
  log.debug(`agent ${agent.name} from ${agent.source.kind}: ${agent.source.path}`);
  return agent;
}
