// The review path by hand, in headless Chromium on the offline host: the key typed into the password box,
// Implement Backend from the palette against a fake Anthropic server, nothing on disk until the user ticks
// files in the Refactor Preview and clicks Apply; the rest stays pending and comes back from the Backend
// Tasks view's "Review Pending Changes". The tests run in order on one window.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeAnthropicServer } from '../fakes/fakeAnthropicServer';
import { generatedSource, scriptedImplementer } from '../fakes/scriptedImplementer';
import { BackendTasksView } from './backendTasksView';
import { RefactorPreview } from './refactorPreview';
import { enterPassword, escapeRegExp, quickOpen, runCommand, showNotificationsCenter, waitForNotification } from './workbenchDriver';
import { keepScreenshot, UI_TIMEOUT_MS, useWorkbenchSession } from './workbenchSession';

const KEY = 'sk-ant-e2e-review-0123456789abcdef';
const FILE_LINES = 12;
const STAGED = [
  'src/app.ts',
  'src/config/auth.ts',
  'src/db/migrations/002_users.sql',
  'src/middleware/requireAuth.ts',
  'src/routes/auth.ts',
  'src/services/authService.ts',
  'src/services/noteService.ts',
  'test/auth.test.ts',
];
const FIRST = 'src/db/migrations/002_users.sql';
const FIRST_TASK = 'Task 1: Create src/db/migrations/002_users.sql';
const TOTAL_TASKS = 15;
/** The model's todos: the 3 validation gate todos are completed only by their gates. */
const MODEL_TASKS = 12;

describe('Review e2e: implement, then apply in the Refactor Preview by hand', function () {
  this.timeout(5 * 60_000);
  const fake = new FakeAnthropicServer({ requireKey: KEY }); // 401 for any other key
  fake.respondWith(scriptedImplementer({ fileLines: FILE_LINES }));
  before(async () => {
    await fake.start();
  });
  after(async () => {
    await fake.stop();
  });
  const session = useWorkbenchSession({
    name: 'review',
    userSettings: () => ({ 'devBackend.apiBaseUrl': fake.baseURL }),
    extraEnv: { ANTHROPIC_API_KEY: '' }, // only the key typed below may reach the server
  });
  let tasks: BackendTasksView;
  let preview: RefactorPreview;
  let baseline: Map<string, string>;

  before(() => {
    tasks = new BackendTasksView(session.page);
    preview = new RefactorPreview(session.page);
    baseline = readTree(session.workspace);
  });

  it('takes the key in the password box, then Implement Backend stages 8 changes for its 12 of 15 tasks (only the gates tick the 3 gate todos) and writes nothing', async () => {
    const { page } = session;
    await quickOpen(page, 'auth-api.md', 'PRPs');
    await runCommand(page, 'Dev Backend: Set Anthropic API Key');
    await enterPassword(page, KEY);
    await waitForNotification(page, 'Anthropic API key saved');

    await runCommand(page, 'Dev Backend: Implement Backend');
    // After the model's todos, the PRP's gates ask once for their commands: this test reviews, it does not validate.
    const gates = await waitForNotification(page, 'Validation gates of auth-api.md', 3 * UI_TIMEOUT_MS);
    await gates.locator('.monaco-button', { hasText: "Don't Run" }).click();
    await waitForNotification(page, `Dev Backend implemented auth-api.md: ${MODEL_TASKS}/${TOTAL_TASKS} tasks, ${STAGED.length} changes staged for review.`, 3 * UI_TIMEOUT_MS);

    await tasks.show();
    await tasks.waitForTask('Task 1: Create src/db/migrations/002_users.sql', 'Done');
    await tasks.waitForProgress(`${MODEL_TASKS}/${TOTAL_TASKS}`);
    assert.deepEqual(changedFiles(session.workspace, baseline), [], 'the run wrote to the workspace before any review');
    const calls = fake.messageRequests;
    assert.ok(calls.length > TOTAL_TASKS, `expected a call per step, got ${calls.length}`);
    assert.ok(calls.every((r) => r.auth.keyMatches === true), 'every model call carried the key typed into the box');
  });

  it('Review Changes (in the notification) opens the Refactor Preview and every staged diff readable beside it; grouped by task, each task is labelled once', async () => {
    const { page } = session;
    const done = await waitForNotification(page, 'staged for review');
    await done.locator('.monaco-button', { hasText: 'Review Changes' }).click();
    await showNotificationsCenter(page, false); // it would cover the panel's corner
    // Grouped by task without anyone pressing the panel's grouping buttons, each group labelled once with the PRP's own
    // numbering; the button offers the other grouping.
    await preview.group(FIRST_TASK).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await preview.groupingButton('Group Changes By File').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(await preview.panel.locator('.monaco-list-row[aria-level="1"]', { hasText: /Task \d+: Task \d+/ }).count(), 0, 'a group label says "Task N:" twice');
    // Beside it, the staged changes as diffs (nothing ticked yet): the modified src/app.ts shows its added line.
    await page.locator('.tabs-container .tab', { hasText: 'Staged by Dev Backend' }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await page
      .locator('.part.editor .view-line', { hasText: /Task\s6:\sModify\ssrc\/app\.ts/ })
      .first()
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await keepScreenshot(page, 'review-grouped-by-task-with-diff');
  });

  it('switched to by file, the preview lists every staged file, none ticked, and a click shows its diff', async () => {
    const { page } = session;
    // A person's switch, not a test's reflex: the first review asks for the grouping by task a second time 1.5 s after
    // the preview shows (previewGrouping.ts), a switch made before then would be undone.
    await page.waitForTimeout(2000);
    await preview.groupByFile();
    assert.equal(await preview.waitForFiles(), STAGED.length, 'file rows in the preview');

    // Clicking a file (not its box) shows what would be written: the preview's diff editor, scrolled to that file.
    await preview.file(FIRST).locator('.label-name').click();
    await page.locator('.tabs-container .tab.active', { hasText: `Refactor Preview (${STAGED.length} files)` }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const firstLine = generatedSource(FIRST, FILE_LINES).split('\n')[0];
    await page
      .locator('.editor-group-container.active .view-line')
      .filter({ hasText: new RegExp(escapeRegExp(firstLine).replace(/ /g, '\\s')) }) // the editor draws spaces as U+00A0
      .first()
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });

    await preview.maximize(); // every row rendered
    await preview.file(STAGED[STAGED.length - 1]).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual((await preview.visiblePaths()).sort(), STAGED);
    for (const file of STAGED) assert.equal(await preview.fileCheckbox(file).getAttribute('aria-checked'), 'false', `${file} starts unticked`);
  });

  it('ticking one file and Apply writes that file only; the other 7 stay pending', async () => {
    const { page } = session;
    await preview.tick(FIRST);
    await preview.apply();
    await waitForNotification(page, `Dev Backend: Applied 1 of ${STAGED.length} changes.`);
    await showNotificationsCenter(page, false);
    assert.deepEqual(changedFiles(session.workspace, baseline), [FIRST]);
    assert.equal(fs.readFileSync(path.join(session.workspace, FIRST), 'utf8'), generatedSource(FIRST, FILE_LINES));
  });

  it('Review Pending Changes in the Backend Tasks title shows the 7 left, still by file as switched; ticking them all and Apply writes them', async () => {
    const { page } = session;
    await tasks.show();
    await page.locator('.part.sidebar .title-actions .action-label[aria-label="Review Pending Changes"]').click();
    // Grouped by file, as the person switched it in the first review: the preview keeps their choice.
    assert.equal(await preview.waitForFiles(), STAGED.length - 1, 'file rows in the second preview');
    await preview.groupingButton('Group Changes By Type').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await preview.maximize();
    const left = STAGED.filter((file) => file !== FIRST);
    await preview.file(left[left.length - 1]).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.deepEqual((await preview.visiblePaths()).sort(), left);
    for (const file of left) await preview.tick(file);
    await preview.apply();
    await waitForNotification(page, `Dev Backend: Applied ${left.length} changes.`);
    assert.deepEqual(changedFiles(session.workspace, baseline), STAGED);
    // Nothing is pending any more: the view's review button goes away.
    await page.locator('.part.sidebar .title-actions .action-label[aria-label="Review Pending Changes"]').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  });
});

/** Every file under `root` (outside .vscode) with its text, by workspace-relative path. */
function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(root, full).split(path.sep).join('/');
    if (!rel.startsWith('.vscode/')) files.set(rel, fs.readFileSync(full, 'utf8'));
  }
  return files;
}

/** Paths added, changed or removed since `before`, sorted. */
function changedFiles(root: string, before: ReadonlyMap<string, string>): string[] {
  const now = readTree(root);
  return [...new Set([...before.keys(), ...now.keys()])].filter((p) => before.get(p) !== now.get(p)).sort();
}
