// Shared by the commands tests: a consent that records what it was asked, and a hash of a whole tree so a
// test can show the workspace on disk is byte-identical afterwards.
import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { CommandConsent, CommandRequest, CommandSettings, ConsentAnswer } from '../../../src/core/commands/commandPolicy';

export class RecordingConsent implements CommandConsent {
  readonly asked: CommandRequest[] = [];
  readonly allowed = new Set<string>();
  refuse?: (command: string) => string | undefined;
  constructor(public answer: ConsentAnswer = 'run') {}
  isAllowed(command: string): boolean {
    return this.allowed.has(command);
  }
  ask(request: CommandRequest): Promise<ConsentAnswer> {
    this.asked.push(request);
    return Promise.resolve(this.answer);
  }
  allow(command: string): void {
    this.allowed.add(command);
  }
}

export function settings(overrides: Partial<CommandSettings> = {}): CommandSettings {
  return { approval: 'sandboxed', allowedDomains: [], timeoutSeconds: 30, useSandbox: true, ...overrides };
}

/** sha256 over every path, kind and content under `root` (symlinks by target). */
export async function hashTree(root: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    const names = (await readdir(nodePath.join(root, dir))).sort();
    for (const name of names) {
      const rel = dir === '' ? name : `${dir}/${name}`;
      const full = nodePath.join(root, rel);
      const info = await lstat(full);
      if (info.isSymbolicLink()) hash.update(`l ${rel} ${await readlink(full)}\n`);
      else if (info.isDirectory()) {
        hash.update(`d ${rel}\n`);
        await walk(rel);
      } else hash.update(`f ${rel} ${info.mode} `).update(await readFile(full)).update('\n');
    }
  };
  await walk('');
  return hash.digest('hex');
}
