// Files a hostile repository can ship: hard links to files outside, FIFOs and devices. Nothing of them
// reaches the model, nothing is staged over them, and nothing blocks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { link, writeFile } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import { runTool } from '../../../src/core/tools';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { ENGINES, makeContext } from './toolHarness';

describe('hostile files in the workspace', () => {
  let tmp: TempWorkspace;

  beforeEach(async () => {
    tmp = await makeTempWorkspace({ 'src/app.ts': 'export const app = 1;\n', '.env': 'STRIPE_KEY=live-value-42\n' });
    await writeFile(nodePath.join(tmp.outside, 'shared.js'), 'module.exports = "outside";\n');
    await link(nodePath.join(tmp.outside, 'shared.js'), nodePath.join(tmp.root, 'src/shared.js'));
    await link(nodePath.join(tmp.root, '.env'), nodePath.join(tmp.root, 'notes.txt'));
  });
  afterEach(() => tmp.cleanup());

  it('read_file refuses a hard-linked file and says why', async () => {
    const { ctx } = makeContext(tmp);
    const result = await runTool('read_file', { path: 'src/shared.js' }, ctx);
    assert.equal(result.isError, true);
    assert.match(result.content, /src\/shared\.js has 2 hard links: the same file may also live outside the workspace/);
    assert.doesNotMatch(result.content, /outside";/);
  });

  it('a hard link to .env under an innocent name is refused, even with secret files allowed', async () => {
    const { ctx } = makeContext(tmp, { allowSecretFiles: true });
    const result = await runTool('read_file', { path: 'notes.txt' }, ctx);
    assert.equal(result.isError, true);
    assert.doesNotMatch(result.content, /live-value-42/);
    assert.match(result.content, /hard links/);
  });

  for (const engine of ENGINES) {
    it(`search skips hard-linked files (${engine})`, async () => {
      const { ctx } = makeContext(tmp, { engine });
      const result = await runTool('search', { query: 'outside' }, ctx);
      assert.doesNotMatch(result.content, /shared\.js/);
      const secret = await runTool('search', { query: 'live-value' }, ctx);
      assert.doesNotMatch(secret.content, /live-value-42/);
    });
  }

  it('write_file and edit_file refuse to stage over a hard-linked file', async () => {
    const { ctx } = makeContext(tmp);
    const written = await runTool('write_file', { path: 'src/shared.js', content: 'changed\n' }, ctx);
    assert.equal(written.isError, true);
    assert.match(written.content, /hard links/);
    const edited = await runTool('edit_file', { path: 'src/shared.js', old_string: 'outside', new_string: 'inside' }, ctx);
    assert.equal(edited.isError, true);
    assert.match(edited.content, /hard links/);
    assert.equal(ctx.changes.size, 0);
  });

  it('a FIFO is refused at once by read_file, skipped by search, and never staged over', async () => {
    execFileSync('mkfifo', [nodePath.join(tmp.root, 'src/pipe.ts')]);
    const { ctx } = makeContext(tmp);
    const read = await runTool('read_file', { path: 'src/pipe.ts' }, ctx);
    assert.equal(read.isError, true);
    assert.match(read.content, /src\/pipe\.ts is not a regular file/);
    const found = await runTool('search', { query: 'app' }, ctx);
    assert.match(found.content, /src\/app\.ts:1:/);
    const written = await runTool('write_file', { path: 'src/pipe.ts', content: 'x\n' }, ctx);
    assert.equal(written.isError, true);
    assert.match(written.content, /not a regular file/);
  });
});

describe('internal errors shown to the model', () => {
  it('carry workspace-relative paths, never the machine’s', async () => {
    const tmp = await makeTempWorkspace({ 'src/app.ts': 'x\n' });
    try {
      const { ctx } = makeContext(tmp);
      const failing = Object.create(tmp.workspace) as typeof tmp.workspace;
      failing.stat = () =>
        Promise.reject(new Error(`ELOOP: too many symbolic links encountered, stat '${tmp.root}/src/app.ts' (from '/home/someone/.cache/x')`));
      const result = await runTool('read_file', { path: 'src/app.ts' }, { ...ctx, workspace: failing, changes: new ChangeSet(failing) });
      assert.equal(result.isError, true);
      assert.equal(
        result.content,
        "read_file failed unexpectedly: ELOOP: too many symbolic links encountered, stat 'src/app.ts' (from '<outside the workspace>')",
      );
    } finally {
      await tmp.cleanup();
    }
  });
});
