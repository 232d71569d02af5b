// The shadow of a workspace: the files on disk with the run's staged ChangeSet laid over them, at a place of
// our own, where commands run. Two ways to build it (see docs/notes in the README "Commands" section):
// an overlay mount (Linux; no copy: `overlayShadow.ts`) or a copy of the non-ignored files (`copyShadow.ts`).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as nodePath from 'node:path';
import type { ChangeSet } from '../changes/changeSet';
import { contentHash, encodeText } from '../changes/fileText';
import { GitignoreRules } from '../workspace/gitignoreFilter';
import type { TreeScan } from './treeScan';

/** A file a command changed in the shadow: its new bytes, or undefined when it deleted it. */
export interface ShadowChange {
  path: string;
  bytes: Uint8Array | undefined;
}

export interface Shadow {
  readonly kind: 'overlay' | 'copy';
  /** The directory the command runs in, as the command sees it. */
  readonly runRoot: string;
  /** Brings the shadow in step with the ChangeSet (only what changed since the last call). */
  sync(): Promise<void>;
  /** Fingerprints taken before a command, for `changesSince`. */
  scan(): Promise<TreeScan>;
  /** Non-ignored files the command created, changed or deleted since `before`. */
  changesSince(before: TreeScan): Promise<ShadowChange[]>;
  /** Drops a path's shadow state so it shows the disk again (e.g. a change that could not be staged). */
  reset(path: string): Promise<void>;
  /** Removes the shadow's files. */
  dispose(): Promise<void>;
}

/** The workspace's .gitignore rules, loaded for every ancestor of the paths asked about. */
export class IgnoredPaths {
  private readonly rules: GitignoreRules;
  private readonly loaded = new Set<string>();

  constructor(changes: ChangeSet) {
    this.rules = new GitignoreRules(changes.workspace);
  }

  async prepare(paths: Iterable<string>): Promise<void> {
    const dirs = new Set<string>(['']);
    for (const path of paths) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    }
    const missing = [...dirs].filter((dir) => !this.loaded.has(dir));
    for (const dir of missing) this.loaded.add(dir);
    await Promise.all(missing.map((dir) => this.rules.load(dir)));
  }

  /** After `prepare` covered the path (directories load lazily as they are met during a scan). */
  isIgnored(path: string, isDirectory: boolean): boolean {
    if (path === '.git' || path.startsWith('.git/')) return true;
    return this.rules.isIgnored(path, isDirectory);
  }

  /** A scan's `descend`: prunes ignored directories, loads the .gitignore of the others. */
  readonly descend = async (dir: string): Promise<boolean> => {
    if (this.isIgnored(dir, true)) return false;
    if (!this.loaded.has(dir)) {
      this.loaded.add(dir);
      await this.rules.load(dir);
    }
    return true;
  };

  /** A scan's `include`: non-ignored files only. */
  readonly include = (path: string): boolean => !this.isIgnored(path, false);
}

/**
 * Brings a shadow's copies of the staged files in line with the ChangeSet, touching only what changed: a staged text is
 * written at `placeOf(path)`, a staged delete removes it, and a path no longer staged goes back to the disk's (`reset`).
 * `mirrored` remembers what was written: the content's hash, '' for a delete.
 */
export async function mirrorStaged(
  changes: ChangeSet,
  mirrored: Map<string, string>,
  placeOf: (path: string) => string,
  reset: (path: string) => Promise<void>,
): Promise<void> {
  const staged = new Map(changes.entries().map((entry) => [entry.path, entry]));
  for (const [path] of mirrored) {
    if (!staged.has(path)) await reset(path);
  }
  for (const entry of staged.values()) {
    const hash = entry.content === undefined ? '' : contentHash(entry.content);
    if (mirrored.get(entry.path) === hash) continue;
    const full = placeOf(entry.path);
    await rm(full, { force: true, recursive: true });
    if (entry.content !== undefined) {
      await mkdir(nodePath.dirname(full), { recursive: true });
      await writeFile(full, encodeText(entry.content));
    }
    mirrored.set(entry.path, hash);
  }
}
