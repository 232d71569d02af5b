import * as assert from 'node:assert/strict';
import { activeFormOf, gerund } from '../../../src/core/plan/activeForm';
import { formatPlanMarkdown } from '../../../src/core/report/planMarkdown';
import type { Plan } from '../../../src/core/plan/todo';
import { todoId, todoKey, uniqueId } from '../../../src/core/plan/todoId';

describe('todo text', () => {
  it('derives the active form', () => {
    assert.equal(gerund('create'), 'creating');
    assert.equal(gerund('run'), 'running');
    assert.equal(gerund('tie'), undefined);
    assert.equal(activeFormOf('Create src/auth.ts'), 'Creating src/auth.ts');
    assert.equal(activeFormOf('Task 2: Set up pytest'), 'Task 2: Setting up pytest');
    assert.equal(activeFormOf('Task 2: Setup UV and pytest'), 'Task 2: Setting up UV and pytest');
    assert.equal(activeFormOf('Validate level 1: Syntax'), 'Validating level 1: Syntax');
    assert.equal(activeFormOf('add tests'), 'adding tests');
    assert.equal(activeFormOf('タスク1: 通知'), 'Working on タスク1: 通知');
  });

  it('makes stable ids from content', () => {
    assert.match(todoId('Create src/auth.ts'), /^t-[0-9a-f]{12}$/);
    assert.equal(todoId('Create src/auth.ts'), todoId('  create SRC/auth.ts!'));
    assert.notEqual(todoId('Create src/auth.ts'), todoId('Create src/auth.js'));
    assert.equal(todoKey('Task 1: Create  X'), 'task 1 create x');
    const taken = new Set<string>();
    assert.deepEqual([uniqueId('t-1', taken), uniqueId('t-1', taken), uniqueId('t-1', taken)], ['t-1', 't-1-2', 't-1-3']);
  });

  it('formats a plan as a markdown checklist', () => {
    const plan: Plan = {
      prpPath: 'PRPs/x.md',
      title: 'X',
      todos: [
        { id: '1', content: 'Analyze', activeForm: 'Analyzing', status: 'completed', phase: 'Analysis', source: { line: 1 } },
        { id: '2', content: 'Task 1: Create src/a.ts', activeForm: 'Task 1: Creating src/a.ts', status: 'in_progress', phase: 'Implementation', source: { line: 9 }, files: ['src/a.ts', 'src/b.ts'] },
        { id: '3', content: 'Extra', activeForm: 'Working on Extra', status: 'pending' },
      ],
    };
    assert.equal(
      formatPlanMarkdown(plan),
      [
        '# X',
        '',
        'PRP: PRPs/x.md · 1/3 done',
        '',
        '## Analysis',
        '- [x] Analyze (line 1)',
        '',
        '## Implementation',
        '- [-] Task 1: Create src/a.ts (`src/b.ts`; in progress; line 9)',
        '',
        '## Other',
        '- [ ] Extra',
        '',
      ].join('\n'),
    );
  });
});
