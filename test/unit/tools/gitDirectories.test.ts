// Git directories under other names (separate-git-dir, worktrees, submodules) are as off limits as .git/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as nodePath from 'node:path';
import { runTool } from '../../../src/core/tools';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { ENGINES, makeContext } from './toolHarness';

describe('git directories under other names', () => {
  let tmp: TempWorkspace;

  beforeEach(async () => {
    tmp = await makeTempWorkspace({ 'src/app.ts': 'export const app = 1;\n' });
    // `git init --separate-git-dir=ws/gitmeta ws`: .git is a file naming gitmeta/.
    execFileSync('git', ['init', '-q', `--separate-git-dir=${nodePath.join(tmp.root, 'gitmeta')}`, tmp.root]);
    // A submodule-style .git file naming a directory that is not (yet) shaped like a repository.
    await tmp.write('.gitmodules', '[submodule "lib"]\n\tpath = vendor/lib\n\turl = https://example.com/lib.git\n');
    await tmp.write('vendor/lib/.git', 'gitdir: ../../modules/lib\n');
    await tmp.write('vendor/lib/index.js', 'module.exports = 1;\n');
    await tmp.write('modules/lib/config', '[core]\n\tbare = false\n');
  });
  afterEach(() => tmp.cleanup());

  it('refuses reading, writing and editing inside a separate git directory', async () => {
    const { ctx } = makeContext(tmp);
    const read = await runTool('read_file', { path: 'gitmeta/config' }, ctx);
    assert.equal(read.isError, true);
    assert.match(read.content, /"gitmeta" is a git directory/);
    const edit = await runTool('edit_file', { path: 'gitmeta/config', old_string: '[core]', new_string: '[core]\n\tfsmonitor = touch /tmp/pwned' }, ctx);
    assert.equal(edit.isError, true);
    const hook = await runTool('write_file', { path: 'gitmeta/hooks/pre-commit', content: '#!/bin/sh\n' }, ctx);
    assert.equal(hook.isError, true);
    assert.match(hook.content, /git directory/);
    assert.equal(ctx.changes.size, 0);
  });

  it('treats a directory named by a nested .git file like .git/, even when it does not look like a repository', async () => {
    const { ctx } = makeContext(tmp);
    const write = await runTool('write_file', { path: 'modules/lib/config', content: '[core]\n\tfsmonitor = evil\n' }, ctx);
    assert.equal(write.isError, true);
    assert.match(write.content, /"modules\/lib" is a git directory/);
    const fine = await runTool('read_file', { path: 'vendor/lib/index.js' }, ctx);
    assert.equal(fine.isError, false);
  });

  it('refuses .git files themselves and lists neither them nor the git directories', async () => {
    const { ctx } = makeContext(tmp);
    for (const path of ['.git', 'vendor/lib/.git']) {
      const read = await runTool('read_file', { path }, ctx);
      assert.equal(read.isError, true, path);
      assert.match(read.content, /\.git\/ are off limits/);
      const write = await runTool('write_file', { path, content: 'gitdir: /tmp\n' }, ctx);
      assert.equal(write.isError, true, path);
    }
  });

  for (const engine of ENGINES) {
    it(`lists and searches neither the .git files nor the git directories (${engine})`, async () => {
      const { ctx } = makeContext(tmp, { engine });
      const listed = await runTool('list_files', {}, ctx);
      assert.equal(listed.content, '.gitmodules\nsrc/app.ts\nvendor/lib/index.js');
      const configs = await runTool('list_files', { pattern: '**/config' }, ctx);
      assert.match(configs.content, /^No files/);
      const found = await runTool('search', { query: 'core' }, ctx);
      assert.match(found.content, /^No matches/);
    });
  }
});
