import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import { CommandRunner } from '../../../src/core/commands/commandRunner';
import { detectSandbox, type SandboxSupport } from '../../../src/core/commands/sandboxLaunch';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { hashTree, RecordingConsent, settings } from './commandFixtures';

const FILES = {
  '.gitignore': 'node_modules/\ncache/\n*.log\n',
  'src/app.js': "module.exports = 'disk';\n",
  'src/old.js': 'old\n',
  'node_modules/dep/index.js': "module.exports = 'dependency';\n",
};

const SHADOWS: { name: string; support: SandboxSupport; needsOverlay: boolean }[] = [
  { name: 'copy shadow', support: { overlay: false, sandbox: false }, needsOverlay: false },
  { name: 'overlay shadow', support: { overlay: true, sandbox: false }, needsOverlay: true },
];

for (const kind of SHADOWS) {
  describe(`commands: runner over the ${kind.name}`, function () {
    this.timeout(30_000);
    let ws: TempWorkspace;
    let changes: ChangeSet;
    let runner: CommandRunner;
    let consent: RecordingConsent;
    let diskHash: string;

    before(async function () {
      if (!kind.needsOverlay) return;
      const support = await detectSandbox();
      if (!support.overlay) {
        console.log(`      skipped: no overlay mount here: ${support.problem ?? ''}`);
        this.skip();
      }
    });

    beforeEach(async () => {
      ws = await makeTempWorkspace(FILES);
      changes = new ChangeSet(ws.workspace);
      consent = new RecordingConsent('run');
      runner = new CommandRunner({
        changes,
        consent,
        settings: settings({ useSandbox: false }),
        support: () => Promise.resolve(kind.support),
        env: { ...process.env, ANTHROPIC_API_KEY: 'sk-ant-test-secret-value-123', MY_SERVICE_TOKEN: 'tok-abcdefgh12345' },
        graceMs: 300,
      });
      diskHash = await hashTree(ws.root);
    });

    afterEach(async () => {
      await runner.dispose();
      assert.equal(await hashTree(ws.root), diskHash, 'the workspace on disk changed');
      await ws.cleanup();
    });

    it('sees staged changes and dependency folders, not staged deletes', async () => {
      await changes.write('src/app.js', "module.exports = 'staged';\n");
      await changes.delete('src/old.js');
      const out = await runner.run({ command: `node -e "console.log(require('./src/app.js'), require('dep'))"; test -e src/old.js || echo old-gone` });
      assert.equal(out.isError, false, out.content);
      assert.match(out.content, /staged dependency\nold-gone/);
      assert.match(out.content, /exit code 0/);
      assert.match(out.content, /NOT sandboxed/);
    });

    it('stages a file the command writes, labelled with the command and the task; the shadow follows later staging', async () => {
      const command = `node -e "require('fs').writeFileSync('src/made.js', 'made\\\\n')"`;
      const out = await runner.run({ command, todoId: 't1' });
      assert.deepEqual(out.record.changedPaths, ['src/made.js']);
      assert.match(out.content, /now staged for review: src\/made\.js/);
      const entry = changes.get('src/made.js');
      assert.equal(entry?.content, 'made\n');
      assert.deepEqual(entry?.commands, [command]);
      assert.deepEqual(entry?.todoIds, ['t1']);
      assert.equal(await ws.bytes('src/made.js'), undefined);

      await changes.write('src/made.js', 'edited by the model\n');
      const again = await runner.run({ command: 'cat src/made.js' });
      assert.match(again.content, /edited by the model/);
      assert.deepEqual(again.record.changedPaths, []);
    });

    it('stages edits and deletes of files on disk', async () => {
      const out = await runner.run({ command: `echo more >> src/app.js && rm src/old.js` });
      assert.deepEqual(out.record.changedPaths.sort(), ['src/app.js', 'src/old.js']);
      assert.equal(changes.get('src/app.js')?.content, "module.exports = 'disk';\nmore\n");
      assert.equal(changes.get('src/old.js')?.kind, 'delete');
      const next = await runner.run({ command: 'test -e src/old.js && echo still-there || echo deleted' });
      assert.match(next.content, /\ndeleted\n/);
    });

    it('never stages ignored paths (caches, logs), and a later command still sees them', async () => {
      const out = await runner.run({ command: 'mkdir -p cache && echo c > cache/data && echo l > build.log' });
      assert.deepEqual(out.record.changedPaths, []);
      assert.equal(changes.size, 0);
      const next = await runner.run({ command: 'cat cache/data' });
      assert.match(next.content, /Output:\nc\n/);
    });

    it('a non-zero exit is an error result and the output keeps the key out', async () => {
      const out = await runner.run({ command: 'echo "key=[$ANTHROPIC_API_KEY] token=[$MY_SERVICE_TOKEN]"; echo sk-ant-test-secret-value-123 tok-abcdefgh12345; exit 4' });
      assert.equal(out.isError, true);
      assert.match(out.content, /exit code 4/);
      assert.match(out.content, /key=\[\] token=\[\]/);
      assert.ok(!out.content.includes('secret-value-123') && !out.content.includes('tok-abcdefgh12345'), out.content);
    });

    it('removes the shadow when the staged changes are applied or discarded', async () => {
      await changes.write('src/app.js', 'x\n');
      await runner.run({ command: 'true' });
      const shadowBase = (runner as unknown as { shadow: { base: string } }).shadow.base;
      assert.ok(existsSync(shadowBase));
      changes.clear();
      for (let i = 0; i < 100 && existsSync(shadowBase); i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(existsSync(shadowBase), false);
      const after = await runner.run({ command: 'cat src/app.js' });
      assert.match(after.content, /'disk'/);
    });

    it('a timeout is reported as such', async () => {
      const out = await runner.run({ command: 'sleep 20', timeoutSeconds: 1 });
      assert.equal(out.isError, true);
      assert.equal(out.record.timedOut, true);
      assert.match(out.content, /stopped after 1 s: timeout/);
    });
  });
}

describe('commands: consent', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  beforeEach(async () => {
    ws = await makeTempWorkspace({ 'a.txt': 'a\n' });
  });
  afterEach(() => ws.cleanup());

  function runnerWith(consent: RecordingConsent, approval: 'sandboxed' | 'ask', sandbox: boolean): CommandRunner {
    return new CommandRunner({
      changes: new ChangeSet(ws.workspace),
      consent,
      settings: settings({ approval }),
      support: () => Promise.resolve({ overlay: false, sandbox, ...(sandbox ? {} : { problem: 'install bubblewrap' }) }),
    });
  }

  it('asks before an unsandboxed command, shows the reason and the warning, and Deny returns a declined error', async () => {
    const consent = new RecordingConsent('deny');
    const runner = runnerWith(consent, 'sandboxed', false);
    const out = await runner.run({ command: 'echo hi > a.txt', description: 'try it' });
    await runner.dispose();
    assert.deepEqual(consent.asked, [{ command: 'echo hi > a.txt', description: 'try it', sandboxed: false, sandboxProblem: 'install bubblewrap' }]);
    assert.equal(out.isError, true);
    assert.match(out.content, /^not run: the user declined/);
    assert.equal(await ws.bytes('a.txt').then(String), 'a\n');
  });

  it('"allow for the workspace" matches the exact text only, never a prefix', async () => {
    const consent = new RecordingConsent('always');
    const runner = runnerWith(consent, 'ask', false);
    await runner.run({ command: 'echo one' });
    consent.answer = 'deny';
    const same = await runner.run({ command: 'echo one' });
    const longer = await runner.run({ command: 'echo one; echo two' });
    await runner.dispose();
    assert.equal(same.isError, false);
    assert.match(longer.content, /declined/);
    assert.deepEqual(consent.asked.map((r) => r.command), ['echo one', 'echo one; echo two']);
  });

  it('refuses a command the consent refuses, without asking', async () => {
    const consent = new RecordingConsent('run');
    consent.refuse = (command: string) => (command === 'npm test' ? undefined : 'only the PRP validation commands may run');
    const runner = runnerWith(consent, 'sandboxed', false);
    const out = await runner.run({ command: 'rm -rf /' });
    await runner.dispose();
    assert.match(out.content, /not run: only the PRP validation commands may run/);
    assert.equal(consent.asked.length, 0);
  });
});
