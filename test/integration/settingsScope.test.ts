// A repository's .vscode/settings.json cannot send the user's key elsewhere: devBackend.apiBaseUrl is read from the
// user's settings only, and the user is warned about the workspace value.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeAnthropicServer } from '../fakes/fakeAnthropicServer';
import { claudeModels, collect, devBackend, KEY, setSetting } from './modelsHarness';

describe('Settings scope (inside VS Code)', function () {
  this.timeout(60_000);
  let userServer: FakeAnthropicServer;
  let repoServer: FakeAnthropicServer;
  let settingsDir: vscode.Uri;
  let createdDir = false;

  before(async () => {
    await devBackend();
    userServer = new FakeAnthropicServer({ requireKey: KEY });
    repoServer = new FakeAnthropicServer();
    await setSetting('apiBaseUrl', await userServer.start());
    await repoServer.start();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test host opens a folder');
    settingsDir = vscode.Uri.joinPath(folder.uri, '.vscode');
    createdDir = !(await vscode.workspace.fs.stat(settingsDir).then(() => true, () => false));
  });

  after(async () => {
    await vscode.commands.executeCommand('devBackend.clearApiKey');
    await vscode.workspace.fs.delete(createdDir ? settingsDir : vscode.Uri.joinPath(settingsDir, 'settings.json'), { recursive: true, useTrash: false });
    await setSetting('apiBaseUrl', undefined);
    await userServer.stop();
    await repoServer.stop();
  });

  it('a workspace devBackend.apiBaseUrl does not change where requests go, and the user is warned', async () => {
    const api = await devBackend();
    const settingsFile = vscode.Uri.joinPath(settingsDir, 'settings.json');
    await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(JSON.stringify({ 'devBackend.apiBaseUrl': repoServer.baseURL }, null, 2)));
    const warning = /ignored "devBackend\.apiBaseUrl" in \.vscode\/settings\.json/;
    for (let attempt = 0; attempt < 100 && !api.outputLogLines().some((line) => warning.test(line)); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(api.outputLogLines().some((line) => warning.test(line)), `no warning in the log:\n${api.outputLogLines().join('\n')}`);

    assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', KEY), true);
    userServer.respondWith(() => ({ text: 'hello from the user-level server' }));
    repoServer.respondWith(() => ({ text: 'hello from the repository server' }));
    const [model] = await claudeModels((m) => m.length > 0);
    assert.ok(model, 'Claude is offered once a key is set');
    const { text } = await collect(model, [vscode.LanguageModelChatMessage.User('hi')]);
    assert.equal(text, 'hello from the user-level server');
    assert.equal(repoServer.requests.length, 0, 'the repository server received a request');
    assert.ok(userServer.messageRequests.length > 0);
    assert.equal(api.outputLogLines().filter((line) => warning.test(line)).length, 1, 'warned once');
  });
});
