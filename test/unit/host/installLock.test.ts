import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HostSetupError } from '../../../scripts/host/hostSetupError';
import { acquireInstallLock } from '../../../scripts/host/installLock';

describe('acquireInstallLock', () => {
  let root = '';
  const quiet = (): void => undefined;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-test-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('takes a free lock and releases it', async () => {
    const lock = path.join(root, 'host.lock');
    const release = await acquireInstallLock(lock, quiet);
    assert.equal(fs.readFileSync(path.join(lock, 'pid'), 'utf8'), String(process.pid));
    release();
    assert.equal(fs.existsSync(lock), false);
  });

  it('takes over a lock whose owner is dead', async () => {
    const lock = path.join(root, 'host.lock');
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'pid'), '2147483646'); // no such process
    const release = await acquireInstallLock(lock, quiet, 0);
    assert.equal(fs.readFileSync(path.join(lock, 'pid'), 'utf8'), String(process.pid));
    release();
  });

  it('gives up on a live owner after the wait limit, naming the lock to remove', async () => {
    const lock = path.join(root, 'host.lock');
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    await assert.rejects(acquireInstallLock(lock, quiet, 0), (err: unknown) => err instanceof HostSetupError && err.message.includes(lock));
  });
});
