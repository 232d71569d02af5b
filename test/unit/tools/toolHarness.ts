// A ToolContext over a temp workspace, recording todo_write calls.
import { ChangeSet } from '../../../src/core/changes/changeSet';
import { RipgrepEngine } from '../../../src/core/search/ripgrepEngine';
import { ripgrepOnPath } from '../../../src/core/search/ripgrepLocator';
import type { SearchEngine } from '../../../src/core/search/searchEngine';
import type { TodoWriteItem, ToolContext, ToolName } from '../../../src/core/tools';
import type { TempWorkspace } from '../workspace/tempWorkspace';

export interface Harness {
  ctx: ToolContext;
  todoCalls: TodoWriteItem[][];
}

/** The engines every search and list_files test runs against, expecting the same answers. */
export const ENGINES = ['workspace scan', 'ripgrep'] as const;
export type EngineName = (typeof ENGINES)[number];

/** The ripgrep of PATH (Debian's `ripgrep`; `.ci/run` installs it): its absence fails the tests, not skips them. */
export function ripgrepForTests(): string {
  const rg = ripgrepOnPath(process.env);
  if (!rg) throw new Error('ripgrep (rg) is not on PATH; install it (Debian: apt-get install ripgrep)');
  return rg;
}

export function engineFor(name: EngineName, tmp: TempWorkspace, timeLimitMs?: number): SearchEngine | undefined {
  return name === 'ripgrep' ? new RipgrepEngine({ binary: ripgrepForTests(), root: tmp.root, timeLimitMs }) : undefined;
}

export function makeContext(
  tmp: TempWorkspace,
  options: {
    allowSecretFiles?: boolean;
    todoId?: string;
    allowedTools?: readonly ToolName[];
    signal?: AbortSignal;
    engine?: EngineName;
    timeLimitMs?: number;
  } = {},
): Harness {
  const searchEngine = options.engine && engineFor(options.engine, tmp, options.timeLimitMs);
  const todoCalls: TodoWriteItem[][] = [];
  const ctx: ToolContext = {
    changes: new ChangeSet(tmp.workspace),
    workspace: tmp.workspace,
    allowSecretFiles: options.allowSecretFiles ?? false,
    onTodoWrite: (todos) => {
      todoCalls.push(todos);
      return { ok: true, message: `Plan updated: ${todos.length} tasks.` };
    },
    ...(options.todoId !== undefined ? { todoId: options.todoId } : {}),
    ...(options.allowedTools ? { allowedTools: options.allowedTools } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(searchEngine ? { searchEngine } : {}),
  };
  return { ctx, todoCalls };
}
