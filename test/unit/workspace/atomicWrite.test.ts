// How --apply lands files: temp file + rename (never through a hard link), mode kept, compare-and-swap.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, link, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import { FileChangedError } from '../../../src/core/workspace/workspace';
import { makeTempWorkspace, type TempWorkspace } from './tempWorkspace';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('NodeWorkspace writes (temp file + rename)', () => {
  let tmp: TempWorkspace;

  beforeEach(async () => {
    tmp = await makeTempWorkspace({ 'bin/run.sh': '#!/bin/sh\necho old\n', 'a.txt': 'a\n' });
  });
  afterEach(() => tmp.cleanup());

  it('replaces a hard-linked file without rewriting the file at the other end of the link', async () => {
    const outsideFile = nodePath.join(tmp.outside, 'store-index.js');
    await writeFile(outsideFile, 'module.exports = 1;\n');
    await tmp.write('node_modules/pkg/index.js', '');
    const inside = nodePath.join(tmp.root, 'node_modules/pkg/index.js');
    await unlink(inside);
    await link(outsideFile, inside);

    await tmp.workspace.writeFile('node_modules/pkg/index.js', bytes('module.exports = 2;\n'));

    assert.equal(await readFile(outsideFile, 'utf8'), 'module.exports = 1;\n');
    assert.equal((await tmp.bytes('node_modules/pkg/index.js'))?.toString(), 'module.exports = 2;\n');
    assert.equal((await stat(outsideFile)).nlink, 1);
  });

  it('an applied ChangeSet never writes through a link made after staging', async () => {
    const changes = new ChangeSet(tmp.workspace);
    assert.ok((await changes.edit('a.txt', 'a', 'b', false)).ok);
    const outsideFile = nodePath.join(tmp.outside, 'a.txt');
    await writeFile(outsideFile, 'a\n');
    const inside = nodePath.join(tmp.root, 'a.txt');
    await unlink(inside);
    await link(outsideFile, inside);

    await changes.applyToDisk();

    assert.equal(await readFile(outsideFile, 'utf8'), 'a\n');
  });

  it('keeps the mode of the file it replaces and leaves no temp file behind', async () => {
    await chmod(nodePath.join(tmp.root, 'bin/run.sh'), 0o755);
    await tmp.workspace.writeFile('bin/run.sh', bytes('#!/bin/sh\necho new\n'));
    assert.equal((await stat(nodePath.join(tmp.root, 'bin/run.sh'))).mode & 0o777, 0o755);
    assert.deepEqual(await readdir(nodePath.join(tmp.root, 'bin')), ['run.sh']);
    assert.equal((await tmp.bytes('bin/run.sh'))?.toString(), '#!/bin/sh\necho new\n');
  });

  it('compare-and-swap: writes and deletes only over the expected content', async () => {
    await tmp.workspace.writeFile('a.txt', bytes('b\n'), { hash: sha('a\n') });
    assert.equal((await tmp.bytes('a.txt'))?.toString(), 'b\n');

    await assert.rejects(tmp.workspace.writeFile('a.txt', bytes('c\n'), { hash: sha('a\n') }), FileChangedError);
    await assert.rejects(tmp.workspace.writeFile('new.txt', bytes('x'), { hash: sha('x') }), FileChangedError);
    await assert.rejects(tmp.workspace.writeFile('a.txt', bytes('c\n'), { hash: null }), FileChangedError);
    await assert.rejects(tmp.workspace.deleteFile('a.txt', { hash: sha('a\n') }), FileChangedError);
    assert.equal((await tmp.bytes('a.txt'))?.toString(), 'b\n');
    assert.equal(await tmp.bytes('new.txt'), undefined);
    assert.deepEqual((await readdir(tmp.root)).sort(), ['a.txt', 'bin']);

    await tmp.workspace.writeFile('new.txt', bytes('x'), { hash: null });
    await tmp.workspace.deleteFile('a.txt', { hash: sha('b\n') });
    assert.equal(await tmp.bytes('a.txt'), undefined);
    assert.equal((await tmp.bytes('new.txt'))?.toString(), 'x');
  });
});
