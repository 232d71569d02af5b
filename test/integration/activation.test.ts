// Activation and warm-up in a workspace with a PRPs folder (src/vscode/run/warmUp.ts): the folder activates the
// extension, but the run's code loads only once the user shows intent. This file runs first in its window.
// The window without PRPs is tested in noPrpWindow/lazyActivation.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DevBackendApi } from '../../src/vscode/api';

const WARMED_UP = /Loaded the PRP and tool libraries( and the Anthropic client)? ahead of the first run \(\d+ ms\)\./;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function devBackend(): vscode.Extension<DevBackendApi> {
  const extension = vscode.extensions.getExtension<DevBackendApi>('dev-backend.dev-backend');
  assert.ok(extension);
  return extension;
}

async function waitForLine(api: DevBackendApi, line: RegExp, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!api.outputLogLines().some((l) => line.test(l))) {
    if (Date.now() > deadline) assert.fail(`${what}:\n${api.outputLogLines().join('\n')}`);
    await sleep(100);
  }
}

describe('After activation (inside VS Code)', () => {
  it('is activated by the workspace PRPs folder, and loads no run code before the user shows intent', async function () {
    this.timeout(30_000);
    const extension = devBackend();
    const deadline = Date.now() + 20_000;
    while (!extension.isActive) {
      if (Date.now() > deadline) assert.fail('workspaceContains:PRPs did not activate the extension');
      await sleep(100);
    }
    // The old warm-up ran 2 s after activation whatever the user did.
    await sleep(3000);
    const api = extension.exports;
    assert.ok(!api.outputLogLines().some((line) => WARMED_UP.test(line)), api.outputLogLines().join('\n'));
  });

  it('loads the run code ahead of the first request once a PRP is opened', async function () {
    this.timeout(30_000);
    const api = await devBackend().activate();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(root, 'PRPs', 'auth-api.md'));
    try {
      await waitForLine(api, WARMED_UP, 'no warm-up line in the output log after opening a PRP');
      assert.ok(!api.outputLogLines().some((line) => /Could not load the run's code/.test(line)));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('loads the Anthropic client as soon as a key is set, ahead of the run that will use it', async function () {
    this.timeout(30_000);
    const api = await devBackend().activate();
    const withClient = /Loaded the PRP and tool libraries and the Anthropic client ahead of the first run/;
    assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', 'sk-ant-activation-0123456789abcdef'), true);
    try {
      await waitForLine(api, withClient, 'the client was not loaded after the key was set');
    } finally {
      await vscode.commands.executeCommand('devBackend.clearApiKey');
    }
  });
});
