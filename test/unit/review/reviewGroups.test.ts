import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ChangeEntry } from '../../../src/core/changes/changeEntry';
import { landingOf, todosFullyLanded } from '../../../src/core/changes/changeLanding';
import { groupChangesByTask, OTHER_CHANGES_LABEL, taskLabel } from '../../../src/core/changes/reviewGroups';
import type { Plan } from '../../../src/core/plan/todo';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function edit(path: string, base: string, content: string, todoIds: string[] = []): ChangeEntry {
  return { path, kind: 'edit', baseHash: sha(base), baseContent: base, content, todoIds };
}
function create(path: string, content: string, todoIds: string[] = []): ChangeEntry {
  return { path, kind: 'create', baseHash: null, content, todoIds };
}
function remove(path: string, base: string, todoIds: string[] = []): ChangeEntry {
  return { path, kind: 'delete', baseHash: sha(base), baseContent: base, todoIds };
}

const PLAN: Plan = {
  prpPath: 'PRPs/auth.md',
  title: 'Auth',
  todos: [
    { id: 'read', content: 'Read the codebase', activeForm: 'Reading', status: 'completed' },
    { id: 'mw', content: 'Create auth middleware', activeForm: 'Creating', status: 'completed' },
    { id: 'routes', content: 'Add  login\n route', activeForm: 'Adding', status: 'in_progress' },
  ],
};

describe('groupChangesByTask', () => {
  it('labels groups "Task N: content" in plan order, paths sorted, others last', () => {
    const groups = groupChangesByTask(
      [
        create('src/routes/login.ts', 'x', ['routes']),
        create('src/z.ts', 'x', ['mw']),
        create('src/a.ts', 'x', ['mw', 'routes']),
        create('notes.txt', 'x', []),
        create('other.ts', 'x', ['not-in-plan']),
      ],
      PLAN,
    );
    assert.deepEqual(
      groups.map((g) => [g.label, g.todoId, g.entries.map((e) => e.path)]),
      [
        ['Task 2: Create auth middleware', 'mw', ['src/a.ts', 'src/z.ts']],
        ['Task 3: Add login route', 'routes', ['src/routes/login.ts']],
        [OTHER_CHANGES_LABEL, undefined, ['notes.txt', 'other.ts']],
      ],
    );
  });

  it('uses the first todo the plan knows', () => {
    const [group] = groupChangesByTask([create('a.ts', 'x', ['gone', 'routes'])], PLAN);
    assert.equal(group?.label, 'Task 3: Add login route');
  });

  it('puts everything under "Other changes" without a plan', () => {
    const groups = groupChangesByTask([create('a.ts', 'x', ['mw'])], undefined);
    assert.deepEqual(groups.map((g) => g.label), [OTHER_CHANGES_LABEL]);
  });

  it('taskLabel says a todo the PRP numbered once: no "Task 2: Task 1: ..."', () => {
    assert.equal(taskLabel(2, 'Task 1: Create src/db/migrations/002_users.sql'), 'Task 1: Create src/db/migrations/002_users.sql');
    assert.equal(taskLabel(5, 'Step 3 - wire the routes'), 'Step 3 - wire the routes');
    assert.equal(taskLabel(5, '3. Wire the routes'), 'Wire the routes'.replace(/^/, '3. '));
    assert.equal(taskLabel(5, 'Tasks overview'), 'Task 5: Tasks overview', 'a word that starts like "task" is not a number');
  });

  it('taskLabel copes with empty content', () => {
    assert.equal(taskLabel(4, '  '), 'Task 4');
  });
});

describe('landingOf', () => {
  const base = 'a\nb\nc\n';
  const content = 'a\nB\nc\nd\n';
  const file = (text: string) => ({ exists: true as const, hash: sha(text), text });

  it('an edit: landed, untouched, partial, diverged', () => {
    const entry = edit('f.ts', base, content);
    assert.equal(landingOf(entry, file(content)), 'landed');
    assert.equal(landingOf(entry, file(content.replace(/\n/g, '\r\n'))), 'landed');
    assert.equal(landingOf(entry, file(base)), 'untouched');
    assert.equal(landingOf(entry, file('a\nB\nc\n')), 'partial');
    assert.equal(landingOf(entry, file('user\n')), 'diverged');
    assert.equal(landingOf(entry, { exists: false }), 'diverged');
  });

  it('a create: landed, untouched (unchecked), diverged (someone else made the file)', () => {
    const entry = create('n.ts', 'new\n');
    assert.equal(landingOf(entry, file('new\n')), 'landed');
    assert.equal(landingOf(entry, { exists: false }), 'untouched');
    assert.equal(landingOf(entry, file('theirs\n')), 'diverged');
  });

  it('a delete: landed when gone, untouched when still the same', () => {
    const entry = remove('old.ts', base);
    assert.equal(landingOf(entry, { exists: false }), 'landed');
    assert.equal(landingOf(entry, file(base)), 'untouched');
    assert.equal(landingOf(entry, file('changed\n')), 'diverged');
  });

  it('a binary file is never judged landed by text', () => {
    const entry = edit('img.bin', base, content);
    assert.equal(landingOf(entry, { exists: true, hash: 'f'.repeat(64), text: undefined }), 'diverged');
  });
});

describe('todosFullyLanded', () => {
  it('marks a todo only when none of its entries is still staged', () => {
    const landed = [create('a.ts', 'x', ['t1', 't2']), create('b.ts', 'x', ['t3'])];
    const staged = [create('c.ts', 'x', ['t2'])];
    assert.deepEqual(todosFullyLanded(landed, staged), ['t1', 't3']);
  });

  it('is empty when nothing landed', () => {
    assert.deepEqual(todosFullyLanded([], [create('c.ts', 'x', ['t1'])]), []);
  });
});
