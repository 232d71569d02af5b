// The Backend Tasks view driven as a user drives it, in headless Chromium on the offline host: open the PRP
// with Quick Open, plan it from the command palette, tick a task's checkbox, reload the window (a new
// extension host) and find the plan and the tick still there. The tests run in order on one window.
import * as assert from 'node:assert/strict';
import { BackendTasksView } from './backendTasksView';
import { extensionHostProcesses, quickOpen, reloadWindow, runCommand, waitForValue } from './workbenchDriver';
import { keepScreenshot, useWorkbenchSession } from './workbenchSession';

const PHASES = ['Analysis 0/1', 'Implementation 0/7', 'Review 0/2', 'Documentation 0/1', 'Validation 0/4'];
const IMPLEMENTATION_TASKS = [
  'Task 1: Create src/db/migrations/002_users.sql',
  'Task 2: Create src/config/auth.ts',
  'Task 3: Create src/services/authService.ts',
  'Task 4: Create src/middleware/requireAuth.ts',
  'Task 5: Create src/routes/auth.ts',
  'Task 6: Modify src/app.ts and src/services/noteService.ts',
  'Task 7: Create test/auth.test.ts',
];
const TASK_1 = IMPLEMENTATION_TASKS[0];
const TOTAL = 15;

describe('Backend Tasks e2e: plan, tick, reload', function () {
  this.timeout(5 * 60_000);
  const session = useWorkbenchSession({ name: 'tasks' });
  let view: BackendTasksView;

  before(() => {
    view = new BackendTasksView(session.page);
  });

  it('plans PRPs/auth-api.md from the command palette into phases, tasks and a 0/15 badge', async () => {
    const { page } = session;
    await quickOpen(page, 'auth-api.md', 'PRPs');
    await runCommand(page, 'Dev Backend: Plan Backend Tasks');

    // The command reveals the view: the user sees the tree without clicking anything.
    await view.waitForTask(TASK_1, 'Pending');
    await view.waitForBadge(TOTAL, `0/${TOTAL}`);
    await view.waitForRowCount(PHASES.length + TOTAL);
    const rows = await view.rowLabels();
    assert.deepEqual(rows.filter((label) => !label.endsWith(', Pending')), PHASES, 'phase rows, in order, each with done/total');
    const implementation = rows.slice(rows.indexOf('Implementation 0/7') + 1, rows.indexOf('Review 0/2'));
    assert.deepEqual(implementation, IMPLEMENTATION_TASKS.map((task) => `${task}, Pending`), 'the PRP\'s tasks under Implementation');
    assert.equal(rows.filter((label) => label.endsWith(', Pending')).length, TOTAL, 'every task pending');
    assert.equal(await view.taskCheckbox(TASK_1).getAttribute('aria-checked'), 'false');
  });

  it('ticking a task\'s checkbox marks it done and moves the progress to 1/15', async () => {
    await view.taskCheckbox(TASK_1).click();

    const row = await view.waitForTask(TASK_1, 'Done');
    assert.equal(await view.taskCheckbox(TASK_1).getAttribute('aria-checked'), 'true');
    assert.equal(await row.locator('.custom-view-tree-node-item-icon.codicon-pass-filled').count(), 1, 'the done icon');
    await view.waitForPhase('Implementation', '1/7');
    await view.waitForBadge(TOTAL - 1, `1/${TOTAL}`);
    await view.waitForTask(IMPLEMENTATION_TASKS[1], 'Pending'); // only the clicked task changed

    // At the default side-bar width the progress is seen: in the header, uncut, and in the message above the tree.
    const header = await view.header();
    assert.match(header.text, /Tasks 1\/15/i, `the side bar header: ${header.text}`);
    assert.equal(header.cut, false, `the side bar header is cut: ${header.text}`);
    await view.waitForMessage(`auth-api.md: 1 of ${TOTAL} tasks done.`);
    await keepScreenshot(session.page, 'tasks-tree-progress-default-width');
  });

  it('after Developer: Reload Window (a new extension host) the plan is back with the task still ticked', async () => {
    const { page, server } = session;
    const before = extensionHostProcesses(server.output()).filter((p) => !p.exited);
    assert.equal(before.length, 1, `one live extension host before the reload: ${JSON.stringify(before)}`);

    await reloadWindow(page);
    const hosts = await waitForValue(
      () => extensionHostProcesses(server.output()),
      (all) => all.some((p) => p.pid === before[0].pid && p.exited) && all.some((p) => p.pid !== before[0].pid && !p.exited),
      'the old extension host to exit and a new one to start',
    );

    // Nothing was planned again: what shows comes from the new host reading the stored plan.
    await view.show();
    await view.waitForTask(TASK_1, 'Done');
    assert.equal(await view.taskCheckbox(TASK_1).getAttribute('aria-checked'), 'true');
    await view.waitForPhase('Implementation', '1/7');
    await view.waitForBadge(TOTAL - 1, `1/${TOTAL}`);
    await view.waitForRowCount(PHASES.length + TOTAL);
    const rows = await view.rowLabels();
    assert.equal(rows.filter((label) => label.endsWith(', Pending')).length, TOTAL - 1, `the other tasks are pending: ${rows.join(' | ')}`);
    assert.equal(hosts.filter((p) => !p.exited).length, 1, 'one live extension host after the reload');
  });

  it('unticking it after the reload makes it pending again (the restored tree is live)', async () => {
    await view.taskCheckbox(TASK_1).click();
    await view.waitForTask(TASK_1, 'Pending');
    assert.equal(await view.taskCheckbox(TASK_1).getAttribute('aria-checked'), 'false');
    await view.waitForPhase('Implementation', '0/7');
    await view.waitForBadge(TOTAL, `0/${TOTAL}`);
  });
});
