// What a run takes from an agent definition: its prompt, and the tools the harness offers and allows.
import { resolveAgentTools, type AgentDefinition } from '../agents';
import { ALL_TOOL_NAMES, type ToolName } from '../tools';

export interface RunAgent {
  name: string;
  systemPrompt: string;
  tools: readonly ToolName[];
}

export function runAgentOf(agent: AgentDefinition): RunAgent {
  return { name: agent.name, systemPrompt: agent.systemPrompt, tools: resolveAgentTools(agent, ALL_TOOL_NAMES) };
}
