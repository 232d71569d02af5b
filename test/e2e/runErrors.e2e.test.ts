// A command run's error as a person sees it, in headless Chromium on the offline host: Implement Backend with a key
// the API rejects ends in one error notification whose words say what happened and whose buttons are what can help;
// running it again, from the palette or from its own Set Anthropic API Key button, leaves one error, not a stack,
// and nothing is left looking busy once the runs ended.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { FakeAnthropicServer } from '../fakes/fakeAnthropicServer';
import { scriptedImplementer } from '../fakes/scriptedImplementer';
import { enterPassword, quickOpen, runCommand, showNotificationsCenter, waitForValue } from './workbenchDriver';
import { keepScreenshot, UI_TIMEOUT_MS, useWorkbenchSession } from './workbenchSession';

const REJECTED = 'The Anthropic API key was rejected';
const ANOTHER_REJECTED_KEY = 'sk-ant-e2e-another-rejected-key-0123';

/** The rows of the notifications center that report the rejected key. */
function rejectedNotices(page: Page) {
  return page.locator('.notifications-center .monaco-list-row').filter({ has: page.locator('.notification-list-item-message', { hasText: REJECTED }) });
}

/** Every notification's first words, for a failure message. */
async function centerRows(page: Page): Promise<string[]> {
  return (await page.locator('.notifications-center .notification-list-item-message').allInnerTexts()).map((t) => t.slice(0, 70));
}

/** Waits for the center to settle on exactly one rejected-key notice, and checks it stays one. */
async function expectOneNotice(page: Page, when: string): Promise<void> {
  const notices = rejectedNotices(page);
  await notices.first().waitFor({ state: 'visible', timeout: 2 * UI_TIMEOUT_MS });
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while ((await notices.count()) !== 1) {
    if (Date.now() > deadline) assert.fail(`${when}: ${await notices.count()} error notices: ${JSON.stringify(await centerRows(page))}`);
    await page.waitForTimeout(250);
  }
  await page.waitForTimeout(1_500); // a second notice arriving late would show by now
  assert.equal(await notices.count(), 1, `${when}: ${JSON.stringify(await centerRows(page))}`);
}

describe('Run errors e2e: a failed run ends in one error with what can help', function () {
  this.timeout(5 * 60_000);
  const fake = new FakeAnthropicServer({ requireKey: 'sk-ant-e2e-the-right-key-0123456789' }); // 401 for the keys below
  fake.respondWith(scriptedImplementer({ fileLines: 4 }));
  before(async () => {
    await fake.start();
  });
  after(async () => {
    await fake.stop();
  });
  const session = useWorkbenchSession({
    name: 'run-errors',
    userSettings: () => ({ 'devBackend.apiBaseUrl': fake.baseURL }),
    extraEnv: { ANTHROPIC_API_KEY: 'sk-ant-e2e-a-rejected-key-0123456789' },
  });

  it('a run rejected by the API offers Set Anthropic API Key and Show Summary, and the summary opens read-only', async () => {
    const { page } = session;
    await quickOpen(page, 'auth-api.md', 'PRPs');
    await runCommand(page, 'Dev Backend: Implement Backend');
    await showNotificationsCenter(page, true);
    await expectOneNotice(page, 'after the first run');
    assert.ok(fake.requests.length >= 1, 'the run did not reach the API');

    const notice = rejectedNotices(page).first();
    assert.equal(await notice.locator('.codicon-error').count(), 1, 'the notice does not show as an error');
    const buttons = notice.locator('.notification-list-item-buttons-container .monaco-button');
    assert.deepEqual((await buttons.allInnerTexts()).map((t) => t.trim()), ['Set Anthropic API Key', 'Show Summary'], 'the notice offers more (or less) than what can help');
    await keepScreenshot(page, 'run-error-notice');
    await buttons.filter({ hasText: 'Show Summary' }).click();
    // The editor draws spaces as U+00A0: \s matches both.
    const tab = page.locator('.tabs-container .tab.active', { hasText: /Run\ssummary\sauth-api\.md/ });
    await tab.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await page.locator('.part.editor .view-line', { hasText: /Dev\sBackend:\sauth-api\.md/ }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await page.locator('.part.editor .view-line', { hasText: /Failed\./ }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(await tab.locator('.codicon-circle-filled, .dirty').count(), 0, 'the summary is an unsaved document');
  });

  it('failing again, from the palette or from Set Anthropic API Key, leaves one error, and nothing looks busy after', async () => {
    const { page } = session;
    for (let run = 2; run <= 3; run++) {
      const before = fake.requests.length;
      await quickOpen(page, 'auth-api.md', 'PRPs');
      await runCommand(page, 'Dev Backend: Implement Backend');
      await waitForValue(() => fake.requests.length, (n) => n > before, `run ${run} reaching the API`);
      await showNotificationsCenter(page, true);
      await expectOneNotice(page, `after run ${run} from the palette`);
    }

    // The notice's own remedy with another wrong key: the run starts again and fails the same way.
    const before = fake.requests.length;
    await rejectedNotices(page).first().locator('.monaco-button', { hasText: 'Set Anthropic API Key' }).click();
    await enterPassword(page, ANOTHER_REJECTED_KEY);
    await waitForValue(() => fake.requests.length, (n) => n > before, 'the run after the key reaching the API');
    const fingerprint = createHash('sha256').update(ANOTHER_REJECTED_KEY).digest('hex').slice(0, 12);
    assert.equal(fake.requests.at(-1)?.auth.keyFingerprint, fingerprint, 'the run did not use the key just set');
    await showNotificationsCenter(page, true);
    await expectOneNotice(page, 'after the run started by Set Anthropic API Key');
    await keepScreenshot(page, 'run-error-notice-after-fourth-run');

    // With the center closed, the status bar shows no work in progress: an error is not a task.
    await showNotificationsCenter(page, false);
    await page.locator('#status\\.progress').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    const bell = (await page.locator('#status\\.notifications a').getAttribute('aria-label')) ?? '';
    assert.doesNotMatch(bell, /in progress/i, `the bell says: ${bell}`);
    await keepScreenshot(page, 'run-error-center-closed');
  });
});
