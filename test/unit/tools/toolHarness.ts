// A ToolContext over a temp workspace, recording todo_write calls.
import { ChangeSet } from '../../../src/core/changes/changeSet';
import type { TodoWriteItem, ToolContext, ToolName } from '../../../src/core/tools';
import type { TempWorkspace } from '../workspace/tempWorkspace';

export interface Harness {
  ctx: ToolContext;
  todoCalls: TodoWriteItem[][];
}

export function makeContext(
  tmp: TempWorkspace,
  options: { allowSecretFiles?: boolean; todoId?: string; allowedTools?: readonly ToolName[]; signal?: AbortSignal } = {},
): Harness {
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
  };
  return { ctx, todoCalls };
}
