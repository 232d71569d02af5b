// A window whose workspace has no PRPs folder: the extension costs nothing until the user reaches for it.
// test/runIntegration.ts opens this window on the sample workspace without its PRPs/ folder.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DevBackendApi } from '../../../src/vscode/api';
import { FAKE_LM_EXTENSION_ID } from '../fakeLm';

const EXTENSION_ID = 'dev-backend.dev-backend';
const WARMED_UP = /Loaded the PRP and tool libraries( and the Anthropic client)? ahead of the first run \(\d+ ms\)\./;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

function devBackend(): vscode.Extension<DevBackendApi> {
  const extension = vscode.extensions.getExtension<DevBackendApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this window`);
  return extension;
}

describe('Activation in a workspace without PRPs (inside VS Code)', () => {
  it('stays inactive once the window has started', async function () {
    this.timeout(60_000);
    assert.equal(vscode.workspace.workspaceFolders?.length, 1, 'the window has a workspace folder');
    const prps = await vscode.workspace.findFiles('PRPs/**');
    assert.deepEqual(prps.map((u) => u.path), [], 'this window must open a workspace without PRPs');
    // The fake model extension activates on onStartupFinished: once it is active, every startup event has fired.
    const fakeLm = vscode.extensions.getExtension(FAKE_LM_EXTENSION_ID);
    assert.ok(fakeLm);
    await waitFor('the window finished starting (the fake model extension activated)', () => fakeLm.isActive, 30_000);
    await sleep(1000);
    assert.equal(devBackend().isActive, false, 'Dev Backend activated in a window that never used it');
  });

  it('stays inactive when a markdown file that is not a PRP is opened', async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(root, 'README.md'));
    await sleep(1000);
    assert.equal(devBackend().isActive, false, 'opening README.md activated Dev Backend');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates when the Backend Tasks view is opened, and then loads the run code ahead of the first run', async function () {
    this.timeout(60_000);
    const extension = devBackend();
    assert.equal(extension.isActive, false);
    await vscode.commands.executeCommand('workbench.view.extension.devBackend');
    await waitFor('Dev Backend is active after its view was opened', () => extension.isActive);
    const api = extension.exports;
    await waitFor('the warm-up ran after the view was shown', () => api.outputLogLines().some((line) => WARMED_UP.test(line)));
    assert.ok(!api.outputLogLines().some((line) => /Could not load the run's code/.test(line)), api.outputLogLines().join('\n'));
  });
});
