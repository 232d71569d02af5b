// One writer per workspace: `--apply` runs under a lock file in the OS temp folder (never in the user's
// repository), named by a hash of the workspace's real path. A lock whose process is gone, or that is older than
// `staleAfterMs`, is taken over; a live one is waited for, up to `waitMs`.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, realpath, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir, userInfo } from 'node:os';
import * as nodePath from 'node:path';

export interface WorkspaceLockOptions {
  /** Folder holding the lock files; default: a per-user folder in the OS temp folder. */
  lockDir?: string;
  /** How long to wait for a live lock before giving up. */
  waitMs?: number;
  /** A lock older than this is stale even if its process seems alive (pid reuse). */
  staleAfterMs?: number;
}

/** Another process holds the workspace's lock for longer than we wait. */
export class WorkspaceBusyError extends Error {
  constructor(readonly holderPid: number | undefined) {
    super(
      `another dev-backend process${holderPid !== undefined ? ` (pid ${holderPid})` : ''} is applying changes to this workspace; try again when it has finished.`,
    );
    this.name = 'WorkspaceBusyError';
  }
}

interface LockOwner {
  pid: number;
  host: string;
  since: number;
  token: string;
}

const POLL_MS = 25;

/** Runs `task` holding the lock of the workspace at `root`. */
export async function withWorkspaceLock<T>(root: string, task: () => Promise<T>, options: WorkspaceLockOptions = {}): Promise<T> {
  const file = await lockFileFor(root, options.lockDir ?? defaultLockDir());
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: Date.now(), token: randomBytes(8).toString('hex') };
  await acquire(file, owner, options.waitMs ?? 30_000, options.staleAfterMs ?? 10 * 60_000);
  try {
    return await task();
  } finally {
    await release(file, owner);
  }
}

export async function lockFileFor(root: string, lockDir: string): Promise<string> {
  const real = await realpath(root).catch(() => nodePath.resolve(root));
  await mkdir(lockDir, { recursive: true, mode: 0o700 });
  return nodePath.join(lockDir, `${createHash('sha256').update(real).digest('hex').slice(0, 24)}.lock`);
}

function defaultLockDir(): string {
  let user: string;
  try {
    user = String(process.getuid?.() ?? userInfo().username);
  } catch {
    user = 'user';
  }
  return nodePath.join(tmpdir(), `dev-backend-locks-${user}`);
}

async function acquire(file: string, owner: LockOwner, waitMs: number, staleAfterMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await writeFile(file, JSON.stringify(owner), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readOwner(file);
    if (holder === 'gone') continue;
    if (await isStale(file, holder, staleAfterMs)) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) throw new WorkspaceBusyError(holder?.pid);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function release(file: string, owner: LockOwner): Promise<void> {
  const holder = await readOwner(file);
  if (holder !== 'gone' && holder?.token === owner.token) await unlink(file).catch(() => undefined);
}

/** The lock's owner; undefined when the file is unreadable or half-written; 'gone' when it vanished. */
async function readOwner(file: string): Promise<LockOwner | undefined | 'gone'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.since === 'number' && typeof parsed.token === 'string') {
      return { pid: parsed.pid, host: String(parsed.host ?? ''), since: parsed.since, token: parsed.token };
    }
  } catch {
    // A writer between create and write, or a damaged file: judged by age below.
  }
  return undefined;
}

const UNREADABLE_STALE_MS = 5_000;

async function isStale(file: string, holder: LockOwner | undefined, staleAfterMs: number): Promise<boolean> {
  // An unreadable lock (a writer between create and write, or one that died there) is stale once it is not fresh.
  if (!holder) return Date.now() - (await stat(file).then((s) => s.mtimeMs, () => Date.now())) > UNREADABLE_STALE_MS;
  if (Date.now() - holder.since > staleAfterMs) return true;
  if (holder.host !== hostname()) return false;
  return !processAlive(holder.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
