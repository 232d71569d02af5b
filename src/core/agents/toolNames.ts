// Local copy of the tool names until src/core/tools/index.ts exports `ToolName` and `ALL_TOOL_NAMES`;
// then this file should re-export those instead.

export type ToolName = 'todo_write' | 'read_file' | 'list_files' | 'search' | 'write_file' | 'edit_file';

export const ALL_TOOL_NAMES: readonly ToolName[] = [
  'todo_write',
  'read_file',
  'list_files',
  'search',
  'write_file',
  'edit_file',
];
