import * as assert from 'node:assert/strict';
import {
  carryOverStatuses,
  currentTodo,
  isPlanComplete,
  openTodos,
  planProgress,
  replaceTodos,
  setTodoStatus,
  todoItemProblems,
  type TodoInput,
} from '../../../src/core/plan/planOps';
import type { Plan, TodoStatus } from '../../../src/core/plan/todo';
import { todoId } from '../../../src/core/plan/todoId';

function plan(): Plan {
  return {
    prpPath: 'PRPs/auth-api.md',
    title: 'Auth',
    todos: [
      { id: 'a', content: 'Analyze the PRP', activeForm: 'Analyzing the PRP', status: 'completed', phase: 'Analysis', source: { line: 1 } },
      { id: 'b', content: 'Task 1: Create src/db.sql', activeForm: 'Task 1: Creating src/db.sql', status: 'in_progress', phase: 'Implementation', source: { line: 82 }, files: ['src/db.sql'], details: ['CREATE src/db.sql'] },
      { id: 'c', content: 'Task 2: Create src/auth.ts', activeForm: 'Task 2: Creating src/auth.ts', status: 'pending', phase: 'Implementation', source: { line: 88 }, files: ['src/auth.ts'] },
      { id: 'd', content: 'Validate level 1: Lint', activeForm: 'Validating level 1: Lint', status: 'pending', phase: 'Validation', source: { line: 138 } },
    ],
  };
}

const item = (content: string, status: TodoStatus, activeForm?: string): TodoInput => ({ content, status, activeForm });

describe('plan operations', () => {
  describe('replaceTodos (TodoWrite semantics)', () => {
    it('replaces the whole list, keeping ids, phases, sources, files and details of matching content', () => {
      const next = replaceTodos(plan(), [
        item('Task 1: Create src/db.sql', 'completed', 'Task 1: Creating src/db.sql'),
        item('task 2 -- create SRC/auth.ts', 'in_progress', 'Creating auth'),
        item('Validate level 1: Lint', 'pending', 'Validating level 1: Lint'),
      ]);
      assert.deepEqual(next.todos, [
        { id: 'b', content: 'Task 1: Create src/db.sql', activeForm: 'Task 1: Creating src/db.sql', status: 'completed', phase: 'Implementation', source: { line: 82 }, files: ['src/db.sql'], details: ['CREATE src/db.sql'] },
        { id: 'c', content: 'task 2 -- create SRC/auth.ts', activeForm: 'Creating auth', status: 'in_progress', phase: 'Implementation', source: { line: 88 }, files: ['src/auth.ts'] },
        { id: 'd', content: 'Validate level 1: Lint', activeForm: 'Validating level 1: Lint', status: 'pending', phase: 'Validation', source: { line: 138 } },
      ]);
      assert.equal(next.prpPath, 'PRPs/auth-api.md');
      assert.equal(next.title, 'Auth');
    });

    it('gives new todos a content id and the phase of their neighbour', () => {
      const next = replaceTodos(plan(), [
        item('Sketch the schema', 'completed'),
        item('Task 1: Create src/db.sql', 'completed'),
        item('Add an index on user_id', 'pending', 'Adding the index'),
        item('Validate level 1: Lint', 'pending'),
      ]);
      assert.deepEqual(next.todos.map((t) => [t.id, t.phase, t.activeForm]), [
        [todoId('Sketch the schema'), 'Implementation', 'Working on Sketch the schema'],
        ['b', 'Implementation', 'Task 1: Creating src/db.sql'],
        [todoId('Add an index on user_id'), 'Implementation', 'Adding the index'],
        ['d', 'Validation', 'Validating level 1: Lint'],
      ]);
    });

    it('leaves todos without a phase when nothing has one', () => {
      const bare: Plan = { prpPath: 'x.md', title: 'x', todos: [] };
      const next = replaceTodos(bare, [item('Write code', 'pending'), item('Test it', 'pending')]);
      assert.deepEqual(next.todos.map((t) => [t.content, t.phase, t.activeForm]), [
        ['Write code', undefined, 'Writing code'],
        ['Test it', undefined, 'Testing it'],
      ]);
    });

    it('keeps only the first in_progress when several are sent; the others become pending', () => {
      const next = replaceTodos(plan(), [item('One', 'in_progress'), item('Two', 'in_progress'), item('Three', 'in_progress')]);
      assert.deepEqual(next.todos.map((t) => [t.content, t.status]), [
        ['One', 'in_progress'],
        ['Two', 'pending'],
        ['Three', 'pending'],
      ]);
    });

    it('matches by id first, then content; duplicates get distinct ids; bad items are repaired', () => {
      const next = replaceTodos(plan(), [
        { id: 'c', content: 'Create the auth module', status: 'completed' },
        item('Same', 'pending'),
        item('same!', 'pending'),
        item('   ', 'pending'),
        { content: 'Odd status', status: 'done' as TodoStatus },
      ]);
      assert.deepEqual(next.todos.map((t) => [t.id, t.content, t.status, t.activeForm]), [
        ['c', 'Create the auth module', 'completed', 'Creating the auth module'],
        [todoId('Same'), 'Same', 'pending', 'Working on Same'],
        [`${todoId('Same')}-2`, 'same!', 'pending', 'Working on same!'],
        [todoId('Odd status'), 'Odd status', 'pending', 'Working on Odd status'],
      ]);
    });

    it('an empty list empties the plan, which is then not complete', () => {
      const next = replaceTodos(plan(), []);
      assert.deepEqual(next.todos, []);
      assert.equal(isPlanComplete(next), false);
    });

    it('does not change the plan it was given', () => {
      const before = plan();
      const snapshot = JSON.stringify(before);
      replaceTodos(before, [item('Task 1: Create src/db.sql', 'completed'), item('New', 'in_progress')]);
      assert.equal(JSON.stringify(before), snapshot);
    });
  });

  describe('setTodoStatus', () => {
    it('starting a todo moves the other in_progress one back to pending', () => {
      const next = setTodoStatus(plan(), 'c', 'in_progress');
      assert.deepEqual(next.todos.map((t) => t.status), ['completed', 'pending', 'in_progress', 'pending']);
      assert.equal(currentTodo(next)?.id, 'c');
    });

    it('completing or resetting touches only that todo', () => {
      assert.deepEqual(setTodoStatus(plan(), 'b', 'completed').todos.map((t) => t.status), ['completed', 'completed', 'pending', 'pending']);
      assert.deepEqual(setTodoStatus(plan(), 'a', 'pending').todos.map((t) => t.status), ['pending', 'in_progress', 'pending', 'pending']);
    });

    it('returns the same plan for an unknown id or an unchanged status', () => {
      const p = plan();
      assert.equal(setTodoStatus(p, 'nope', 'completed'), p);
      assert.equal(setTodoStatus(p, 'c', 'pending'), p);
    });
  });

  it('knows progress, open todos and completion', () => {
    let p = plan();
    assert.deepEqual(planProgress(p), { completed: 1, total: 4 });
    assert.deepEqual(openTodos(p).map((t) => t.id), ['b', 'c', 'd']);
    assert.equal(isPlanComplete(p), false);
    for (const id of ['b', 'c', 'd']) p = setTodoStatus(p, id, 'completed');
    assert.deepEqual(planProgress(p), { completed: 4, total: 4 });
    assert.deepEqual(openTodos(p), []);
    assert.equal(isPlanComplete(p), true);
  });

  it('carries statuses over to a re-plan of the same PRP', () => {
    const previous = setTodoStatus(plan(), 'c', 'completed');
    const fresh: Plan = { ...plan(), todos: plan().todos.map((t) => ({ ...t, status: 'pending' as const })) };
    assert.deepEqual(carryOverStatuses(previous, fresh).todos.map((t) => t.status), ['completed', 'in_progress', 'completed', 'pending']);
    assert.equal(carryOverStatuses(undefined, fresh), fresh);
  });

  it('explains what is wrong with a TodoWrite list', () => {
    assert.deepEqual(todoItemProblems([item('A', 'pending')]), []);
    assert.deepEqual(
      todoItemProblems([item('A', 'in_progress'), item(' a ', 'in_progress'), item('', 'pending'), { content: 'B', status: 'doing' as TodoStatus }]),
      [
        'Items 1 and 2 have the same content; merge them into one todo.',
        'Item 3 has empty content; every todo needs a short imperative description.',
        'Item 4 has status "doing"; use pending, in_progress or completed.',
        '2 todos are in_progress ("A", " a "); keep exactly one in_progress and set the others to pending.',
      ],
    );
  });
});
