// The tool registry: an explicit record, so a tool missing from the `ToolName` union (or vice versa) does
// not compile. The run calls `toolSpecs` to offer tools and `runTool` to execute a call.
import type { ToolSpec } from '../llm/modelClient';
import { editFileTool } from './editFile';
import { listFilesTool } from './listFiles';
import { readFileTool } from './readFile';
import { runCommandTool } from './runCommand';
import { searchTool } from './search';
import { todoWriteTool } from './todoWrite';
import { redactAbsolutePaths } from '../workspace/pathRedaction';
import { oversizedInputMessage, toolInputProblem } from './toolInputLimits';
import { failure, type ToolContext, type ToolDefinition, type ToolName, type ToolResult } from './toolTypes';
import { writeFileTool } from './writeFile';

export type { TodoWriteItem, TodoWriteOutcome, ToolContext, ToolDefinition, ToolName, ToolResult } from './toolTypes';

export const TOOLS: Readonly<Record<ToolName, ToolDefinition>> = {
  todo_write: todoWriteTool,
  read_file: readFileTool,
  list_files: listFilesTool,
  search: searchTool,
  write_file: writeFileTool,
  edit_file: editFileTool,
  run_command: runCommandTool,
};

export const ALL_TOOL_NAMES: readonly ToolName[] = Object.keys(TOOLS) as ToolName[];

export function isToolName(name: string): name is ToolName {
  return Object.prototype.hasOwnProperty.call(TOOLS, name);
}

/** The specs to offer the model, in the order given (fresh copies: callers may decorate them). */
export function toolSpecs(names: readonly ToolName[] = ALL_TOOL_NAMES): ToolSpec[] {
  return names.map((name) => structuredClone(TOOLS[name].spec));
}

/** Progress label for a call ("Reading src/app.ts"); never throws. */
export function describeToolCall(name: string, input: unknown): string {
  return isToolName(name) ? TOOLS[name].describe(input) : `Calling unknown tool ${name}`;
}

/** Validates and runs one tool call. Never throws: every problem becomes an `isError` result for the model. */
export async function runTool(name: string, input: unknown, ctx: ToolContext): Promise<ToolResult> {
  const offered = ctx.allowedTools ?? ALL_TOOL_NAMES;
  if (!isToolName(name) || !offered.includes(name)) {
    return failure(
      `There is no tool named ${JSON.stringify(name)} available here. Available tools: ${offered.join(', ')}.`,
      `Unknown tool ${name}`,
    );
  }
  if (ctx.signal?.aborted) return failure('The run was cancelled before this tool ran.', `${name}: cancelled`);
  // Bounded before validation: nothing below may walk an input nested thousands of levels deep.
  const textProblem = toolInputProblem(input);
  const parsed = textProblem === undefined ? parseIfJson(input) : undefined;
  const problem = textProblem ?? toolInputProblem(parsed);
  if (problem !== undefined) return failure(oversizedInputMessage(name, problem), `${name}: input too deep or too large`);
  try {
    return await TOOLS[name].execute(parsed, ctx);
  } catch (error) {
    // Node's errors name full paths ("ELOOP: ... stat '/home/me/ws/a'"): the model gets workspace-relative ones only.
    const message = redactAbsolutePaths(error instanceof Error ? error.message : String(error), await workspaceRoots(ctx));
    return failure(`${name} failed unexpectedly: ${message}`, `${name}: internal error`);
  }
}

/** The workspace root as given and as resolved (a temp folder or a symlinked checkout differs). */
async function workspaceRoots(ctx: ToolContext): Promise<string[]> {
  const real = await ctx.workspace.realPath('').catch(() => undefined);
  return real && real !== ctx.workspace.root ? [ctx.workspace.root, real] : [ctx.workspace.root];
}

/** Some clients hand over the raw JSON text of the input; accept it as if parsed. */
function parseIfJson(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}
