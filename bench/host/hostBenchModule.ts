// The tests module the bench loads into the VS Code host (extensionTestsPath). Each window: wait for the host
// to finish starting, time the extension's activation, open "Show Running Extensions" for the host's own
// figure; in the first window also time the 200-file applies. Results go to files (hostProtocol.ts).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as vscode from 'vscode';
import { timeApplyEdit, timePreviewOnly, timeReview } from './applyProbe';
import {
  BENCH_DIR_ENV,
  EXTENSION_ID,
  RUNTIME_EXTENSIONS_SHOWN,
  requestFile,
  sampleFile,
  scrapedFile,
  type ActivationSample,
  type HostRequest,
  type HostSample,
} from './hostProtocol';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(): Promise<void> {
  const dir = process.env[BENCH_DIR_ENV];
  if (!dir) throw new Error(`${BENCH_DIR_ENV} is not set`);
  const request = JSON.parse(fs.readFileSync(requestFile(dir), 'utf8')) as HostRequest;
  const sample: HostSample = { index: request.index, vscodeVersion: vscode.version };
  try {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
    const wasActive = extension.isActive;
    await sleep(request.settleMs);
    const codeLoadMs = request.preloadMain === undefined ? undefined : timeRequire(request.preloadMain);
    sample.activation = { ...(await timeActivation(extension, wasActive || extension.isActive)), ...(codeLoadMs === undefined ? {} : { codeLoadMs }) };
    await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
    console.log(RUNTIME_EXTENSIONS_SHOWN);
    await waitForFile(scrapedFile(dir, request.index), 30_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (request.applyFiles > 0) {
      if (!root) throw new Error('the bench host opened no workspace folder');
      // The extension's warm-up (once the user shows intent) must not land inside the timed applies: show its view.
      await vscode.commands.executeCommand('workbench.view.extension.devBackend');
      await waitForWarmUp(extension.exports as { outputLogLines?: () => readonly string[] });
      await vscode.commands.executeCommand('workbench.view.explorer');
      // Warm VS Code's preview path first, so the review (first) and VS Code alone (second) compare warm to warm.
      await timePreviewOnly(root, 50);
      sample.applyEdit = await timeApplyEdit(root, request.applyFiles);
      console.log(`[bench] applyEdit of ${request.applyFiles} files: ${sample.applyEdit.toDiskMs.toFixed(0)} ms to disk`);
      sample.review = await timeReview(root, request.applyFiles);
      console.log(`[bench] review of ${request.applyFiles} files: ${sample.review.toDiskMs.toFixed(0)} ms from Apply to disk`);
      sample.previewOnly = await timePreviewOnly(root, request.applyFiles);
      console.log(`[bench] the same edit through VS Code's preview alone: ${sample.previewOnly.toDiskMs.toFixed(0)} ms from Apply to disk`);
    }
  } catch (error) {
    sample.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    throw error;
  } finally {
    fs.writeFileSync(sampleFile(dir, request.index), JSON.stringify(sample));
  }
}

async function timeActivation(extension: vscode.Extension<unknown>, wasActive: boolean): Promise<ActivationSample> {
  const started = performance.now();
  await extension.activate();
  return { wasActive, activateMs: performance.now() - started };
}

/** Loads the bundle the way the host does (Node's require; its `vscode` import resolves to the extension's API). */
function timeRequire(main: string): number {
  const load = createRequire(__filename);
  const started = performance.now();
  load(main);
  return performance.now() - started;
}

async function waitForWarmUp(api: { outputLogLines?: () => readonly string[] }): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!api.outputLogLines?.().some((line) => /ahead of the first run/.test(line))) {
    if (Date.now() > deadline) throw new Error("the extension's warm-up did not finish within 15 s of showing its view");
    await sleep(50);
  }
}

async function waitForFile(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the bench parent did not answer (${file})`);
    await sleep(20);
  }
}
