import type { AgentDefinition } from './agentDefinition';
import { ALL_TOOL_NAMES, type ToolName } from './toolNames';

/** Claude Code tool names (matched case-insensitively) and the tool of ours that does the same job. */
const CLAUDE_CODE_TOOLS: ReadonlyMap<string, ToolName> = new Map<string, ToolName>([
  ['read', 'read_file'],
  ['write', 'write_file'],
  ['edit', 'edit_file'],
  ['multiedit', 'edit_file'],
  ['glob', 'list_files'],
  ['ls', 'list_files'],
  ['grep', 'search'],
  ['todowrite', 'todo_write'],
  ['bash', 'run_command'],
]);

/** Claude Code tools this harness does not offer; named so the diagnostic can say "unavailable", not "unknown". */
const UNAVAILABLE_TOOLS: ReadonlySet<string> = new Set([
  'bashoutput', 'killbash', 'killshell', 'webfetch', 'websearch', 'notebookedit', 'notebookread',
  'task', 'agent', 'exitplanmode', 'slashcommand', 'skill',
]);

export type ToolsFieldResult =
  | { readonly ok: true; readonly tools: readonly ToolName[] | undefined; readonly dropped: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** Our name for a tool named in an agent file, or undefined when we have no such tool. */
export function toToolName(raw: string): ToolName | undefined {
  // `Bash(npm test:*)` style permission specs: only the name before the parenthesis matters.
  const name = raw.replace(/\(.*\)$/s, '').trim();
  const ours = ALL_TOOL_NAMES.find((tool) => tool === name);
  return ours ?? CLAUDE_CODE_TOOLS.get(name.toLowerCase());
}

function whyDropped(raw: string): string {
  const name = raw.replace(/\(.*\)$/s, '').trim();
  if (UNAVAILABLE_TOOLS.has(name.toLowerCase()) || name.startsWith('mcp__')) {
    return `tool "${raw}" is not available in this extension; dropped`;
  }
  return `unknown tool "${raw}"; dropped (known: ${ALL_TOOL_NAMES.join(', ')} or Claude Code names such as Read, Edit, Grep)`;
}

/**
 * Reads the `tools` field: a comma-separated string or a YAML list. Absent or empty means all tools.
 * Names we cannot map are dropped and reported; they never widen the set.
 */
export function parseToolsField(value: unknown): ToolsFieldResult {
  if (value === undefined || value === null) return { ok: true, tools: undefined, dropped: [] };
  let items: string[];
  if (typeof value === 'string') {
    items = value.split(',');
  } else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    items = value;
  } else {
    return { ok: false, reason: 'tools must be a comma-separated string or a list of tool names' };
  }
  items = items.map((item) => item.trim()).filter((item) => item.length > 0);
  if (items.length === 0) return { ok: true, tools: undefined, dropped: [] };

  const tools: ToolName[] = [];
  const dropped: string[] = [];
  for (const item of items) {
    const tool = toToolName(item);
    if (tool === undefined) dropped.push(whyDropped(item));
    else if (!tools.includes(tool)) tools.push(tool);
  }
  return { ok: true, tools, dropped };
}

/** The tools the harness offers this agent's model, in `allTools` order; calls to any other tool are refused. */
export function resolveAgentTools(agent: Pick<AgentDefinition, 'tools'>, allTools: readonly ToolName[]): ToolName[] {
  const allowed = agent.tools;
  if (allowed === undefined) return [...allTools];
  return allTools.filter((tool) => allowed.includes(tool));
}
