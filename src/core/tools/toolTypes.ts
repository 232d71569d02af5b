// What every tool is: a schema (sent to the model, validated at run time, typing the handler), a progress
// label, and a handler over the ChangeSet overlay.
import type { ChangeSet } from '../changes/changeSet';
import type { CommandRunner } from '../commands/commandRunner';
import type { ToolSpec } from '../llm/modelClient';
import type { TodoStatus } from '../plan/todo';
import type { StagedChangeInfo } from '../changes/changeEntry';
import type { SearchEngine } from '../search/searchEngine';
import type { Workspace } from '../workspace/workspace';
import { type InputOf, type ObjectSchema, toJsonSchema, validateInput } from './toolSchema';

/** The tool contract's names; part of the product's interface. */
export type ToolName = 'todo_write' | 'read_file' | 'list_files' | 'search' | 'write_file' | 'edit_file' | 'run_command';

/** One item of a `todo_write` call, as the model sends it. */
export interface TodoWriteItem {
  content: string;
  status: TodoStatus;
  activeForm: string;
}

/** A `todo_write` list applied (`message` for the model) or refused, the plan unchanged (`error` for the model). */
export type TodoWriteOutcome = { ok: true; message: string } | { ok: false; error: string };

/** What a handler may use. The run builds one per call. */
export interface ToolContext {
  changes: ChangeSet;
  workspace: Workspace;
  /** The in_progress todo; recorded on staged changes. */
  todoId?: string;
  /** Let the model read files that look like secrets (`.env*`, keys). */
  allowSecretFiles: boolean;
  /** Applies a `todo_write` list to the Plan: the text given back to the model, or why the list was refused. */
  onTodoWrite(todos: TodoWriteItem[]): TodoWriteOutcome;
  signal?: AbortSignal;
  /** Lists and searches the disk files (search, list_files); the in-process workspace scan when unset. */
  searchEngine?: SearchEngine;
  /** Runs run_command calls; absent when commands are off (the tool is then not offered). */
  commands?: CommandRunner;
  /** When set, any other tool is refused (the agent file's allow-list). */
  allowedTools?: readonly ToolName[];
}

export interface ToolResult {
  /** Sent to the model as the tool_result. */
  content: string;
  isError: boolean;
  /** Short, for logs and progress: "Read src/app.ts (120 lines)". */
  summary: string;
  staged?: StagedChangeInfo;
  /** Further staged changes (a command can change many files). */
  alsoStaged?: StagedChangeInfo[];
}

/** A tool with its types erased, as the registry holds it. */
export interface ToolDefinition {
  readonly name: ToolName;
  readonly spec: ToolSpec;
  /** Progress label for a call: "Reading src/app.ts". Never throws, even on bad input. */
  describe(input: unknown): string;
  /** Validates the input against the schema, then runs the handler. */
  execute(input: unknown, ctx: ToolContext): Promise<ToolResult>;
}

export interface ToolDeclaration<S extends ObjectSchema> {
  name: ToolName;
  description: string;
  input: S;
  /** Used by `describe` when the input is not valid (yet). */
  label: string;
  describe(input: InputOf<S>): string;
  run(input: InputOf<S>, ctx: ToolContext): Promise<ToolResult>;
}

export function defineTool<S extends ObjectSchema>(declaration: ToolDeclaration<S>): ToolDefinition {
  return {
    name: declaration.name,
    spec: { name: declaration.name, description: declaration.description, inputSchema: toJsonSchema(declaration.input) },
    describe(input) {
      const checked = validateInput(declaration.input, input);
      return checked.ok ? declaration.describe(checked.value) : declaration.label;
    },
    async execute(input, ctx) {
      const checked = validateInput(declaration.input, input);
      if (!checked.ok) {
        return failure(
          `Invalid input for ${declaration.name}: ${checked.problems.join('; ')}. Fix the call to match the tool's schema and try again.`,
          `${declaration.name}: invalid input`,
        );
      }
      return declaration.run(checked.value, ctx);
    },
  };
}

export function success(content: string, summary: string, staged?: StagedChangeInfo): ToolResult {
  return { content, isError: false, summary, ...(staged ? { staged } : {}) };
}

export function failure(content: string, summary: string): ToolResult {
  return { content, isError: true, summary };
}
