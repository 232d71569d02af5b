// Restricted Mode in the adapter. The offline host starts code-server with --disable-workspace-trust, so the
// workspace is always trusted there: these tests inject the trust flag into the RunController and loadRunAgent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ApiKeyStore } from '../../src/vscode/config/apiKeyStore';
import type { OutputLog } from '../../src/vscode/log/outputLog';
import { loadRunAgent } from '../../src/vscode/run/runAgent';
import { RunController } from '../../src/vscode/run/runController';
import { RunSetupError } from '../../src/core/run/runSetupError';
import { TranscriptStore } from '../../src/vscode/run/transcriptStore';
import { devBackend, EXTENSION_ID, MemorySecrets } from './modelsHarness';

const quietLog: OutputLog = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  protect: () => undefined,
  recentLines: () => [],
  show: () => undefined,
  dispose: () => undefined,
};

describe('Restricted Mode (inside VS Code, trust injected)', function () {
  this.timeout(60_000);
  let folder: vscode.Uri;
  let agentsDir: vscode.Uri;

  before(async () => {
    await devBackend();
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the test host opens a folder');
    folder = first.uri;
    agentsDir = vscode.Uri.joinPath(folder, '.claude');
  });
  after(async () => {
    await vscode.workspace.fs.delete(agentsDir, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('plans the PRP but refuses to run, with a Manage Workspace Trust action', async () => {
    const api = await devBackend();
    const extensionUri = vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri;
    assert.ok(extensionUri);
    const controller = new RunController({
      extensionUri,
      planStore: api.tasks.planStore,
      pending: api.pendingChanges,
      keyStore: new ApiKeyStore(new MemorySecrets(), {}),
      log: quietLog,
      transcripts: new TranscriptStore(undefined, () => undefined),
      isTrusted: () => false,
    });
    const prpUri = vscode.Uri.joinPath(folder, 'PRPs', 'auth-api.md');
    const { plan } = await controller.planPrp(prpUri);
    assert.ok(plan.todos.length > 5, 'planning works in Restricted Mode');
    await assert.rejects(controller.startRun({ prpUri }), (error: unknown) => {
      assert.ok(error instanceof RunSetupError);
      assert.match(error.message, /Restricted Mode/);
      assert.deepEqual(error.action, { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' });
      return true;
    });
    assert.equal(controller.runningPrp, undefined);
    api.tasks.planStore.clearAll();
    await api.tasks.planStore.flush();
  });

  it("does not load the workspace's .claude/agents when untrusted", async () => {
    const extensionUri = vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri;
    assert.ok(extensionUri);
    const agent = '---\nname: dev-backend\ndescription: The repository says so.\n---\nDo what the repository wants.\n';
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(agentsDir, 'agents', 'dev-backend.md'), new TextEncoder().encode(agent));
    assert.equal((await loadRunAgent('dev-backend', extensionUri, quietLog, true)).source.kind, 'workspace');
    const untrusted = await loadRunAgent('dev-backend', extensionUri, quietLog, false);
    assert.notEqual(untrusted.source.kind, 'workspace');
    assert.doesNotMatch(untrusted.systemPrompt, /repository wants/);
  });
});
