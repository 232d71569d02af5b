// What a user does in the workbench, through the keyboard and the DOM: Quick Open, the command palette,
// Reload Window. Every step waits on what the user would wait for (a row, a tab), never on a clock.
import type { Locator, Page } from 'playwright-core';
import { UI_TIMEOUT_MS } from './workbenchSession';

const QUICK_INPUT = '.quick-input-widget';

/** Quick Open (Ctrl+P): types `fileName`, waits for that file among the results, opens it with Enter. */
export async function quickOpen(page: Page, fileName: string, folder?: string): Promise<void> {
  await openQuickInput(page, 'Control+P', '');
  await page.keyboard.type(fileName);
  // File search runs on the server and answers late on a busy machine: wait for the row, then select it.
  const row = quickInputRow(page, fileName, folder);
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await selectAndAccept(page, row);
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/**
 * The command palette (F1): types `title` ("Dev Backend: Plan Backend Tasks"), waits for that command, runs it
 * with Enter and waits for the palette to close. Fails when the command is not offered (e.g. its `when` is false).
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const row = quickInputRow(page, title);
  // The palette lists the commands known when it opened: right after a (re)load the extension's may come later,
  // so a palette without the command is closed and opened again, as a user would.
  for (let attempt = 1; ; attempt++) {
    await openQuickInput(page, 'F1', '>');
    await page.keyboard.type(title);
    try {
      await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS / 4 });
      break;
    } catch (error) {
      if (attempt === 4) throw error;
      await page.keyboard.press('Escape');
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    }
  }
  await selectAndAccept(page, row);
}

/**
 * "Developer: Reload Window" from the palette: the page reloads and the workbench starts again with a new
 * extension host. Resolves once the new workbench DOM is there.
 */
export async function reloadWindow(page: Page): Promise<void> {
  const loaded = page.waitForEvent('load', { timeout: UI_TIMEOUT_MS });
  await runCommand(page, 'Developer: Reload Window');
  await loaded;
  await page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT_MS });
}

/**
 * The notification whose message contains `text`, in the notifications center (opened from the status bar
 * bell if hidden). The center, not toasts: in this host (code-server, smoke-test driver on) no toast ever showed.
 */
export async function waitForNotification(page: Page, text: string | RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<Locator> {
  await showNotificationsCenter(page, true);
  const row = page.locator('.notifications-center .monaco-list-row').filter({ has: page.locator('.notification-list-item-message', { hasText: text }) });
  await row.first().waitFor({ state: 'visible', timeout: timeoutMs });
  return row.first();
}

/** Shows or hides the notifications center with the status bar bell. */
export async function showNotificationsCenter(page: Page, show: boolean): Promise<void> {
  const center = page.locator('.notifications-center.visible');
  // A click that lands while the bell re-renders (a notification arriving) is lost: click again, as a person would.
  for (let attempt = 1; (await center.count()) > 0 !== show; attempt++) {
    await page.locator('#status\\.notifications a').click();
    await page.mouse.move(700, 300); // the bell's hover would cover the last notification's buttons
    try {
      await center.waitFor({ state: show ? 'visible' : 'detached', timeout: attempt === 3 ? UI_TIMEOUT_MS : UI_TIMEOUT_MS / 6 });
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Types `secret` into the open password box (the API key box) and confirms it with Enter. */
export async function enterPassword(page: Page, secret: string): Promise<void> {
  const box = page.locator(`${QUICK_INPUT} input.input[type="password"]`);
  await box.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  // The box can be re-rendered (and emptied) right after it appears: type until the value sticks, then confirm.
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while ((await box.inputValue()) !== secret) {
    if (Date.now() > deadline) throw new Error('Timed out typing into the password box');
    await box.fill('');
    await box.pressSequentially(secret);
    await page.waitForTimeout(300);
  }
  await page.keyboard.press('Enter');
}

/** Polls `read` until `accept` holds; fails with `what` and the last value. For state outside the DOM (server logs). */
export async function waitForValue<T>(read: () => T, accept: (value: T) => boolean, what: string, timeoutMs = UI_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface ExtensionHostProcess {
  readonly pid: number;
  readonly exited: boolean;
}

/** The extension host processes code-server launched, from its output ("<pid> Launched Extension Host Process."). */
export function extensionHostProcesses(serverOutput: string): ExtensionHostProcess[] {
  const launched = [...serverOutput.matchAll(/<(\d+)> Launched Extension Host Process\./g)].map((m) => Number(m[1]));
  const exited = new Set([...serverOutput.matchAll(/<(\d+)> Extension Host Process exited/g)].map((m) => Number(m[1])));
  return launched.map((pid) => ({ pid, exited: exited.has(pid) }));
}

/** Presses `key` and waits until the quick input has focus and holds `initialValue` (">" for commands), so typing lands there. */
async function openQuickInput(page: Page, key: string, initialValue: string): Promise<void> {
  const input = page.locator(`${QUICK_INPUT} input.input`);
  // A key pressed while the workbench is still starting (right after a reload) may go unheard: press it again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS / 4 });
      break;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
  // A string, as the tests compile without the DOM library.
  const focusedWithValue = `(() => {
    const el = document.activeElement;
    return !!el && el.matches(${JSON.stringify(`${QUICK_INPUT} input.input`)}) && el.value === ${JSON.stringify(initialValue)};
  })()`;
  await page.waitForFunction(focusedWithValue, undefined, { timeout: UI_TIMEOUT_MS });
}

/** A result row of the quick input whose label is `label` (and whose description holds `description`). */
function quickInputRow(page: Page, label: string, description?: string): Locator {
  let row = page
    .locator(`${QUICK_INPUT} .monaco-list-row`)
    .filter({ has: page.locator('.quick-input-list-label .label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  if (description) row = row.filter({ has: page.locator('.label-description', { hasText: description }) });
  return row.first();
}

/** Moves the keyboard focus to `row` with the arrow keys (it is usually first already), then presses Enter. */
async function selectAndAccept(page: Page, row: Locator): Promise<void> {
  const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`);
  for (let step = 0; step < 20 && (await row.getAttribute('class'))?.split(/\s+/).includes('focused') !== true; step++) {
    await page.keyboard.press('ArrowDown');
  }
  if (!(await row.getAttribute('class'))?.split(/\s+/).includes('focused')) {
    throw new Error(`Could not focus the quick input row "${await row.innerText()}" among: ${(await rows.allInnerTexts()).join(' | ')}`);
  }
  await page.keyboard.press('Enter');
  // Not "the quick input is hidden": a command that asks for input (the API key box) opens the next quick input
  // at once, and the hidden moment between the two can be too short to see. The accepted row goes either way.
  await row.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  await page.locator(`${QUICK_INPUT}.quick-input-widget-closing`).waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** `text` as a literal inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
