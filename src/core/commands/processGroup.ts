// One command as one process group: started detached (its own group), combined output in arrival order,
// and ended as a whole (SIGTERM, then SIGKILL after a grace period) on timeout, cancel, or when the command's
// own shell exits leaving children behind. `ProcessGroups` ends every group still alive when a run ends.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { OutputCapture } from './outputCapture';

export const KILL_GRACE_MS = 2_000;

export interface ProcessLaunch {
  file: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface GroupRunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Stripped output as it arrives (the user's live view). */
  onOutput?: (text: string) => void;
  graceMs?: number;
  groups?: ProcessGroups;
}

export interface GroupRunResult {
  /** Null when the process was ended by a signal or could not start. */
  exitCode: number | null;
  /** How it ended when not by its own exit. */
  ended: 'exited' | 'timeout' | 'cancelled' | 'spawn-failed';
  /** Why it could not start, when `ended` is 'spawn-failed'. */
  spawnError?: string;
  durationMs: number;
  pid: number | undefined;
  output: OutputCapture;
}

/** Live process groups of a run, so its end can stop them all. */
export class ProcessGroups {
  private readonly live = new Map<number, () => Promise<void>>();

  add(pid: number, end: () => Promise<void>): void {
    this.live.set(pid, end);
  }

  delete(pid: number): void {
    this.live.delete(pid);
  }

  get size(): number {
    return this.live.size;
  }

  /** Ends every live group (SIGTERM, then SIGKILL) and waits for that. */
  async endAll(): Promise<void> {
    await Promise.all([...this.live.values()].map((end) => end()));
    this.live.clear();
  }
}

export function runProcessGroup(launch: ProcessLaunch, options: GroupRunOptions): Promise<GroupRunResult> {
  const started = Date.now();
  const output = new OutputCapture();
  const grace = options.graceMs ?? KILL_GRACE_MS;
  return new Promise((resolve) => {
    const child = spawn(launch.file, [...launch.args], {
      cwd: launch.cwd,
      env: launch.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid;
    let ended: GroupRunResult['ended'] = 'exited';
    let exitCode: number | null = null;
    let spawnError: string | undefined;
    let ending: Promise<void> | undefined;
    let settled = false;
    let forceTimer: NodeJS.Timeout | undefined;

    const endGroup = (): Promise<void> => {
      ending ??= killGroup(pid, grace);
      return ending;
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(forceTimer);
      options.signal?.removeEventListener('abort', onAbort);
      if (pid !== undefined) options.groups?.delete(pid);
      const rest = output.end();
      if (rest) options.onOutput?.(rest);
      resolve({ exitCode, ended, durationMs: Date.now() - started, pid, output, ...(spawnError ? { spawnError } : {}) });
    };
    // Normally 'close' (every pipe shut) finishes; a process that escaped the group could hold a pipe open forever.
    const endThenFinish = (): void => {
      void endGroup().then(() => {
        if (settled) return;
        forceTimer = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish();
        }, 1_000);
      });
    };
    const stop = (why: 'timeout' | 'cancelled'): void => {
      if (settled || ending) return;
      ended = why;
      endThenFinish();
    };
    const onAbort = (): void => stop('cancelled');
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    if (pid !== undefined) options.groups?.add(pid, endGroup);

    const onData = (chunk: Buffer): void => {
      const text = output.push(chunk);
      if (text) options.onOutput?.(text);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      ended = 'spawn-failed';
      spawnError = error.message;
      finish();
    });
    // The shell is done: anything it left running (`&`, grandchildren) is ended too, then the pipes close.
    child.on('exit', (code) => {
      if (ended === 'exited') exitCode = code;
      endThenFinish();
    });
    child.on('close', finish);
  });
}

/** SIGTERM to the group; SIGKILL to whatever is left after `grace`. Resolves when the group is gone. */
async function killGroup(pid: number | undefined, grace: number): Promise<void> {
  if (pid === undefined) return;
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + grace;
  while (Date.now() < deadline) {
    await delay(25);
    if (!groupAlive(pid)) return;
  }
  signalGroup(pid, 'SIGKILL');
  for (let i = 0; i < 40 && groupAlive(pid); i++) await delay(25);
}

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Whether any process of the group still runs. On Linux zombies do not count: an orphan's reaper may be slow. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  return livingMembers(pid) > 0;
}

function livingMembers(group: number): number {
  let count = 0;
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return 1;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === group && fields[0] !== 'Z') count++;
    } catch {
      // The process ended while we looked.
    }
  }
  return count;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
