// The foundation, seen from inside VS Code: activation, contributed commands and view, the agent file, chat routing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseAgentFile } from '../../src/core/agents';
import type { DevBackendApi, HandledChatRequest } from '../../src/vscode/api';
import { getFakeLm, selectFakeModel } from './fakeLm';

const EXTENSION_ID = 'dev-backend.dev-backend';

interface ManifestCommand { command: string }
interface ManifestView { id: string; name: string }
interface Manifest {
  contributes: {
    commands: ManifestCommand[];
    views: Record<string, ManifestView[]>;
    viewsContainers: { activitybar: { id: string; title: string }[] };
  };
}

async function activeExtension(): Promise<vscode.Extension<DevBackendApi>> {
  const extension = vscode.extensions.getExtension<DevBackendApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded in this VS Code`);
  await extension.activate();
  return extension;
}

/** Resolves with the next chat request the participant reports. */
function nextChatRequest(api: DevBackendApi): Promise<HandledChatRequest> {
  return new Promise((resolve) => {
    const subscription = api.onDidHandleChatRequest((request) => {
      subscription.dispose();
      resolve(request);
    });
  });
}

describe('Foundation (inside VS Code)', () => {
  it('activates dev-backend.dev-backend and exports its API', async () => {
    const extension = await activeExtension();
    assert.equal(extension.isActive, true);
    assert.equal(typeof extension.exports.onDidHandleChatRequest, 'function');
    assert.equal(typeof extension.exports.bundledAgentsPath, 'string');
  });

  it('registers every command the manifest contributes', async () => {
    const extension = await activeExtension();
    const manifest = extension.packageJSON as Manifest;
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0, 'the manifest contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    if (missing.length > 0) assert.fail(`contributed in package.json but not registered: ${missing.join(', ')}`);
  });

  it('contributes the Backend Tasks view in the Dev Backend activity-bar container', async () => {
    const extension = await activeExtension();
    const manifest = extension.packageJSON as Manifest;
    const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === 'devBackend');
    assert.equal(container?.title, 'Dev Backend');
    assert.deepEqual(manifest.contributes.views.devBackend?.map((v) => [v.id, v.name]), [['devBackend.tasks', 'Backend Tasks']]);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('devBackend.tasks.focus'), 'VS Code did not create devBackend.tasks.focus: the view is not contributed');
    await vscode.commands.executeCommand('workbench.view.extension.devBackend');
    await vscode.commands.executeCommand('devBackend.tasks.focus');
  });

  it('ships the dev-backend agent file, and it parses', async () => {
    const extension = await activeExtension();
    const file = path.join(extension.exports.bundledAgentsPath, 'dev-backend.md');
    const parsed = parseAgentFile(fs.readFileSync(file, 'utf8'), file, 'bundled');
    assert.ok(parsed.ok, `agents/dev-backend.md did not parse: ${parsed.ok ? '' : parsed.diagnostic.reason}`);
    assert.equal(parsed.agent.name, 'dev-backend');
    assert.ok(parsed.agent.systemPrompt.length > 100, 'the agent file has no system prompt body');
  });

  it('lists the fake test model through vscode.lm', async () => {
    await getFakeLm();
    const model = await selectFakeModel();
    assert.equal(model.vendor, 'dev-backend-test');
    assert.equal(model.id, 'fake-lm');
  });

  it('routes "@dev-backend /implement foo" from the chat view to the participant', async () => {
    const extension = await activeExtension();
    await getFakeLm();
    await selectFakeModel(); // a chat request only goes through once a model is resolved
    const received = nextChatRequest(extension.exports);
    await vscode.commands.executeCommand('workbench.action.chat.newChat');
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@dev-backend /implement foo' });
    const request = await received;
    assert.equal(request.command, 'implement');
    assert.equal(request.prompt, 'foo');
  });
});
