import assert from 'node:assert/strict';
import { CommandRunner } from '../../../src/core/commands/commandRunner';
import { runTool } from '../../../src/core/tools';
import { hashTree, RecordingConsent, settings } from '../commands/commandFixtures';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { makeContext } from './toolHarness';

describe('run_command tool', function () {
  this.timeout(30_000);
  let tmp: TempWorkspace;
  beforeEach(async () => {
    tmp = await makeTempWorkspace({ 'a.txt': 'a\n' });
  });
  afterEach(() => tmp.cleanup());

  it('says commands are off when the run has no command runner', async () => {
    const { ctx } = makeContext(tmp);
    const result = await runTool('run_command', { command: 'echo hi' }, ctx);
    assert.equal(result.isError, true);
    assert.match(result.content, /^not run: commands are turned off/);
  });

  it('validates the timeout range', async () => {
    const { ctx } = makeContext(tmp);
    const result = await runTool('run_command', { command: 'true', timeout_s: 601 }, ctx);
    assert.match(result.content, /"timeout_s" must be at most 600, got 601/);
  });

  it('runs in the shadow and reports the staged files with the todo in progress', async () => {
    const before = await hashTree(tmp.root);
    const { ctx } = makeContext(tmp, { todoId: 't2' });
    const commands = new CommandRunner({
      changes: ctx.changes,
      consent: new RecordingConsent('run'),
      settings: settings({ useSandbox: false }),
      support: () => Promise.resolve({ overlay: false, sandbox: false }),
    });
    try {
      const result = await runTool('run_command', { command: 'node -e "console.log(1+1)" && echo b > b.txt', description: 'check' }, { ...ctx, commands });
      assert.equal(result.isError, false, result.content);
      assert.match(result.content, /exit code 0[\s\S]*Output:\n2\n/);
      assert.deepEqual(result.alsoStaged, [{ path: 'b.txt', kind: 'create', todoId: 't2' }]);
      const failed = await runTool('run_command', { command: 'exit 2' }, { ...ctx, commands });
      assert.equal(failed.isError, true);
    } finally {
      await commands.dispose();
    }
    assert.equal(await hashTree(tmp.root), before);
  });
});
