// Validation gates as a person sees them, in headless Chromium on the offline host: Implement Backend on a small
// Node project's PRP (its Level 2 fails until the scripted model's fix round), the one gate question answered "Run",
// and the Validation items of the Backend Tasks view turn to passed, readable at the default side-bar width (the level,
// its title and "passed" drawn in full). A screenshot is kept with the results.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeAnthropicServer } from '../fakes/fakeAnthropicServer';
import { implementerThatFixes, SUM_FIX } from '../fakes/gateFixer';
import { BackendTasksView } from './backendTasksView';
import { quickOpen, runCommand, waitForNotification } from './workbenchDriver';
import { keepScreenshot, repoRoot, UI_TIMEOUT_MS, useWorkbenchSession } from './workbenchSession';

const KEY = 'sk-ant-e2e-gates-0123456789abcdef';
const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'gates-project');

describe('Gates e2e: after Implement, the Validation items turn to passed', function () {
  this.timeout(5 * 60_000);
  const fake = new FakeAnthropicServer({ requireKey: KEY });
  fake.respondWith(implementerThatFixes(SUM_FIX));
  before(async () => {
    await fake.start();
  });
  after(async () => {
    await fake.stop();
  });
  const session = useWorkbenchSession({
    name: 'gates',
    userSettings: () => ({ 'devBackend.apiBaseUrl': fake.baseURL }),
    extraEnv: { ANTHROPIC_API_KEY: KEY },
  });

  it('Implement Backend, "Run" on the gate question: Level 1 and Level 2 show passed in Backend Tasks', async () => {
    const { page } = session;
    for (const entry of ['PRPs', 'gates']) fs.cpSync(path.join(FIXTURE, entry), path.join(session.workspace, entry), { recursive: true });
    const sumBefore = fs.readFileSync(path.join(session.workspace, 'gates/src/sum.js'), 'utf8');
    await quickOpen(page, 'sum-gates.md', 'PRPs');
    await runCommand(page, 'Dev Backend: Implement Backend');

    const question = await waitForNotification(page, /Validation gates of sum-gates\.md/, 2 * UI_TIMEOUT_MS).catch(async (error: unknown) => {
      const shown = await page.locator('.notification-list-item-message').allTextContents();
      throw new Error(`no gate question; notifications: ${JSON.stringify(shown)}; ${String(error)}`);
    });
    assert.match((await question.textContent()) ?? '', /Run these 2 commands from the PRP/);
    await question.locator('.monaco-button', { hasText: /^Run$/ }).click();
    await waitForNotification(page, /Dev Backend implemented sum-gates\.md/, 3 * UI_TIMEOUT_MS);

    const tasks = new BackendTasksView(page);
    await tasks.show();
    const passed = (content: string) => tasks.tree.locator(`[role="treeitem"][aria-label^="${content}, validation passed"]`);
    await passed('Validate level 1: Syntax & Style').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await passed('Validate level 2: Unit Tests').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const label = (await passed('Validate level 2: Unit Tests').getAttribute('aria-label')) ?? '';
    assert.match(label, /validation passed · 2 runs · /, 'Level 2 passed after the fix round');
    // At the default side-bar width each gate row shows its level, its title and its state, not "Validate level...".
    for (const title of ['1. Syntax & Style', '2. Unit Tests']) {
      const shown = await tasks.shownWords(tasks.row(title));
      assert.equal(shown.label, title, `the label is cut: ${JSON.stringify(shown)}`);
      assert.match(shown.description, /^passed\b/, `the state is cut: ${JSON.stringify(shown)}`);
    }
    assert.equal(fake.messageRequests.filter((r) => JSON.stringify(r.body?.messages?.at(-1) ?? '').includes('Validation gate Level 2')).length, 1, 'one fix round');
    await keepScreenshot(page, 'gates-passed-in-backend-tasks');
    assert.equal(fs.readFileSync(path.join(session.workspace, 'gates/src/sum.js'), 'utf8'), sumBefore, 'the fix reached the disk before any review');
  });
});
