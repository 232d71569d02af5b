// VS Code's Refactor Preview panel as the user sees it: one row per file ("Creating src/x.ts",
// "src/app.ts, making text edits") with a checkbox, the hunks of edited files under them, Apply and Discard.
import type { Locator, Page } from 'playwright-core';
import { UI_TIMEOUT_MS } from './workbenchSession';

export class RefactorPreview {
  constructor(private readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('.part.panel .bulk-edit-panel');
  }

  /** The file rows (level 1) in the DOM; the tree is virtual, so only those in view. */
  get fileRows(): Locator {
    return this.panel.locator('.monaco-list-row[aria-level="1"]');
  }

  /** The row of `path` (workspace-relative): "Creating <path>" or "<path>, making text edits". */
  file(path: string): Locator {
    return this.panel.locator(`.monaco-list-row[aria-level="1"][aria-label="Creating ${path}"], .monaco-list-row[aria-level="1"][aria-label="${path}, making text edits"]`);
  }

  fileCheckbox(path: string): Locator {
    return this.file(path).locator('.edit-checkbox[role="checkbox"]').first();
  }

  /** Waits for the panel with its file rows; resolves with how many files it lists (the rows' aria-setsize). */
  async waitForFiles(): Promise<number> {
    await this.fileRows.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return Number(await this.fileRows.first().getAttribute('aria-setsize'));
  }

  /** A task's group row (the preview grouped by type: one group per task, labelled by the review). */
  group(label: string): Locator {
    return this.panel.locator('.monaco-list-row[aria-level="1"]', { hasText: label });
  }

  /** The panel's title button that switches the grouping ("Group Changes By File" shows while grouped by task). */
  groupingButton(label: 'Group Changes By File' | 'Group Changes By Type'): Locator {
    return this.page.locator(`.part.panel .action-label[aria-label="${label}"]`).first();
  }

  /** Switches to one row per file with the panel's own "Group Changes By File" button, as a person does. */
  async groupByFile(): Promise<void> {
    await this.groupingButton('Group Changes By File').click();
    await this.groupingButton('Group Changes By Type').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Maximizes the panel so that every row of a short list is rendered (and clickable). */
  async maximize(): Promise<void> {
    const maximize = this.page.locator('.part.panel .action-label[aria-label^="Maximize Panel"]');
    if ((await maximize.count()) > 0) await maximize.first().click();
  }

  /** The paths of the file rows in view, top to bottom. */
  async visiblePaths(): Promise<string[]> {
    const labels = await this.fileRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    return labels.map((label) => label.replace(/^Creating /, '').replace(/, making text edits$/, ''));
  }

  /** Ticks the file's checkbox (it starts unchecked) and waits until it shows as checked. */
  async tick(path: string): Promise<void> {
    const box = this.fileCheckbox(path);
    if ((await box.getAttribute('aria-checked')) !== 'true') await box.click();
    await this.file(path).locator('.edit-checkbox[role="checkbox"][aria-checked="true"]').first().waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /** Clicks Apply and waits until the preview let go of its changes (its rows are gone). */
  async apply(): Promise<void> {
    await this.panel.locator('.buttons .monaco-button', { hasText: /^Apply$/ }).click();
    await this.fileRows.first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  }
}
