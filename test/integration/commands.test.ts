// run_command inside VS Code: a scripted run asks to run a command; with devBackend.commands.approval "ask" the
// request is shown; Deny reaches the model as declined; Run shows the output in "Dev Backend: Commands" and the
// model gets the result. The workspace on disk is untouched either way.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DevBackendApi, FinishedRun } from '../../src/vscode/api';
import { AUTH_PRP, changedSince, devBackend, FakeApi, resetRunState, restoreWorkspace, setSetting, snapshotWorkspace, workspaceUri } from './runHarness';

const COMMAND = `node -e "console.log('hello from the shadow')"`;

describe('run_command (inside VS Code)', function () {
  this.timeout(240_000);
  let api: DevBackendApi;
  let fake: FakeApi | undefined;
  let baseline: Map<string, string>;

  before(async () => {
    api = await devBackend();
    await resetRunState(api);
    baseline = snapshotWorkspace();
  });

  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
    await setSetting('commands.approval', undefined);
    await resetRunState(api);
    restoreWorkspace(baseline);
  });

  async function runAnswering(answer: 'run' | 'deny'): Promise<{ run: FinishedRun; toolResult: string; asked: string[] }> {
    fake = await new FakeApi().start();
    fake.server.enqueue(
      { toolUses: [{ name: 'run_command', input: { command: COMMAND, description: 'check the shadow' } }] },
      { text: 'Done.' },
      { text: 'Done.' },
    );
    await setSetting('commands.approval', 'ask');
    const asked: string[] = [];
    const subscription = api.commands.onDidAsk((request) => {
      asked.push(`${request.command} | ${request.description ?? ''}`);
      setTimeout(() => api.commands.answer(answer), 50);
    });
    try {
      const run = await vscode.commands.executeCommand<FinishedRun>('devBackend.implement', workspaceUri(AUTH_PRP));
      assert.ok(run, 'the command returned nothing');
      const second = fake.server.messageRequests[1];
      assert.ok(second, 'the model was not called after the tool');
      return { run, toolResult: JSON.stringify(second.body?.messages ?? []), asked };
    } finally {
      subscription.dispose();
    }
  }

  it('asks with approval "ask"; Deny reaches the model as declined', async () => {
    const { toolResult, asked } = await runAnswering('deny');
    assert.deepEqual(asked, [`${COMMAND} | check the shadow`]);
    assert.match(toolResult, /not run: the user declined/);
    assert.match(toolResult, /"is_error":true/);
    assert.doesNotMatch(api.commands.outputText(), /hello from the shadow/);
    assert.deepEqual(changedSince(baseline), []);
  });

  it('Run: the output channel shows the output and the model gets the result', async () => {
    const { toolResult } = await runAnswering('run');
    assert.match(api.commands.outputText(), /\$ node -e[\s\S]*hello from the shadow[\s\S]*=== exit code 0/);
    assert.match(toolResult, /exit code 0/);
    assert.match(toolResult, /hello from the shadow/);
    assert.deepEqual(changedSince(baseline), []);
  });
});
