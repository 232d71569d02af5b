// The chat as a new user meets it, in headless Chromium on the offline host: no Anthropic key and no other
// language model installed (no Copilot). `@dev-backend /status` still answers (VS Code would otherwise say
// "Language model unavailable" before the participant ran), compactly, without calling any model.
import * as assert from 'node:assert/strict';
import { quickOpen, runCommand } from './workbenchDriver';
import { keepScreenshot, UI_TIMEOUT_MS, useWorkbenchSession } from './workbenchSession';

describe('Chat e2e: @dev-backend with no key and no other model', function () {
  this.timeout(5 * 60_000);
  const session = useWorkbenchSession({ name: 'chat', extraEnv: { ANTHROPIC_API_KEY: '' } });

  it('answers @dev-backend /status with the plan\'s progress, and says nothing about a missing model', async () => {
    const { page } = session;
    await quickOpen(page, 'auth-api.md', 'PRPs');
    await runCommand(page, 'Dev Backend: Plan Backend Tasks');
    await runCommand(page, 'Chat: Open Chat');

    const input = page.locator('.interactive-input-part .monaco-editor').first();
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // Dev Backend's Claude models are listed without a key: the picker shows one (a request sent before the chat
    // has resolved any model is refused by VS Code with "Language model unavailable", whatever the participant).
    await page.locator('.interactive-input-part', { hasText: /Claude (Haiku|Sonnet|Opus)/ }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.click();
    await page.keyboard.type('@dev-backend /status ');
    await page.keyboard.press('Escape'); // close the suggestions, if any, so Enter sends
    await page.keyboard.press('Enter');

    const answer = page.locator('.interactive-response', { hasText: 'auth-api.md' }).last();
    await answer.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await answer.getByText(/0 of 15 tasks done/).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const text = (await answer.textContent()) ?? '';
    assert.doesNotMatch(text, /Language model unavailable/);
    assert.doesNotMatch(text, /\[ \]/, '/status printed the checklist');
    await keepScreenshot(page, 'chat-status-without-key-or-model');
  });
});
