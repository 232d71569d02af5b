export { AGENT_SOURCE_PRECEDENCE, type AgentDefinition, type AgentDiagnostic, type AgentSourceKind } from './agentDefinition';
export { parseAgentFile, type ParseAgentResult } from './agentParser';
export { loadAgents, defaultAgentSources, nodeAgentFileReader, type AgentSource, type AgentFileReader, type LoadedAgents } from './agentLoader';
export { resolveAgentTools, parseToolsField, toToolName, type ToolsFieldResult } from './agentTools';
export { ALL_TOOL_NAMES, type ToolName } from './toolNames';
