// A cross-process lock (a directory holding the owner's pid) so two runs never install into the same folder at once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HostSetupError } from './hostSetupError';

const POLL_MS = 1000;

/** Takes the lock at `lockDir`, waiting while a live process holds it; a dead owner's lock is taken over. */
export async function acquireInstallLock(lockDir: string, print: (line: string) => void, maxWaitMs = 15 * 60_000): Promise<() => void> {
  const pidFile = path.join(lockDir, 'pid');
  const started = Date.now();
  let announced = false;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(pidFile, String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(pidFile);
    if (owner === undefined ? isOlderThan(lockDir, 30_000) : !isAlive(owner)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started >= maxWaitMs) {
      throw new HostSetupError(`Waited ${Math.round(maxWaitMs / 60_000)} min for another install of the host (pid ${owner ?? '?'}) to finish. If no install is running, remove ${lockDir}.`);
    }
    if (!announced) {
      print(`[host] another process (pid ${owner ?? '?'}) is installing the host; waiting for it...`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function readOwner(pidFile: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8'), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined; // the owner is between mkdir and writing its pid
  }
}

function isOlderThan(dir: string, ms: number): boolean {
  try {
    return Date.now() - fs.statSync(dir).mtimeMs > ms;
  } catch {
    return true;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
