// The shadow as an overlay mount (Linux): the workspace is the lower layer, our `upper` directory holds the
// staged files and whatever commands write, mounted at the workspace's own path inside the command's mount
// namespace (see sandboxLaunch.ts). Setup costs nothing per workspace file; keeping in step costs per staged file.
import { mkdir, mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import type { ChangeSet } from '../changes/changeSet';
import { IgnoredPaths, mirrorStaged, type Shadow, type ShadowChange } from './shadow';
import { changedPaths, scanTree, type TreeScan } from './treeScan';

export class OverlayShadow implements Shadow {
  readonly kind = 'overlay';
  /** Paths whose upper-layer file we wrote, with the hash written ('' for a staged delete). */
  private readonly mirrored = new Map<string, string>();
  private readonly ignored: IgnoredPaths;

  private constructor(
    private readonly changes: ChangeSet,
    readonly base: string,
  ) {
    this.ignored = new IgnoredPaths(changes);
  }

  static async create(changes: ChangeSet): Promise<OverlayShadow> {
    const base = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-shadow-'));
    await Promise.all([mkdir(nodePath.join(base, 'upper')), mkdir(nodePath.join(base, 'work'))]);
    const shadow = new OverlayShadow(changes, base);
    await shadow.sync();
    return shadow;
  }

  get runRoot(): string {
    return this.changes.workspace.root;
  }

  get upperDir(): string {
    return nodePath.join(this.base, 'upper');
  }

  get workDir(): string {
    return nodePath.join(this.base, 'work');
  }

  /** Staged deletes: removed inside the mount before each command, which leaves a whiteout in `upper`. */
  stagedDeletes(): string[] {
    return [...this.mirrored].filter(([, hash]) => hash === '').map(([path]) => path);
  }

  async sync(): Promise<void> {
    await mirrorStaged(this.changes, this.mirrored, (path) => this.upperPath(path), (path) => this.reset(path));
  }


  scan(): Promise<TreeScan> {
    return this.scanUpper();
  }

  async changesSince(before: TreeScan): Promise<ShadowChange[]> {
    const after = await this.scanUpper();
    const result: ShadowChange[] = [];
    for (const path of changedPaths(before, after)) {
      const print = after.get(path);
      if (print === undefined || print === 'w') {
        // Gone from the upper layer: deleted, unless the workspace still shows the file underneath (never for a whiteout).
        const onDisk = print === undefined ? await this.changes.workspace.stat(path) : undefined;
        if (onDisk === undefined || print === 'w') result.push({ path, bytes: undefined });
        else result.push({ path, bytes: await this.changes.workspace.readFile(path) });
      } else {
        result.push({ path, bytes: await readFile(this.upperPath(path)) });
      }
      // A command's change now lives in the upper layer; `sync` treats it like a staged file from here on.
      this.mirrored.set(path, print === undefined || print === 'w' ? '' : 'command');
    }
    return result;
  }

  async reset(path: string): Promise<void> {
    await rm(this.upperPath(path), { force: true, recursive: true }).catch(() => unlink(this.upperPath(path)));
    this.mirrored.delete(path);
  }

  async dispose(): Promise<void> {
    await rm(this.base, { recursive: true, force: true });
  }

  private async scanUpper(): Promise<TreeScan> {
    await this.ignored.prepare(['']);
    return scanTree(this.upperDir, { descend: this.ignored.descend, include: this.ignored.include });
  }

  private upperPath(path: string): string {
    return nodePath.join(this.upperDir, ...path.split('/'));
  }
}
