import * as assert from 'node:assert/strict';
import { PHASES, planFromPrp, taskContent } from '../../../src/core/plan/offlinePlanner';
import { parsePrp } from '../../../src/core/prp/prpParser';
import { parseFixture } from '../prp/fixtures';

describe('offline planner', () => {
  it('auth-api.md: analysis, the seven tasks, reviews, docs, the three levels and the checklist', () => {
    const plan = planFromPrp(parseFixture('auth-api.md'), 'PRPs/auth-api.md');
    assert.equal(plan.prpPath, 'PRPs/auth-api.md');
    assert.equal(plan.title, 'JWT authentication for the notes API');
    assert.deepEqual(plan.todos.map((t) => [t.phase, t.content, t.source?.line]), [
      ['Analysis', 'Analyze the PRP and the code it references', 1],
      ['Implementation', 'Task 1: Create src/db/migrations/002_users.sql', 82],
      ['Implementation', 'Task 2: Create src/config/auth.ts', 88],
      ['Implementation', 'Task 3: Create src/services/authService.ts', 93],
      ['Implementation', 'Task 4: Create src/middleware/requireAuth.ts', 99],
      ['Implementation', 'Task 5: Create src/routes/auth.ts', 104],
      ['Implementation', 'Task 6: Modify src/app.ts and src/services/noteService.ts', 109],
      ['Implementation', 'Task 7: Create test/auth.test.ts', 119],
      ['Review', 'Review security: input validation, authorization, secrets and injection', undefined],
      ['Review', 'Review performance: queries, blocking calls and payload sizes', undefined],
      ['Documentation', 'Update the documentation for the change', undefined],
      ['Validation', 'Validate level 1: Syntax & Style', 138],
      ['Validation', 'Validate level 2: Unit Tests', 145],
      ['Validation', 'Validate level 3: Integration Test', 151],
      ['Validation', 'Go through the final validation checklist', 160],
    ]);
    assert.ok(plan.todos.every((t) => t.status === 'pending'));
    assert.equal(new Set(plan.todos.map((t) => t.id)).size, plan.todos.length);
    const task6 = plan.todos[6];
    assert.equal(task6.activeForm, 'Task 6: Modifying src/app.ts and src/services/noteService.ts');
    assert.deepEqual(task6.files, ['src/app.ts', 'src/services/noteService.ts']);
    assert.deepEqual(task6.details, [
      'MODIFY src/app.ts',
      '  FIND pattern: "app.use(\'/notes\'"',
      "  INJECT before it: app.use('/auth', authRouter)",
      '  WRAP notes router with requireAuth',
      'MODIFY src/services/noteService.ts',
      '  FILTER every query by user_id',
      '  PRESERVE existing method signatures, add userId as first parameter',
    ]);
    assert.deepEqual(plan.todos[11].details, ['npx tsc --noEmit', 'npx eslint src test']);
    assert.deepEqual(plan.todos[14].details, [
      'All tests pass: `npx vitest run`',
      'No type errors: `npx tsc --noEmit`',
      'No lint errors: `npx eslint src test`',
      'Error cases return JSON errors without stack traces',
      '`.env.example` documents every new variable',
    ]);
  });

  it('is deterministic: the same PRP always gives the same ids', () => {
    const a = planFromPrp(parseFixture('payment-webhooks.md'), 'p.md');
    const b = planFromPrp(parseFixture('payment-webhooks.md'), 'p.md');
    assert.deepEqual(a, b);
    assert.equal(a.todos.filter((t) => t.phase === PHASES.validation).length, 5);
  });

  it('adds a tests todo when no task writes tests, and names the success criteria in it', () => {
    const plan = planFromPrp(parseFixture('heading-tasks.md'), 'h.md');
    assert.deepEqual(plan.todos.map((t) => t.phase), ['Analysis', 'Implementation', 'Implementation', 'Implementation', 'Review', 'Review', 'Documentation', 'Validation']);
    const noTests = planFromPrp(parsePrp('## Tasks\nTask 1: CREATE src/a.ts\n### Success Criteria\n- [ ] a works\n'), 'a.md');
    const tests = noTests.todos.find((t) => t.phase === PHASES.tests);
    assert.equal(tests?.content, 'Write tests for the new behaviour');
    assert.deepEqual(tests?.details, ['a works']);
  });

  it('skips the documentation todo when a task already touches docs', () => {
    const plan = planFromPrp(parsePrp('## Tasks\nTask 1: CREATE src/a.ts\nTask 2: UPDATE docs/api.md\n'), 'a.md');
    assert.equal(plan.todos.some((t) => t.phase === PHASES.documentation), false);
  });

  it('a PRP with no readable tasks is planned from its feature sections', () => {
    const plan = planFromPrp(parseFixture('prose-no-tasks.md'), 'PRPs/dark.md');
    assert.deepEqual(plan.todos.map((t) => [t.phase, t.content]), [
      ['Analysis', 'Analyze the PRP and the code it references'],
      ['Implementation', 'Implement Theme tokens'],
      ['Implementation', 'Implement Settings toggle'],
      ['Tests', 'Write tests for the new behaviour'],
      ['Review', 'Review security: input validation, authorization, secrets and injection'],
      ['Review', 'Review performance: queries, blocking calls and payload sizes'],
      ['Documentation', 'Update the documentation for the change'],
      ['Validation', 'Validate level 1: Validation'],
    ]);
  });

  it('with no readable tasks, the PRP\'s own scaffolding (problem statement, metadata) is not planned as features', () => {
    const plan = planFromPrp(parsePrp('# Export\n## Problem Statement\nx\n## Metadata\n- owner: me\n## Requisitos\ny\n## CSV export\nz\n'), 'e.md');
    assert.deepEqual(plan.todos.filter((t) => t.phase === 'Implementation').map((t) => t.content), ['Implement CSV export']);
  });

  it('falls back to success criteria, then to the title, and names an untitled plan after its file', () => {
    const criteria = planFromPrp(parsePrp('## Goal\nx\n### Success Criteria\n- [ ] Users can log out\n'), 'PRPs/logout.md');
    assert.equal(criteria.title, 'logout.md');
    assert.deepEqual(criteria.todos.filter((t) => t.phase === 'Implementation').map((t) => t.content), ['Implement: Users can log out']);
    const empty = planFromPrp(parsePrp(''), 'C:\\prps\\empty.md');
    assert.equal(empty.title, 'empty.md');
    assert.deepEqual(empty.todos.map((t) => t.content), [
      'Analyze the PRP and the code it references',
      'Implement Untitled PRP',
      'Write tests for the new behaviour',
      'Review security: input validation, authorization, secrets and injection',
      'Review performance: queries, blocking calls and payload sizes',
      'Update the documentation for the change',
      "Run the project's build, lint and tests",
    ]);
  });

  it('words task todos by their label', () => {
    const base = { actions: [], details: [], files: [], line: 1 };
    assert.equal(taskContent({ ...base, number: 2, label: 'Task 2', title: 'Setup UV' }), 'Task 2: Setup UV');
    assert.equal(taskContent({ ...base, label: 'Task N', title: 'Anything' }), 'Task N: Anything');
    assert.equal(taskContent({ ...base, number: 1, label: '1.', title: 'Create data models' }), '1. Create data models');
    assert.equal(taskContent({ ...base, label: 'DELETE', title: 'Delete src/utils.py' }), 'Delete src/utils.py');
    assert.equal(taskContent({ ...base, number: 1, label: 'タスク1', title: '通知' }), 'タスク1: 通知');
  });
});
