// The workspace write lock: one --apply at a time per folder, across processes; stale locks are taken over.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import { NodeWorkspace } from '../../../src/core/workspace/nodeWorkspace';
import { lockFileFor, WorkspaceBusyError, withWorkspaceLock } from '../../../src/core/workspace/workspaceLock';
import { makeTempWorkspace, type TempWorkspace } from './tempWorkspace';

const LOCK_MODULE = nodePath.join(__dirname, '..', '..', '..', 'src', 'core', 'workspace', 'workspaceLock.js');

describe('workspace write lock', function () {
  this.timeout(20000);
  let tmp: TempWorkspace;
  let lockDir: string;

  beforeEach(async () => {
    tmp = await makeTempWorkspace();
    lockDir = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-locks-test-'));
  });
  afterEach(async () => {
    await tmp.cleanup();
    await rm(lockDir, { recursive: true, force: true });
  });

  it('runs one holder at a time in one process', async () => {
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 60));
      order.push(`${name} out`);
    };
    await Promise.all([withWorkspaceLock(tmp.root, task('a'), { lockDir }), withWorkspaceLock(tmp.root, task('b'), { lockDir })]);
    assert.ok(order[0]?.endsWith('in') && order[1]?.endsWith('out') && order[2]?.endsWith('in'), order.join(', '));
  });

  it('waits for another process holding it, and takes it over when that process is killed', async () => {
    const marker = nodePath.join(tmp.base, 'child-done');
    const script = `
      const { withWorkspaceLock } = require(${JSON.stringify(LOCK_MODULE)});
      const fs = require('node:fs');
      withWorkspaceLock(${JSON.stringify(tmp.root)}, async () => {
        process.stdout.write('locked\\n');
        await new Promise((r) => setTimeout(r, Number(process.argv[1])));
        fs.writeFileSync(${JSON.stringify(marker)}, 'x');
      }, { lockDir: ${JSON.stringify(lockDir)} });`;
    const holdThenRelease = spawn(process.execPath, ['-e', script, '400'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const released = new Promise((resolve) => holdThenRelease.once('exit', resolve));
    await new Promise<void>((resolve) => holdThenRelease.stdout.once('data', () => resolve()));
    const sawMarker = await withWorkspaceLock(tmp.root, () => stat(marker).then(() => true, () => false), { lockDir });
    assert.equal(sawMarker, true, 'the lock was entered while the other process held it');
    await released;

    await rm(marker, { force: true });
    const killed = spawn(process.execPath, ['-e', script, '60000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => killed.once('exit', resolve));
    await new Promise<void>((resolve) => killed.stdout.once('data', () => resolve()));
    killed.kill('SIGKILL');
    await exited;
    const started = Date.now();
    assert.equal(await withWorkspaceLock(tmp.root, async () => 'mine', { lockDir, waitMs: 5000 }), 'mine');
    assert.ok(Date.now() - started < 2000, 'a dead holder was waited for');
  });

  it('gives up on a live holder after waitMs, and takes over an old unreadable lock', async () => {
    const file = await lockFileFor(tmp.root, lockDir);
    await writeFile(file, JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now(), token: 'other' }));
    await assert.rejects(withWorkspaceLock(tmp.root, async () => 'x', { lockDir, waitMs: 150 }), (error: unknown) => {
      assert.ok(error instanceof WorkspaceBusyError);
      assert.match(error.message, new RegExp(`pid ${process.pid}.*try again`));
      return true;
    });
    assert.match(await readFile(file, 'utf8'), /other/, 'a live lock is left alone');

    await writeFile(file, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    assert.equal(await withWorkspaceLock(tmp.root, async () => 'taken', { lockDir, waitMs: 150 }), 'taken');
    await assert.rejects(stat(file), 'the lock is released afterwards');
  });

  it('two concurrent applies on one folder: each file is applied by one of them, the other is reported stale', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `src/file${i}.ts`);
    for (const name of names) await tmp.write(name, 'export const value = 0;\n');
    const first = new ChangeSet(new NodeWorkspace(tmp.root, { lockDir }));
    const second = new ChangeSet(new NodeWorkspace(tmp.root, { lockDir }));
    for (const name of names) {
      assert.ok((await first.edit(name, '0', '1', false)).ok);
      assert.ok((await second.edit(name, '0', '2', false)).ok);
    }
    const [a, b] = await Promise.all([first.applyToDisk(), second.applyToDisk()]);
    for (const name of names) {
      const disk = (await tmp.bytes(name))?.toString();
      const byA = a.applied.includes(name);
      const byB = b.applied.includes(name);
      assert.ok(byA !== byB, `${name} reported applied by ${byA && byB ? 'both' : 'neither'}`);
      assert.equal(disk, `export const value = ${byA ? 1 : 2};\n`);
      assert.ok((byA ? b : a).stale.includes(name), `${name} not reported stale by the loser`);
    }
  });
});
