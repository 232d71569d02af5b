// The agent layer speaks the tool contract's names; the registry in core/tools is their single source.
export { ALL_TOOL_NAMES, type ToolName } from '../tools';
