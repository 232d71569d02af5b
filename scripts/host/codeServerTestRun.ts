// Runs an extension tests module inside the offline host: code-server + headless Chromium, exit code from the workbench.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { developmentExtensionsFolder } from './developmentExtensions';
import { tailLines } from './hostSetupError';
import { OFFLINE_HOST_NAME } from './hostVersions';
import { ensureOfflineHost } from './installHost';
import { consoleText, launchChromium, workbenchUrl } from './workbench';

export interface CodeServerTestRunOptions {
  readonly workspaceFolder: string;
  readonly extensionDevelopmentPaths: readonly string[];
  readonly extensionTestsPath: string;
  /** The extension host inherits the server's environment. */
  readonly extraEnv?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Where a screenshot goes when the run times out. */
  readonly artifactsDir: string;
  readonly print: (line: string) => void;
}

// Harmless noise from the workbench offline: unreachable marketplace, telemetry and GitHub endpoints, and its
// own connection chatter. Everything is shown with DEV_BACKEND_HOST_VERBOSE=1.
const NOISE = new RegExp([
  'open-vsx\\.org', 'marketplace', 'telemetry', 'api\\.github\\.com', "authentication provider 'github'", 'GitHub auth',
  'net::ERR_', 'Failed to load resource', 'update\\.code\\.visualstudio\\.com', 'vscode-unpkg', 'vscode-cdn',
  '\\[AgentHost', '\\[ChatModelSelection\\]', '\\[AccountPolicyGate\\]', '\\[reconnection-grace-time\\]', '\\[Service Worker\\]',
  'connection token', 'Creating a socket', 'Creation of workbench contribution', 'same-origin iframe', 'allow-same-origin', 'additional builtin extensions',
].join('|'), 'i');

/** Resolves with the tests' exit code (0 = all passed); never leaves code-server or Chromium running. */
export async function runTestsInCodeServer(options: CodeServerTestRunOptions): Promise<number> {
  const { print } = options;
  const host = await ensureOfflineHost({ print });
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  const verbose = process.env.DEV_BACKEND_HOST_VERBOSE === '1';
  const devExtensions = developmentExtensionsFolder(options.extensionDevelopmentPaths);
  const cleanup = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    devExtensions.dispose();
  };
  const onSignal = (): void => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = await startCodeServer({
      host,
      workspaceFolder: options.workspaceFolder,
      extraEnv: options.extraEnv,
      idleTimeoutSeconds: 300, // if this runner is killed hard, the orphaned server still goes away
      onOutput: verbose ? (line) => print(`[code-server] ${line}`) : undefined,
    });
    print(`[integration] Host: ${OFFLINE_HOST_NAME} at ${server.origin}`);
    browser = await launchChromium();
    const page = await browser.newPage();
    let finish: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => { finish = resolve; });
    // Console lines are formatted asynchronously: chain them so they print in order, and flush before exiting.
    let printed = Promise.resolve();
    page.on('console', (message) => {
      const text = consoleText(message);
      printed = printed.then(async () => {
        const line = await text;
        if (verbose || !NOISE.test(line)) print(line);
      });
    });
    // Before goto: the workbench calls it when the tests module's run() settles.
    await page.exposeFunction('codeAutomationExit', async (code: number) => {
      await printed;
      finish(code);
    });
    page.on('pageerror', (error) => print(`[page error] ${error.message}`));
    page.on('crash', () => {
      print('[integration] The workbench page crashed.');
      finish(1);
    });

    await page.goto(workbenchUrl(server.origin, options.workspaceFolder, { extensionDevelopmentPath: devExtensions.folder, extensionTestsPath: options.extensionTestsPath }), { waitUntil: 'domcontentloaded' });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), options.timeoutMs); });
    const outcome = await Promise.race([exitCode, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      const shot = path.join(options.artifactsDir, 'integration-timeout.png');
      fs.mkdirSync(options.artifactsDir, { recursive: true });
      await page.screenshot({ path: shot }).catch(() => undefined);
      print([
        `[integration] TIMEOUT: the tests did not finish within ${Math.round(options.timeoutMs / 1000)} s in ${OFFLINE_HOST_NAME}.`,
        `  Screenshot: ${shot}`,
        '  Last lines of code-server:',
        tailLines(server.output(), 20),
        '  (Set DEV_BACKEND_HOST_VERBOSE=1 to see every console line of the workbench.)',
      ].join('\n'));
      return 1;
    }
    print(`[integration] ${OFFLINE_HOST_NAME}: tests exited with code ${outcome}`);
    return outcome;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanup();
  }
}
