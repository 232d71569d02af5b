// The PRP's tasks as the frame of the checklist while the model rewrites its todos.
import * as assert from 'node:assert/strict';
import type { Plan, Todo } from '../../../src/core/plan/todo';
import { DROPPED_NOTE, keepPlanFrame } from '../../../src/core/plan/planFrame';

function prpTodo(id: string, content: string, phase: string, line: number, files?: string[]): Todo {
  return { id, content, activeForm: content, status: 'pending', phase, source: { line }, ...(files ? { files } : {}) };
}
function modelTodo(id: string, content: string, status: Todo['status']): Todo {
  return { id, content, activeForm: `${content}...`, status };
}

const frame: Plan = {
  prpPath: 'PRPs/auth-api.md',
  title: 'Auth',
  todos: [
    prpTodo('analyze', 'Analyze the PRP', 'Analysis', 3),
    prpTodo('t1', 'Task 1: Create src/db/migrations/002_users.sql', 'Implementation', 40, ['src/db/migrations/002_users.sql']),
    prpTodo('t2', 'Task 2: Create src/config/auth.ts', 'Implementation', 50, ['src/config/auth.ts']),
    prpTodo('t3', 'Task 3: Create src/services/authService.ts', 'Implementation', 60, ['src/services/authService.ts']),
    prpTodo('v1', 'Validate level 1: Syntax & Style', 'Validation', 90),
  ],
};

describe('keepPlanFrame', () => {
  it('keeps the PRP tasks the model dropped (not done, with a note), matches renamed ones, files new ones under their phase', () => {
    const next: Plan = {
      ...frame,
      todos: [
        modelTodo('analyze', 'Analyze the PRP', 'completed'),
        { ...modelTodo('users', 'Write the users migration', 'completed'), files: ['src/db/migrations/002_users.sql'] },
        modelTodo('jwt-helper', 'Add a JWT helper module', 'in_progress'),
      ],
    };
    const shown = keepPlanFrame(frame, next);
    assert.deepEqual(
      shown.todos.map((t) => [t.content, t.status, t.phase]),
      [
        ['Analyze the PRP', 'completed', 'Analysis'],
        ['Task 1: Create src/db/migrations/002_users.sql', 'completed', 'Implementation'],
        ['Task 2: Create src/config/auth.ts', 'pending', 'Implementation'],
        ['Task 3: Create src/services/authService.ts', 'pending', 'Implementation'],
        ['Validate level 1: Syntax & Style', 'pending', 'Validation'],
        // New: in the phase of the todo it followed in the model's list (the tree groups by phase).
        ['Add a JWT helper module', 'in_progress', 'Implementation'],
      ],
    );
    const renamed = shown.todos[1];
    assert.equal(renamed.id, 'users', 'a renamed task goes by the model id (its staged changes carry it)');
    assert.deepEqual(renamed.source, { line: 40 }, 'and keeps its PRP line');
    assert.equal(shown.todos[2].details?.[0], DROPPED_NOTE);
    assert.equal(shown.todos[1].details, undefined);
  });

  it('is stable over the next todo_write, and a task the model takes up again loses its note', () => {
    const first = keepPlanFrame(frame, { ...frame, todos: [modelTodo('analyze', 'Analyze the PRP', 'in_progress')] });
    const second = keepPlanFrame(first, { ...frame, todos: [modelTodo('analyze', 'Analyze the PRP', 'completed'), modelTodo('t2', 'Task 2: Create src/config/auth.ts', 'in_progress')] });
    assert.deepEqual(second.todos.map((t) => t.id), ['analyze', 't1', 't2', 't3', 'v1']);
    assert.equal(second.todos.find((t) => t.id === 't2')?.details, undefined);
    assert.equal(second.todos.find((t) => t.id === 't1')?.details?.[0], DROPPED_NOTE);
    assert.equal(second.todos.filter((t) => t.details?.[0] === DROPPED_NOTE).length, 3);
  });

  it('changes nothing when the model keeps the list', () => {
    const next: Plan = { ...frame, todos: frame.todos.map((t) => ({ ...t, status: 'completed' })) };
    assert.deepEqual(keepPlanFrame(frame, next), next);
  });
});
