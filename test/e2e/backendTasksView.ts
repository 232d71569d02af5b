// The Backend Tasks view as the user sees it: the Dev Backend activity bar icon (badge = tasks left), the
// phase rows ("Implementation 0/7") and the task rows with their checkboxes.
import type { Locator, Page } from 'playwright-core';
import { escapeRegExp, runCommand } from './workbenchDriver';
import { UI_TIMEOUT_MS } from './workbenchSession';

export type TaskStatusText = 'Pending' | 'In progress' | 'Done';

export class BackendTasksView {
  constructor(private readonly page: Page) {}

  /** The view's tree in the side bar. */
  get tree(): Locator {
    return this.page.locator('.part.sidebar #workbench\\.view\\.extension\\.devBackend .monaco-list[role="tree"]');
  }

  /** The Dev Backend icon's badge; its aria-label carries the tooltip ("JWT ...: 1/15 tasks done"). */
  get badge(): Locator {
    return this.page.locator('.part.activitybar .badge[aria-label^="Dev Backend"]');
  }

  /** The row of the task whose text is `content`; its aria-label is "<content>, <status>". */
  task(content: string): Locator {
    return this.tree.locator(`[role="treeitem"][aria-label^="${cssString(content)}, "]`);
  }

  taskCheckbox(content: string): Locator {
    return this.task(content).locator('.custom-view-tree-node-item-checkbox[role="checkbox"]');
  }

  /** The task row whose drawn label reads `label` (a gate row's "2. Unit Tests", where the aria-label has the todo's words). */
  row(label: string): Locator {
    return this.tree.locator('[role="treeitem"][aria-level="2"]').filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
  }

  /**
   * What a row draws before the side bar's width cuts it: its label and the start of its description, measured on the
   * rendered text (the rest hides behind an ellipsis).
   */
  async shownWords(row: Locator): Promise<{ label: string; description: string }> {
    return row.evaluate((el) => {
      // No DOM types in this project: the page's own document, reached from the row.
      const document = el.ownerDocument;
      const container = el.querySelector('.monaco-icon-label-container') ?? el;
      const edge = container.getBoundingClientRect().right;
      const ellipsis = document.createElement('span');
      ellipsis.textContent = '…';
      container.appendChild(ellipsis);
      const ellipsisWidth = ellipsis.getBoundingClientRect().width;
      ellipsis.remove();
      const range = document.createRange();
      const shown = (span: typeof el | null): string => {
        const chars: { char: string; right: number }[] = [];
        const walker = document.createTreeWalker(span ?? document.createElement('span'), 4 /* NodeFilter.SHOW_TEXT */);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (let k = 0; k < text.length; k++) {
            range.setStart(node, k);
            range.setEnd(node, k + 1);
            chars.push({ char: text[k], right: range.getBoundingClientRect().right });
          }
        }
        const cut = chars.some((c) => c.right > edge + 0.5);
        // A cut text ends with an ellipsis drawn over the last characters that fit.
        const limit = cut ? edge - ellipsisWidth : edge + 0.5;
        let words = '';
        for (const c of chars) {
          if (c.right > limit) break;
          words += c.char;
        }
        return words;
      };
      return { label: shown(el.querySelector('.label-name')), description: shown(el.querySelector('.label-description')) };
    });
  }

  /** The row of a phase ("Implementation"); its description is "done/total". */
  phase(name: string): Locator {
    return this.tree.locator(`[role="treeitem"][aria-level="1"]`).filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }),
    });
  }

  /**
   * Shows the view with its palette command. Idempotent, unlike a click on the activity bar icon, which closes
   * the side bar when the container is already open (and right after a reload the workbench may be restoring it).
   */
  async show(): Promise<void> {
    if (await this.tree.isVisible()) return;
    await runCommand(this.page, 'Dev Backend: Focus on Backend Tasks View');
    await this.tree.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Waits until the task row reads `status` (e.g. after a click, or once the extension host restored it). */
  async waitForTask(content: string, status: TaskStatusText): Promise<Locator> {
    const row = this.tree.locator(`[role="treeitem"][aria-label="${cssString(`${content}, ${status}`)}"]`);
    await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return row;
  }

  /** Waits until the phase row shows `progress` ("1/7") as its description. */
  async waitForPhase(name: string, progress: string): Promise<void> {
    await this.phase(name).locator('.label-description', { hasText: new RegExp(`^${escapeRegExp(progress)}$`) }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Waits until the badge shows `left` tasks to do and its tooltip `done/total`. */
  async waitForBadge(left: number, progress: string): Promise<void> {
    await this.page
      .locator(`.part.activitybar .badge[aria-label^="Dev Backend"][aria-label$=": ${progress} tasks done"]`)
      .locator('.badge-content', { hasText: new RegExp(`^${left}$`) })
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Waits until the tree shows `count` rows (phases are expanded and fetch their tasks one by one). */
  async waitForRowCount(count: number): Promise<void> {
    const rows = this.tree.locator('[role="treeitem"]');
    await rows.nth(count - 1).waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    await rows.nth(count).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  }

  /** Waits until the Dev Backend icon's tooltip reads `done/total` (a badge of 0 left is not drawn, the tooltip stays). */
  async waitForProgress(progress: string): Promise<void> {
    await this.page
      .locator(`.part.activitybar .action-label[aria-label^="Dev Backend"][aria-label$=": ${progress} tasks done"]`)
      .waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
  }

  /** The side bar's header ("Dev Backend: Tasks 1/15") and whether it is cut (drawn with an ellipsis). */
  async header(): Promise<{ text: string; cut: boolean }> {
    const title = this.page.locator('.part.sidebar .composite.title .title-label h2').first();
    await title.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return title.evaluate((el) => ({ text: el.textContent ?? '', cut: el.scrollWidth > el.clientWidth }));
  }

  /** Waits for the view's message above the tree ("auth-api.md: 1 of 15 tasks done."). */
  async waitForMessage(text: string): Promise<void> {
    await this.page.locator('.part.sidebar .tree-explorer-viewlet-tree-view > .message', { hasText: text }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** The visible rows' aria-labels, top to bottom (the tree is virtual: only rows in view are in the DOM). */
  async rowLabels(): Promise<string[]> {
    const rows = await this.tree.locator('[role="treeitem"]').all();
    const labeled = await Promise.all(rows.map(async (row) => ({ index: Number(await row.getAttribute('data-index')), label: (await row.getAttribute('aria-label')) ?? '' })));
    return labeled.sort((a, b) => a.index - b.index).map((r) => r.label);
  }
}

/** Escapes `text` for a double-quoted CSS attribute value. */
function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}
