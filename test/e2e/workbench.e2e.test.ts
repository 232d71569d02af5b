// End-to-end smoke: the workbench as `npm start` serves it (offline host, extension in development mode),
// checked through the DOM in headless Chromium.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { OFFLINE_HOST_NAME } from '../../scripts/host/hostVersions';
import { UI_TIMEOUT_MS, useWorkbenchSession } from './workbenchSession';

describe(`Workbench e2e in ${OFFLINE_HOST_NAME}`, function () {
  this.timeout(5 * 60_000); // the first run may install the host
  const session = useWorkbenchSession({ name: 'workbench' });
  let page: Page;

  before(() => {
    page = session.page;
  });

  it('shows the Dev Backend icon in the activity bar', async () => {
    const icon = page.locator('.part.activitybar [aria-label="Dev Backend"]');
    await icon.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(await icon.first().isVisible(), true);
  });

  it('opens the Backend Tasks view from that icon', async () => {
    const view = page.locator('.part.sidebar').getByText('Backend Tasks', { exact: false });
    // Clicking the icon of the container already shown would close the side bar: click only when it is not shown.
    if (!(await view.first().isVisible())) await page.locator('.part.activitybar [aria-label="Dev Backend"]').first().click();
    await view.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.match(await page.locator('.part.sidebar .composite.title').innerText(), /dev backend/i);
  });

  it('lists the sample PRP (PRPs/auth-api.md) in the explorer', async () => {
    const explorer = page.locator('.part.sidebar .explorer-folders-view');
    if (!(await explorer.isVisible())) await page.locator('.part.activitybar [aria-label^="Explorer"]').first().click();
    const folder = explorer.getByRole('treeitem', { name: 'PRPs', exact: true });
    await folder.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
    const prp = explorer.getByRole('treeitem', { name: 'auth-api.md', exact: true });
    await prp.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(await prp.isVisible(), true);
  });
});
