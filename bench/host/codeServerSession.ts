// One offline VS Code host (code-server + headless Chromium, from scripts/host) kept up for several window loads:
// each load opens a new window, so a new extension host runs the tests module fresh.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from '../../scripts/host/codeServer';
import { ensureOfflineHost } from '../../scripts/host/installHost';
import { consoleText, launchChromium, workbenchUrl } from '../../scripts/host/workbench';

export interface HostSessionOptions {
  workspaceFolder: string;
  /** The one extension loaded in development mode. */
  extensionPath: string;
  /** Compiled tests module (`export function run(): Promise<void>`). */
  testsModule: string;
  /** Inherited by the extension host. */
  env: Record<string, string>;
  print: (line: string) => void;
}

export interface HostSession {
  /** Opens a window, waits for the tests module to settle; resolves with its exit code (0 = ok). `onLine` sees each console line. */
  load(timeoutMs: number, onLine?: (line: string, page: Page) => Promise<void>): Promise<number>;
  stop(): Promise<void>;
}

export async function openHostSession(options: HostSessionOptions): Promise<HostSession> {
  const host = await ensureOfflineHost({ print: options.print });
  const server: RunningCodeServer = await startCodeServer({ host, workspaceFolder: options.workspaceFolder, extraEnv: options.env });
  let browser: Browser;
  let context: BrowserContext;
  try {
    browser = await launchChromium();
    // One context for every load: its HTTP cache keeps the workbench's scripts, so later windows open faster.
    // A tall window, so lists such as Running Extensions render every row.
    context = await browser.newContext({ viewport: { width: 1400, height: 2400 } });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const url = workbenchUrl(server.origin, options.workspaceFolder, { extensionDevelopmentPath: options.extensionPath, extensionTestsPath: options.testsModule });
  const verbose = process.env.DEV_BACKEND_HOST_VERBOSE === '1';

  async function load(timeoutMs: number, onLine?: (line: string, page: Page) => Promise<void>): Promise<number> {
    const page = await context.newPage();
    try {
      let finish: (code: number) => void = () => undefined;
      const exited = new Promise<number>((resolve) => (finish = resolve));
      page.on('console', (message) => {
        void consoleText(message).then(async (line) => {
          if (verbose || line.startsWith('[bench]')) options.print(line);
          await onLine?.(line, page).catch((error: unknown) => options.print(`[bench] console handler failed: ${String(error)}`));
        });
      });
      page.on('crash', () => finish(1));
      await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), timeoutMs)));
      const code = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (code === -1) throw new Error(`the bench module did not finish within ${timeoutMs / 1000} s`);
      return code;
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  return {
    load,
    stop: async () => {
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
}
