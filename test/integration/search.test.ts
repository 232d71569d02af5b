// The search and list_files tools inside VS Code: the extension finds the ripgrep VS Code ships (never a
// download) and the run's tool calls go through it, unsaved editors included.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DevBackendApi, FinishedRun } from '../../src/vscode/api';
import { AUTH_PRP, devBackend, FakeApi, resetRunState, workspaceUri } from './runHarness';

describe('Search with VS Code\'s ripgrep (inside VS Code)', function () {
  this.timeout(120_000);
  let api: DevBackendApi;
  let fake: FakeApi | undefined;

  before(async () => {
    api = await devBackend();
    await resetRunState(api);
  });

  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
    await resetRunState(api);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('finds ripgrep under vscode.env.appRoot and answers search and list_files with it, unsaved editors included', async () => {
    // An unsaved edit: the model must see the editor's text, as the workspace scan would show it.
    const editor = await vscode.window.showTextDocument(workspaceUri('src/routes/notes.ts'));
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// unsavedMarker in the editor only\n'));
    fake = await new FakeApi().start();
    fake.server.respondWith((_request, index) =>
      index === 0
        ? {
            toolUses: [
              { name: 'search', input: { query: 'createApp' } },
              { name: 'search', input: { query: 'unsavedMarker' } },
              { name: 'list_files', input: { pattern: 'src/**/*.ts' } },
            ],
          }
        : { text: 'Done looking.' },
    );
    const run = await vscode.commands.executeCommand<FinishedRun>('devBackend.implement', workspaceUri(AUTH_PRP));
    assert.ok(run?.outcome, run?.error ?? 'the command returned nothing');

    const lines = api.outputLogLines();
    const found = lines.map((l) => /Search: VS Code's ripgrep at (.+)\.$/.exec(l)?.[1]).find((p) => p !== undefined);
    assert.ok(found, `no ripgrep found; the log says:\n${lines.filter((l) => l.includes('Search')).join('\n')}`);
    assert.ok(found.startsWith(vscode.env.appRoot), `${found} is not under ${vscode.env.appRoot}`);
    assert.match(found, /node_modules(\.asar\.unpacked)?[\\/]@vscode[\\/]ripgrep(-universal)?[\\/]bin[\\/]/);
    assert.equal(lines.filter((l) => /search via ripgrep: \d+ matches in \d+ ms/.test(l)).length, 2, lines.join('\n'));
    assert.ok(lines.some((l) => /list_files via ripgrep: \d+ files in \d+ ms/.test(l)), lines.join('\n'));

    const results = fake.server.messageRequests[1]?.body?.messages.at(-1)?.content;
    const texts = (Array.isArray(results) ? results : []).flatMap((b) => (b.type === 'tool_result' && typeof b.content === 'string' ? [b.content] : []));
    assert.equal(texts.length, 3);
    assert.match(texts[0] ?? '', /^src\/app\.ts:\d+: export function createApp/m);
    assert.equal(texts[1], 'src/routes/notes.ts:1: // unsavedMarker in the editor only');
    assert.match(texts[2] ?? '', /^src\/app\.ts$/m);
  });
});
