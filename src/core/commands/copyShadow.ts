// The shadow as a copy, where no overlay mount is possible (macOS, Windows, Linux without user namespaces):
// the non-ignored files are copied; ignored entries (node_modules, .venv, target, caches) are symlinked, so
// dependency folders are visible without copying them.
import { copyFile, lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import type { ChangeSet } from '../changes/changeSet';
import { IgnoredPaths, mirrorStaged, type Shadow, type ShadowChange } from './shadow';
import { changedPaths, scanTree, type TreeScan } from './treeScan';

const COPY_CONCURRENCY = 64;

export class CopyShadow implements Shadow {
  readonly kind = 'copy';
  private readonly mirrored = new Map<string, string>();
  private readonly ignored: IgnoredPaths;

  private constructor(
    private readonly changes: ChangeSet,
    readonly base: string,
    readonly runRoot: string,
  ) {
    this.ignored = new IgnoredPaths(changes);
  }

  static async create(changes: ChangeSet): Promise<CopyShadow> {
    const base = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-shadow-'));
    const runRoot = nodePath.join(base, nodePath.basename(changes.workspace.root) || 'workspace');
    const shadow = new CopyShadow(changes, base, runRoot);
    try {
      await mkdir(runRoot);
      await shadow.copyWorkspace();
      await shadow.sync();
    } catch (error) {
      await shadow.dispose();
      throw error;
    }
    return shadow;
  }

  async sync(): Promise<void> {
    await mirrorStaged(this.changes, this.mirrored, (path) => this.shadowPath(path), (path) => this.reset(path));
  }


  async scan(): Promise<TreeScan> {
    await this.ignored.prepare(['']);
    return scanTree(this.runRoot, { descend: this.ignored.descend, include: this.ignored.include });
  }

  async changesSince(before: TreeScan): Promise<ShadowChange[]> {
    const after = await this.scan();
    const result: ShadowChange[] = [];
    for (const path of changedPaths(before, after)) {
      const bytes = after.has(path) ? await readFile(this.shadowPath(path)) : undefined;
      result.push({ path, bytes });
      this.mirrored.set(path, bytes === undefined ? '' : 'command');
    }
    return result;
  }

  /** Puts the disk's file (or its absence) back in the copy. */
  async reset(path: string): Promise<void> {
    const full = this.shadowPath(path);
    await rm(full, { force: true, recursive: true });
    const bytes = await this.changes.workspace.readFile(path);
    if (bytes !== undefined) {
      await mkdir(nodePath.dirname(full), { recursive: true });
      await writeFile(full, bytes);
    }
    this.mirrored.delete(path);
  }

  async dispose(): Promise<void> {
    await rm(this.base, { recursive: true, force: true });
  }

  /** Walks the workspace: directories recreated, files copied, ignored entries symlinked. */
  private async copyWorkspace(): Promise<void> {
    const source = this.changes.workspace.root;
    await this.ignored.prepare(['']);
    const pending: Promise<void>[] = [];
    const copies: [string, string][] = [];
    const walk = async (dir: string): Promise<void> => {
      const names = await readdir(dir === '' ? source : nodePath.join(source, dir));
      for (const name of names) {
        if (name === '.git') continue;
        const rel = dir === '' ? name : `${dir}/${name}`;
        const from = nodePath.join(source, rel);
        const to = nodePath.join(this.runRoot, rel);
        const info = await lstat(from);
        if (info.isDirectory()) {
          if (this.ignored.isIgnored(rel, true)) {
            pending.push(symlink(from, to, 'dir'));
          } else {
            await mkdir(to);
            await this.ignored.descend(rel);
            await walk(rel);
          }
        } else if (this.ignored.isIgnored(rel, false)) {
          pending.push(symlink(from, to));
        } else if (info.isFile()) {
          copies.push([from, to]);
        }
      }
    };
    await walk('');
    await Promise.all(pending);
    for (let i = 0; i < copies.length; i += COPY_CONCURRENCY) {
      await Promise.all(copies.slice(i, i + COPY_CONCURRENCY).map(([from, to]) => copyFile(from, to)));
    }
  }

  private shadowPath(path: string): string {
    return nodePath.join(this.runRoot, ...path.split('/'));
  }
}
