// Fingerprints of a directory tree (size, mtime, inode per file; overlay whiteouts as deletes), so the files
// a command changed are found by comparing two scans. Ignored directories are not descended.
import { lstat, readdir } from 'node:fs/promises';
import * as nodePath from 'node:path';

/** Path -> fingerprint ("w" for an overlay whiteout: the file was deleted). */
export type TreeScan = Map<string, string>;

export interface ScanOptions {
  /** False prunes a directory (relative path). */
  descend?(dir: string): boolean | Promise<boolean>;
  /** False leaves a file out. */
  include?(path: string): boolean;
}

export async function scanTree(root: string, options: ScanOptions = {}): Promise<TreeScan> {
  const found: TreeScan = new Map();
  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(dir === '' ? root : nodePath.join(root, dir));
    } catch {
      return;
    }
    await Promise.all(
      names.map(async (name) => {
        if (name === '.git') return;
        const rel = dir === '' ? name : `${dir}/${name}`;
        const info = await lstat(nodePath.join(root, rel)).catch(() => undefined);
        if (!info) return;
        if (info.isDirectory()) {
          if ((await options.descend?.(rel)) !== false) await walk(rel);
          return;
        }
        if (options.include?.(rel) === false) return;
        // overlayfs marks a deleted lower file with a 0/0 character device in the upper layer.
        if (info.isCharacterDevice() && info.rdev === 0) found.set(rel, 'w');
        else if (info.isFile()) found.set(rel, `${info.size}:${info.mtimeMs}:${info.ino}`);
      }),
    );
  };
  await walk('');
  return found;
}

/** Paths whose fingerprint differs between the scans, including ones that appeared or disappeared. */
export function changedPaths(before: TreeScan, after: TreeScan): string[] {
  const changed = new Set<string>();
  for (const [path, print] of after) if (before.get(path) !== print) changed.add(path);
  for (const path of before.keys()) if (!after.has(path)) changed.add(path);
  return [...changed].sort();
}
