// Opens code-server's web workbench in Debian's Chromium through playwright-core.
import * as fs from 'node:fs';
import { format } from 'node:util';
import { chromium, type Browser, type ConsoleMessage } from 'playwright-core';
import { HostSetupError } from './hostSetupError';

/** Debian's package; never a Playwright-downloaded browser (these machines cannot download one). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface WorkbenchPayload {
  /** Absolute folder of the extension loaded in development mode, or of a folder of them (see developmentExtensions.ts). */
  readonly extensionDevelopmentPath: string;
  /** Absolute path of a tests module (`export function run(): Promise<void>`), for test runs only. */
  readonly extensionTestsPath?: string;
}

/** The workbench URL for `folder`, carrying the development extension (and tests) as the smoke-test `payload`. */
export function workbenchUrl(origin: string, folder: string, payload: WorkbenchPayload): string {
  const authority = new URL(origin).host;
  const remote = (absPath: string): string => `vscode-remote://${authority}${encodeURI(absPath)}`;
  // One entry per key: the workbench reads the payload into a Map.
  const entries: [string, string][] = [['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]];
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  return `${origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
}

/** Launches headless Chromium, or explains how to get it. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new HostSetupError(`Chromium is missing at ${CHROMIUM_PATH}. Install Debian's package: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
  } catch (err) {
    throw new HostSetupError(`Chromium (${CHROMIUM_PATH}) did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * A console message as plain text. The workbench logs `("%c INFO", "color: #33f", format, ...args)`: the
 * `%c` styles are dropped and the rest is formatted like Node's console (mocha's reporter relies on `%s`/`%d`).
 */
export async function consoleText(message: ConsoleMessage): Promise<string> {
  let args: unknown[];
  try {
    args = await Promise.all(message.args().map((arg) => arg.jsonValue() as Promise<unknown>));
  } catch {
    return message.text(); // the page went away while reading the arguments
  }
  if (args.length === 0) return message.text();
  let prefix = '';
  if (typeof args[0] === 'string' && args[0].includes('%c')) {
    const styles = args[0].split('%c').length - 1;
    prefix = args[0].replace(/%c/g, '').trim();
    args = args.slice(1 + styles);
  }
  const body = args.length > 0 ? format(...args) : '';
  return prefix === 'INFO' || prefix === '' ? body : `${prefix} ${body}`;
}
