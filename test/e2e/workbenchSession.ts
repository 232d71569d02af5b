// One e2e session as mocha hooks: the offline host serving a fresh copy of the sample workspace, headless
// Chromium on the workbench with the extension in development mode, a screenshot of every failed test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from '../../scripts/host/codeServer';
import { ensureOfflineHost } from '../../scripts/host/installHost';
import { copySampleWorkspaceToTemp } from '../../scripts/host/sampleWorkspace';
import { launchChromium, workbenchUrl } from '../../scripts/host/workbench';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** Generous: a loaded 2-core machine takes seconds for what takes milliseconds on a laptop. */
export const UI_TIMEOUT_MS = 60_000;
const SCREENSHOTS_DIR = path.join(repoRoot, 'out', 'test-artifacts'); // out/ is git-ignored

/**
 * Keeps a screenshot of what a person sees with the test results (out/test-artifacts/e2e-<name>.png), for a human
 * to look at; `target` narrows it to a part of the window. Resolves with the file's path.
 */
export async function keepScreenshot(page: Page, name: string, target?: Locator): Promise<string> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `e2e-${name}.png`);
  await (target ?? page).screenshot({ path: file });
  console.log(`    screenshot kept: ${file}`);
  return file;
}

export interface WorkbenchSessionOptions {
  /** Prefix of the failure screenshots (`e2e-<prefix>-<test title>.png`). */
  readonly name: string;
  /** User settings written before the server starts; a function is called then (e.g. for a fake server's URL). */
  readonly userSettings?: Readonly<Record<string, unknown>> | (() => Readonly<Record<string, unknown>>);
  /** Added to the server's (and so the extension host's) environment. */
  readonly extraEnv?: Readonly<Record<string, string>>;
}

export class WorkbenchSession {
  /** Page errors seen so far; printed with the screenshot of a failed test. */
  readonly pageErrors: string[] = [];
  private server_: RunningCodeServer | undefined;
  private page_: Page | undefined;
  private workspace_: string | undefined;

  get page(): Page {
    return this.started(this.page_);
  }

  get server(): RunningCodeServer {
    return this.started(this.server_);
  }

  /** Absolute path of the workspace copy the workbench opened. */
  get workspace(): string {
    return this.started(this.workspace_);
  }

  /** For the hooks below. */
  setUp(server: RunningCodeServer, page: Page, workspace: string): void {
    this.server_ = server;
    this.page_ = page;
    this.workspace_ = workspace;
  }

  private started<T>(value: T | undefined): T {
    if (value === undefined) throw new Error('The workbench session is not started (use it inside tests, after its before hook).');
    return value;
  }
}

/**
 * Registers before / afterEach / after hooks on the calling `describe` and returns the session they fill.
 * `before` resolves once the workbench DOM is there (the extension may still be activating).
 */
export function useWorkbenchSession(options: WorkbenchSessionOptions): WorkbenchSession {
  const session = new WorkbenchSession();
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let workspace = '';

  before(async function () {
    this.timeout(5 * 60_000); // the first run may install the host
    const host = await ensureOfflineHost();
    workspace = copySampleWorkspaceToTemp(repoRoot);
    server = await startCodeServer({
      host,
      workspaceFolder: workspace,
      idleTimeoutSeconds: 300,
      userSettings: typeof options.userSettings === 'function' ? options.userSettings() : options.userSettings,
      extraEnv: options.extraEnv,
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS); // clicks and reads too, not only the explicit waits
    page.on('pageerror', (error) => session.pageErrors.push(error.message));
    session.setUp(server, page, workspace);
    await page.goto(workbenchUrl(server.origin, workspace, { extensionDevelopmentPath: repoRoot }));
    await page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT_MS });
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !browser) return;
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    const title = `${options.name}-${this.currentTest.title}`.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 120);
    const file = path.join(SCREENSHOTS_DIR, `e2e-${title}.png`);
    await session.page.screenshot({ path: file }).catch(() => undefined);
    const errors = session.pageErrors.length ? `\n    page errors: ${session.pageErrors.join(' | ')}` : '';
    console.log(`    screenshot: ${file}${errors}`);
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workspace) fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
  });

  return session;
}
