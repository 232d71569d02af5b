// The chat as a new user meets it, in headless Chromium on the offline host: no Anthropic key and no other
// language model (no Copilot signed in). Nobody touches the model picker: Dev Backend's Claude models are listed
// without a key, the chat takes one by itself, `@dev-backend /status` answers without calling any model, and free
// text answers with a "Set Anthropic API Key" button that sends the same request again once the key is saved.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { FakeAnthropicServer } from '../fakes/fakeAnthropicServer';
import { enterPassword, quickOpen, runCommand } from './workbenchDriver';
import { keepScreenshot, UI_TIMEOUT_MS, useWorkbenchSession } from './workbenchSession';

const KEY = 'sk-ant-e2e-chat-0123456789abcdef';
const ANSWER = 'Task 1 needs the users table: a migration with id, email and password_hash.';
const QUESTION = 'what does task 1 need?';

describe('Chat e2e: @dev-backend with no key and no other model', function () {
  this.timeout(5 * 60_000);
  const fake = new FakeAnthropicServer({ requireKey: KEY });
  fake.respondWith(() => ({ text: ANSWER }));
  before(async () => {
    await fake.start();
  });
  after(async () => {
    await fake.stop();
  });
  const session = useWorkbenchSession({
    name: 'chat',
    userSettings: () => ({ 'devBackend.apiBaseUrl': fake.baseURL }),
    extraEnv: { ANTHROPIC_API_KEY: '' },
  });

  it('answers @dev-backend /status compactly, the chat having taken a Claude model by itself', async () => {
    const { page } = session;
    await quickOpen(page, 'auth-api.md', 'PRPs');
    await runCommand(page, 'Dev Backend: Plan Backend Tasks');
    await runCommand(page, 'Chat: Open Chat');
    const input = chatInput(page);
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // The picker shows one of our Claude models without anyone picking it (VS Code takes the first model it knows).
    await page.locator('.interactive-input-part', { hasText: /Claude (Haiku|Sonnet|Opus) \d/ }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });

    await send(page, '@dev-backend /status');
    const answer = page.locator('.interactive-response', { hasText: 'auth-api.md' }).last();
    await answer.getByText(/0 of 15 tasks done/).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const text = (await answer.textContent()) ?? '';
    assert.doesNotMatch(text, /Language model unavailable/);
    assert.doesNotMatch(text, /\[ \]/, '/status printed the checklist');
    assert.equal(fake.requests.length, 0, '/status called the model');
    await keepScreenshot(page, 'chat-status-without-key-or-model');
  });

  it('free text offers Set Anthropic API Key; once the key is saved, the same question is answered', async () => {
    const { page } = session;
    await send(page, `@dev-backend ${QUESTION}`);
    const asked = page.locator('.interactive-response', { hasText: /needs an Anthropic API key/ }).last();
    await asked.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(fake.requests.length, 0, 'a request went out without a key');

    await asked.locator('.monaco-button', { hasText: 'Set Anthropic API Key' }).click();
    await enterPassword(page, KEY);

    // The request is sent again by itself, now through Claude with the saved key.
    await page.locator('.interactive-response', { hasText: ANSWER }).last().waitFor({ state: 'visible', timeout: 2 * UI_TIMEOUT_MS });
    const calls = fake.messageRequests;
    assert.ok(calls.length >= 1, 'no request reached the fake Anthropic server');
    assert.ok(calls.every((r) => r.auth.keyMatches === true), 'a request did not carry the saved key');
    assert.match(JSON.stringify(calls.at(-1)?.body?.messages ?? []), /what does task 1 need\?/);
  });
});

function chatInput(page: Page): Locator {
  return page.locator('.interactive-input-part .monaco-editor').first();
}

/** Types `query` into the chat input and sends it with Enter. */
async function send(page: Page, query: string): Promise<void> {
  await chatInput(page).click();
  await page.keyboard.type(`${query} `);
  await page.keyboard.press('Escape'); // close the suggestions, if any, so Enter sends
  await page.keyboard.press('Enter');
}
