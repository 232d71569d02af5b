// The Workspace port over node:fs, for the CLI and tests. Paths are workspace-relative with forward slashes;
// the path guard (core/changes/pathGuard.ts) vets them first, this class only refuses lexical escapes.
import type { Dirent } from 'node:fs';
import { lstat, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { removeFile, replaceFile } from './atomicFile';
import { readRegularFile } from './regularFile';
import type { ExpectedContent, FileStat, ListFilesOptions, ReadFileOptions, Workspace } from './workspace';
import { withWorkspaceLock, type WorkspaceLockOptions } from './workspaceLock';

export class NodeWorkspace implements Workspace {
  readonly root: string;

  constructor(
    root: string,
    private readonly lockOptions: WorkspaceLockOptions = {},
  ) {
    this.root = nodePath.resolve(root);
  }

  async readFile(path: string, options: ReadFileOptions = {}): Promise<Uint8Array | undefined> {
    return await readRegularFile(this.absolute(path), path, options.maxBytes);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await lstat(this.absolute(path));
      const kind = s.isSymbolicLink() ? 'symlink' : s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
      return { kind, size: s.size, links: s.nlink };
    } catch (error) {
      // A path through a symlink loop does not exist as a file; the guard refuses the loop itself.
      if (isMissing(error) || errorCode(error) === 'ELOOP') return undefined;
      throw error;
    }
  }

  async realPath(path: string): Promise<string | undefined> {
    try {
      return await realpath(this.absolute(path));
    } catch (error) {
      if (isMissing(error) || errorCode(error) === 'ELOOP') return undefined;
      throw error;
    }
  }

  /** Walks the tree without following symlinked directories (no cycles); symlinks to files are listed. */
  async listFiles(options: ListFilesOptions = {}): Promise<string[]> {
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      options.signal?.throwIfAborted();
      let entries: Dirent[];
      try {
        entries = await readdir(this.absolute(dir), { withFileTypes: true });
      } catch (error) {
        // A directory that vanished or that we may not read is simply not listed.
        if (isMissing(error) || errorCode(error) === 'EACCES' || errorCode(error) === 'EPERM') return;
        throw error;
      }
      const subdirs: string[] = [];
      for (const entry of entries) {
        if (entry.name.toLowerCase() === '.git') continue;
        const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if (entry.isDirectory()) subdirs.push(rel);
        else if (entry.isFile()) files.push(rel);
        else if (entry.isSymbolicLink() && (await this.isFileTarget(rel))) files.push(rel);
      }
      await Promise.all(
        subdirs.map(async (sub) => {
          if (options.descend && !(await options.descend(sub))) return;
          await walk(sub);
        }),
      );
    };
    await walk('');
    return files.sort();
  }

  /** Creates missing parent directories; lands as temp file + rename (see atomicFile.ts). */
  async writeFile(path: string, data: Uint8Array, expect?: ExpectedContent): Promise<void> {
    const full = this.absolute(path);
    await mkdir(nodePath.dirname(full), { recursive: true });
    await replaceFile(full, data, expect, path);
  }

  async deleteFile(path: string, expect?: ExpectedContent): Promise<void> {
    await removeFile(this.absolute(path), expect, path);
  }

  /** A lock shared by every process applying to this folder (see workspaceLock.ts). */
  withWriteLock<T>(task: () => Promise<T>): Promise<T> {
    return withWorkspaceLock(this.root, task, this.lockOptions);
  }

  private async isFileTarget(path: string): Promise<boolean> {
    try {
      return (await stat(this.absolute(path))).isFile();
    } catch {
      return false;
    }
  }

  /** Defence in depth: the port never reaches outside its root, whatever the caller passes. */
  private absolute(path: string): string {
    const full = nodePath.resolve(this.root, path);
    if (full !== this.root && !full.startsWith(this.root.endsWith(nodePath.sep) ? this.root : this.root + nodePath.sep)) {
      throw new Error(`Path "${path}" is outside the workspace`);
    }
    return full;
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}
