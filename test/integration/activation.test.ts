// What happens after activation without any request: the run's code is loaded once the window settles, so the
// first request does not pay for it (src/vscode/run/warmUp.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DevBackendApi } from '../../src/vscode/api';

const WARMED_UP = /Loaded the PRP and tool libraries( and the Anthropic client)? ahead of the first run \(\d+ ms\)\./;

describe('After activation (inside VS Code)', () => {
  it('loads the run code ahead of the first request, a few seconds after activation', async function () {
    this.timeout(30_000);
    const extension = vscode.extensions.getExtension<DevBackendApi>('dev-backend.dev-backend');
    assert.ok(extension);
    const api = await extension.activate();
    const deadline = Date.now() + 20_000;
    while (!api.outputLogLines().some((line) => WARMED_UP.test(line))) {
      if (Date.now() > deadline) assert.fail(`no warm-up line in the output log:\n${api.outputLogLines().join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(!api.outputLogLines().some((line) => /Could not load the run's code/.test(line)));
  });

  it('loads the Anthropic client as soon as a key is set, ahead of the run that will use it', async function () {
    this.timeout(30_000);
    const extension = vscode.extensions.getExtension<DevBackendApi>('dev-backend.dev-backend');
    assert.ok(extension);
    const api = await extension.activate();
    const withClient = (): boolean =>
      api.outputLogLines().some((line) => /Loaded the PRP and tool libraries and the Anthropic client ahead of the first run/.test(line));
    assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', 'sk-ant-activation-0123456789abcdef'), true);
    try {
      const deadline = Date.now() + 20_000;
      while (!withClient()) {
        if (Date.now() > deadline) assert.fail(`the client was not loaded after the key was set:\n${api.outputLogLines().join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await vscode.commands.executeCommand('devBackend.clearApiKey');
    }
  });
});
