// A command run's error as a person sees it, in headless Chromium on the offline host: Implement Backend with a key
// the API rejects ends in one notice whose words say what happened and whose links are what can help; its Show
// Summary link opens the run's summary (the links carry their arguments through the notification).
import * as assert from 'node:assert/strict';
import { FakeAnthropicServer } from '../fakes/fakeAnthropicServer';
import { scriptedImplementer } from '../fakes/scriptedImplementer';
import { quickOpen, runCommand, showNotificationsCenter } from './workbenchDriver';
import { keepScreenshot, UI_TIMEOUT_MS, useWorkbenchSession } from './workbenchSession';

const REJECTED = 'The Anthropic API key was rejected';

describe('Run errors e2e: a failed run ends in one notice with what can help', function () {
  this.timeout(5 * 60_000);
  const fake = new FakeAnthropicServer({ requireKey: 'sk-ant-e2e-the-right-key-0123456789' }); // 401 for the key below
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

  it('a run rejected by the API offers Set Anthropic API Key and Show Summary, and the summary opens', async () => {
    const { page } = session;
    await quickOpen(page, 'auth-api.md', 'PRPs');
    const notices = page.locator('.notifications-center .monaco-list-row').filter({ has: page.locator('.notification-list-item-message', { hasText: REJECTED }) });

    await runCommand(page, 'Dev Backend: Implement Backend');
    await showNotificationsCenter(page, true);
    await notices.first().waitFor({ state: 'visible', timeout: 2 * UI_TIMEOUT_MS });
    assert.ok(fake.requests.length >= 1, 'the run did not reach the API');
    assert.equal(await notices.count(), 1);

    const links = notices.first().locator('.notification-list-item-message a');
    assert.deepEqual((await links.allInnerTexts()).map((t) => t.trim()), ['Set Anthropic API Key', 'Show Summary'], 'the notice offers more (or less) than what can help');
    await keepScreenshot(page, 'run-error-notice');
    await links.filter({ hasText: 'Show Summary' }).click();
    // The editor draws spaces as U+00A0: \s matches both.
    await page.locator('.part.editor .view-line', { hasText: /Dev\sBackend:\sauth-api\.md/ }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await page.locator('.part.editor .view-line', { hasText: /Failed\./ }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  });
});
