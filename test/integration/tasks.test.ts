// The Backend Tasks view inside VS Code: Plan Backend Tasks on the sample PRP fills the tree, the item
// actions and checkboxes change statuses, and the plans come back from workspaceState.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Plan } from '../../src/core/plan/todo';
import type { DevBackendApi } from '../../src/vscode/api';
import type { Tasks } from '../../src/vscode/tasks';
import { applyCheckboxChanges } from '../../src/vscode/tasks/taskCommands';
import type { TaskNode } from '../../src/vscode/tasks/taskTreeProvider';

const EXTENSION_ID = 'dev-backend.dev-backend';
const AUTH_PRP = 'PRPs/auth-api.md';

async function api(): Promise<DevBackendApi> {
  const extension = vscode.extensions.getExtension<DevBackendApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the sample workspace open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function todoNode(tasks: Tasks, content: string): Extract<TaskNode, { kind: 'todo' }> {
  const node = tasks.taskTree.todoNodes().find((n) => n.kind === 'todo' && n.todo.content === content);
  assert.ok(node && node.kind === 'todo', `no todo "${content}" in the tree`);
  return node;
}

function statuses(tasks: Tasks): string[] {
  return (tasks.planStore.activePlan?.todos ?? []).map((t) => t.status);
}

describe('Backend Tasks (inside VS Code)', () => {
  let tasks: Tasks;
  let api_: DevBackendApi;

  before(async () => {
    api_ = await api();
    tasks = api_.tasks;
    tasks.planStore.clearAll();
    await tasks.planStore.flush();
  });

  after(async () => {
    tasks.planStore.clearAll();
    await tasks.planStore.flush();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Plan Backend Tasks on PRPs/auth-api.md fills the tree, grouped by phase', async () => {
    const plan = await vscode.commands.executeCommand<Plan | undefined>('devBackend.plan', workspaceUri(AUTH_PRP));
    assert.ok(plan, 'the command returned no plan');
    assert.equal(plan.prpPath, AUTH_PRP);
    assert.equal(tasks.planStore.activePlan?.prpPath, AUTH_PRP);

    const tree = tasks.taskTree;
    const phases = tree.getChildren();
    assert.deepEqual(phases.map((n) => label(tree.getTreeItem(n))), ['Analysis', 'Implementation', 'Review', 'Documentation', 'Validation']);
    assert.deepEqual(phases.map((n) => tree.getTreeItem(n).description), ['0/1', '0/7', '0/2', '0/1', '0/4']);

    const implementation = tree.getChildren(phases[1]).map((n) => tree.getTreeItem(n));
    // Short labels for the side bar (file names), the folders in the description; the full words for screen readers.
    assert.deepEqual(implementation.map(label), [
      'Task 1: Create 002_users.sql',
      'Task 2: Create auth.ts',
      'Task 3: Create authService.ts',
      'Task 4: Create requireAuth.ts',
      'Task 5: Create auth.ts',
      'Task 6: Modify app.ts and noteService.ts',
      'Task 7: Create auth.test.ts',
    ]);
    assert.deepEqual(implementation.map((i) => i.description), ['src/db/migrations', 'src/config', 'src/services', 'src/middleware', 'src/routes', 'src/services, src', 'test']);
    const task6 = implementation[5];
    assert.equal(task6.accessibilityInformation?.label, 'Task 6: Modify src/app.ts and src/services/noteService.ts, Pending');
    assert.equal(task6.contextValue, 'devBackend.todo.pending');
    assert.equal((task6.iconPath as vscode.ThemeIcon).id, 'circle-large-outline');
    assert.deepEqual(task6.checkboxState, { state: vscode.TreeItemCheckboxState.Unchecked, tooltip: 'Mark as done' });
    assert.equal(task6.command?.command, 'devBackend.task.open');
    const tooltip = task6.tooltip as vscode.MarkdownString;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.match(tooltip.value, /PRPs\/auth-api\.md:109/);
    assert.match(tooltip.value, /- MODIFY src\/app\.ts\n {4}- FIND pattern: "app\.use\('\/notes'"/);

    const validation = tree.getChildren(phases[4]).map((n) => tree.getTreeItem(n));
    // A gate row is its level and title under the Validation phase row; screen readers get the plan's words.
    assert.deepEqual(validation.map(label), ['1. Syntax & Style', '2. Unit Tests', '3. Integration Test', 'Go through the final validation checklist']);
    assert.equal(validation[0].accessibilityInformation?.label, 'Validate level 1: Syntax & Style, Pending');
    assert.equal(tasks.view.description, 'auth-api.md · 0/15');
    // Short enough for "Dev Backend: <title>" at the default side-bar width; the PRP's name (never capitalised) is in the message.
    assert.equal(tasks.view.title, 'Tasks 0/15');
    assert.equal(tasks.view.message, 'auth-api.md: 0 of 15 tasks done.');
    assert.deepEqual(tasks.view.badge, { value: 15, tooltip: 'JWT authentication for the notes API: 0/15 tasks done' });
  });

  it('Start, Mark Done and Reset change the item, with one todo in progress at a time', async () => {
    const tree = tasks.taskTree;
    const task1 = todoNode(tasks, 'Task 1: Create src/db/migrations/002_users.sql');
    const task2 = todoNode(tasks, 'Task 2: Create src/config/auth.ts');

    await vscode.commands.executeCommand('devBackend.task.start', task1);
    let item = tree.getTreeItem(todoNode(tasks, task1.todo.content));
    assert.equal(label(item), 'Task 1: Creating 002_users.sql');
    assert.equal(item.contextValue, 'devBackend.todo.in_progress');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'loading~spin');

    await vscode.commands.executeCommand('devBackend.task.start', task2.todo.id);
    assert.deepEqual(statuses(tasks).slice(1, 3), ['pending', 'in_progress']);

    await vscode.commands.executeCommand('devBackend.task.complete', task2);
    item = tree.getTreeItem(todoNode(tasks, task2.todo.content));
    assert.equal(item.contextValue, 'devBackend.todo.completed');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'pass-filled');
    assert.equal((item.checkboxState as { state: vscode.TreeItemCheckboxState }).state, vscode.TreeItemCheckboxState.Checked);
    assert.equal(tasks.view.description, 'auth-api.md · 1/15');
    assert.equal(tasks.view.title, 'Tasks 1/15');
    assert.equal(tasks.view.message, 'auth-api.md: 1 of 15 tasks done.');

    await vscode.commands.executeCommand('devBackend.task.reset', task2);
    assert.ok(statuses(tasks).every((s) => s === 'pending'));
  });

  it('a checkbox change marks the todo done and is saved in workspaceState', async () => {
    const node = todoNode(tasks, 'Task 3: Create src/services/authService.ts');
    applyCheckboxChanges(tasks.planStore, [[node, vscode.TreeItemCheckboxState.Checked]]);
    assert.equal(tasks.planStore.activePlan?.todos.find((t) => t.id === node.todo.id)?.status, 'completed');
    assert.equal(tasks.view.badge?.value, 14);
    await tasks.planStore.flush();

    // As after a window reload: a new store over the same workspaceState.
    const reopened = tasks.planStore.reopen();
    try {
      assert.deepEqual(reopened.activePlan, tasks.planStore.activePlan);
      assert.equal(reopened.activePlan?.todos.find((t) => t.id === node.todo.id)?.status, 'completed');
    } finally {
      reopened.dispose();
    }

    applyCheckboxChanges(tasks.planStore, [[todoNode(tasks, node.todo.content), vscode.TreeItemCheckboxState.Unchecked]]);
    assert.equal(tasks.planStore.activePlan?.todos.find((t) => t.id === node.todo.id)?.status, 'pending');
  });

  it('re-planning the same PRP keeps the statuses of unchanged todos', async () => {
    const node = todoNode(tasks, 'Task 5: Create src/routes/auth.ts');
    await vscode.commands.executeCommand('devBackend.task.complete', node);
    const plan = await vscode.commands.executeCommand<Plan | undefined>('devBackend.plan', workspaceUri(AUTH_PRP));
    assert.equal(plan?.todos.find((t) => t.id === node.todo.id)?.status, 'completed');
    await vscode.commands.executeCommand('devBackend.task.reset', node.todo.id);
  });

  it('clicking an item opens the PRP at the task line', async () => {
    await vscode.commands.executeCommand('devBackend.task.open', todoNode(tasks, 'Task 6: Modify src/app.ts and src/services/noteService.ts'));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    assert.equal(editor.document.uri.toString(), workspaceUri(AUTH_PRP).toString());
    assert.equal(editor.selection.active.line, 108);
    assert.match(editor.document.lineAt(108).text, /^Task 6:/);
  });

  it('plans the open editor text, unsaved edits included', async () => {
    const editor = await vscode.window.showTextDocument(workspaceUri(AUTH_PRP));
    const fenceEnd = editor.document.getText().split('\n').indexOf('  - COVER register, login, wrong password, refresh rotation, reuse detection, 401 on notes') + 1;
    const ok = await editor.edit((b) => b.insert(new vscode.Position(fenceEnd, 0), '\nTask 8:\nCREATE src/audit.ts:\n  - LOG every login\n'));
    assert.ok(ok && editor.document.isDirty);
    try {
      const plan = await vscode.commands.executeCommand<Plan | undefined>('devBackend.planActivePrp');
      assert.deepEqual(plan?.todos.filter((t) => t.phase === 'Implementation').map((t) => t.content).slice(-2), [
        'Task 7: Create test/auth.test.ts',
        'Task 8: Create src/audit.ts',
      ]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(editor.document.isDirty, false);
    await vscode.commands.executeCommand('devBackend.plan', workspaceUri(AUTH_PRP));
  });

  it('several PRPs: each keeps its plan, switch shows another, clear falls back to the next', async () => {
    const second = workspaceUri('PRPs/dark-mode.md');
    const text = '# Dark mode\n\n## Theme tokens\nColours in `src/theme/tokens.ts`.\n\n## Settings toggle\nA switch.\n\n## Validation\nRun `npm test`.\n';
    await vscode.workspace.fs.writeFile(second, new TextEncoder().encode(text));
    try {
      const plan = await vscode.commands.executeCommand<Plan | undefined>('devBackend.plan', second);
      assert.deepEqual(plan?.todos.filter((t) => t.phase === 'Implementation').map((t) => t.content), ['Implement Theme tokens', 'Implement Settings toggle']);
      assert.deepEqual(tasks.planStore.plans().map((p) => p.prpPath), ['PRPs/dark-mode.md', AUTH_PRP]);
      assert.equal(tasks.view.description, 'dark-mode.md · 0/8');
      // The parser's warnings reach the output log.
      assert.ok(
        api_.outputLogLines().includes('[warn] PRPs/dark-mode.md:9: Validation at line 9 is written as prose; read 1 command from back-ticked text.'),
        api_.outputLogLines().slice(-5).join('\n'),
      );

      await vscode.commands.executeCommand('devBackend.switchPlan', AUTH_PRP);
      assert.equal(tasks.planStore.activePlan?.prpPath, AUTH_PRP);
      assert.equal(label(tasks.taskTree.getTreeItem(tasks.taskTree.getChildren()[0])), 'Analysis');

      await vscode.commands.executeCommand('devBackend.task.complete', todoNode(tasks, 'Task 1: Create src/db/migrations/002_users.sql'));
      const cleared = await vscode.commands.executeCommand<Plan | undefined>('devBackend.clearTasks');
      assert.equal(cleared?.prpPath, AUTH_PRP);
      assert.equal(tasks.planStore.activePlan?.prpPath, 'PRPs/dark-mode.md');
      // Undo (the notification's button) puts the cleared plan back, with what was done.
      const restored = await vscode.commands.executeCommand<Plan | undefined>('devBackend.undoClearTasks');
      assert.equal(restored?.prpPath, AUTH_PRP);
      assert.equal(tasks.planStore.activePlan?.prpPath, AUTH_PRP);
      assert.equal(tasks.planStore.activePlan?.todos.find((t) => t.content.startsWith('Task 1:'))?.status, 'completed');
      await vscode.commands.executeCommand('devBackend.clearTasks');
      await vscode.commands.executeCommand('devBackend.clearTasks');
      assert.equal(tasks.planStore.activePlan, undefined);
      assert.deepEqual(tasks.taskTree.getChildren(), []);
      assert.equal(tasks.view.badge, undefined);
      assert.equal(tasks.view.message, undefined);
    } finally {
      await vscode.workspace.fs.delete(second);
    }
  });

  it('an unreadable PRP leaves the plans alone', async () => {
    await vscode.commands.executeCommand('devBackend.plan', workspaceUri(AUTH_PRP));
    const before = tasks.planStore.activePlan;
    const result = await vscode.commands.executeCommand<Plan | undefined>('devBackend.plan', workspaceUri('PRPs/missing.md'));
    assert.equal(result, undefined);
    assert.equal(tasks.planStore.activePlan, before);
  });
});
