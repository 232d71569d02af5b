import assert from 'node:assert/strict';
import { listVisibleFiles } from '../../../src/core/workspace/gitignoreFilter';
import { isFileRefusedError, readRegularFile } from '../../../src/core/workspace/regularFile';
import type { ListFilesOptions, Workspace } from '../../../src/core/workspace/workspace';
import { makeTempWorkspace, type TempWorkspace } from './tempWorkspace';

describe('NodeWorkspace', () => {
  let tmp: TempWorkspace;

  beforeEach(async () => {
    tmp = await makeTempWorkspace({
      'a.txt': 'a',
      'src/b.ts': 'b',
      '.git/HEAD': 'ref',
      'pkg/.git': 'gitdir: ../.git/modules/pkg',
      'pkg/index.js': 'x',
    });
  });
  afterEach(() => tmp.cleanup());

  it('reads, stats and resolves files; missing is undefined', async () => {
    const { workspace } = tmp;
    assert.equal(Buffer.from((await workspace.readFile('a.txt')) ?? []).toString(), 'a');
    assert.equal(await workspace.readFile('missing.txt'), undefined);
    assert.equal(await workspace.readFile('a.txt/nope'), undefined);
    assert.equal(await workspace.readFile('src'), undefined);
    assert.deepEqual(await workspace.stat('a.txt'), { kind: 'file', size: 1, links: 1 });
    assert.equal((await workspace.stat('src'))?.kind, 'directory');
    assert.equal(await workspace.stat('missing'), undefined);
    await tmp.link('link.txt', 'a.txt');
    assert.equal((await workspace.stat('link.txt'))?.kind, 'symlink');
    assert.equal(await workspace.realPath('link.txt'), await workspace.realPath('a.txt'));
    assert.equal(await workspace.realPath('missing'), undefined);
  });

  it('lists files without .git (any case, any depth), following symlinked files but not directories', async () => {
    await tmp.write('sub/.GIT/config', 'x');
    await tmp.link('link.txt', 'a.txt');
    await tmp.link('loop', '.');
    await tmp.link('dead', 'nowhere');
    assert.deepEqual(await tmp.workspace.listFiles(), ['a.txt', 'link.txt', 'pkg/index.js', 'src/b.ts']);
  });

  it('prunes directories the caller declines', async () => {
    const asked: string[] = [];
    const files = await tmp.workspace.listFiles({
      descend: (dir) => {
        asked.push(dir);
        return dir !== 'src';
      },
    });
    assert.deepEqual(files, ['a.txt', 'pkg/index.js']);
    assert.deepEqual(asked.sort(), ['pkg', 'src']);
  });

  it('writes with parent directories and deletes', async () => {
    await tmp.workspace.writeFile('new/deep/file.txt', new TextEncoder().encode('hi'));
    assert.equal((await tmp.bytes('new/deep/file.txt'))?.toString(), 'hi');
    await tmp.workspace.deleteFile('new/deep/file.txt');
    assert.equal(await tmp.bytes('new/deep/file.txt'), undefined);
    await tmp.workspace.deleteFile('never-existed.txt');
  });

  it('never reaches outside its root, whatever it is given', async () => {
    await assert.rejects(tmp.workspace.readFile('../outside/x'), /outside the workspace/);
    await assert.rejects(tmp.workspace.writeFile('/tmp/evil', new Uint8Array()), /outside the workspace/);
  });
});

describe('listVisibleFiles', () => {
  let tmp: TempWorkspace;
  beforeEach(async () => {
    tmp = await makeTempWorkspace({
      '.gitignore': 'node_modules/\n*.log\nbuild/\n',
      'app.ts': 'x',
      'error.log': 'x',
      'node_modules/lib/index.js': 'x',
      'build/.gitignore': '!*.log\n',
      'build/out.log': 'x',
      'pkg/.gitignore': '/local.ts\n!important.log\n',
      'pkg/local.ts': 'x',
      'pkg/deep/local.ts': 'x',
      'pkg/important.log': 'x',
      'pkg/other.log': 'x',
    });
  });
  afterEach(() => tmp.cleanup());

  const expected = ['.gitignore', 'app.ts', 'pkg/.gitignore', 'pkg/deep/local.ts', 'pkg/important.log'];

  it('applies root and nested .gitignore with git semantics and prunes ignored directories', async () => {
    const descended: string[] = [];
    const spy: Workspace = Object.create(tmp.workspace) as Workspace;
    spy.listFiles = (options?: ListFilesOptions) =>
      tmp.workspace.listFiles({
        ...options,
        descend: async (dir) => {
          const go = (await options?.descend?.(dir)) ?? true;
          if (go) descended.push(dir);
          return go;
        },
      });
    assert.deepEqual(await listVisibleFiles(spy), expected);
    assert.ok(!descended.includes('node_modules'));
    assert.ok(!descended.includes('build'));
  });

  it('gives the same answer when the Workspace ignores the descend option', async () => {
    const plain: Workspace = Object.create(tmp.workspace) as Workspace;
    plain.listFiles = () => tmp.workspace.listFiles();
    assert.deepEqual(await listVisibleFiles(plain), expected);
  });
});

describe('readRegularFile', () => {
  it('refuses a device without reading it, and a file over the limit before reading it', async () => {
    await assert.rejects(readRegularFile('/dev/zero', 'dev/zero'), (error: unknown) => {
      assert.ok(isFileRefusedError(error));
      assert.equal(error.message, 'dev/zero is not a regular file (a FIFO, socket or device); only regular files are read');
      return true;
    });
    const tmp = await makeTempWorkspace({ 'big.txt': 'x'.repeat(2048) });
    try {
      await assert.rejects(tmp.workspace.readFile('big.txt', { maxBytes: 1024 }), /big\.txt is too large to read \(2 KB; the limit is 1 KB\)/);
      assert.equal((await tmp.workspace.readFile('big.txt'))?.length, 2048);
      assert.equal(await tmp.workspace.readFile('missing.txt'), undefined);
      assert.equal((await tmp.workspace.stat('big.txt'))?.links, 1);
    } finally {
      await tmp.cleanup();
    }
  });
});
