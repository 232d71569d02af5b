// End-to-end smoke: the workbench as `npm start` serves it (offline host, extension in development mode),
// checked through the DOM in headless Chromium.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from '../../scripts/host/codeServer';
import { OFFLINE_HOST_NAME } from '../../scripts/host/hostVersions';
import { ensureOfflineHost } from '../../scripts/host/installHost';
import { copySampleWorkspaceToTemp } from '../../scripts/host/sampleWorkspace';
import { launchChromium, workbenchUrl } from '../../scripts/host/workbench';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const screenshotsDir = path.join(repoRoot, 'out', 'test-artifacts'); // out/ is git-ignored
const UI_TIMEOUT_MS = 60_000;

describe(`Workbench e2e in ${OFFLINE_HOST_NAME}`, function () {
  this.timeout(5 * 60_000); // the first run may install the host

  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let workspace = '';
  const pageErrors: string[] = [];

  before(async () => {
    const host = await ensureOfflineHost();
    workspace = copySampleWorkspaceToTemp(repoRoot);
    server = await startCodeServer({ host, workspaceFolder: workspace, idleTimeoutSeconds: 300 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(workbenchUrl(server.origin, workspace, { extensionDevelopmentPath: repoRoot }));
    await page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT_MS });
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !page) return;
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `e2e-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    console.log(`    screenshot: ${file}${pageErrors.length ? `\n    page errors: ${pageErrors.join(' | ')}` : ''}`);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workspace) fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
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
