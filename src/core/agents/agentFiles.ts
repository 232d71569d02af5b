// Finding and reading agent files on disk without trusting the folder: a repository can ship `.claude/agents`
// as a symlink to `/`, or links inside it to anywhere. Links are followed only while they stay inside the
// source's own folder (and a workspace source inside the workspace); depth, count and size are capped.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { readRegularFile } from '../workspace/regularFile';

export const MAX_AGENT_DEPTH = 6;
export const MAX_AGENT_FILES = 200;
export const MAX_AGENT_FILE_BYTES = 512 * 1024;

export interface FindAgentFilesOptions {
  /** The folder the source must resolve inside (a workspace source: the workspace root). */
  boundary?: string;
  /** Told about each link not followed, cap reached or folder not read; the walk goes on. */
  onProblem?(path: string, reason: string): void;
}

/** Absolute paths of the `.md` files under `dir`, sorted; empty when `dir` does not exist. */
export async function findAgentMarkdownFiles(dir: string, options: FindAgentFilesOptions = {}): Promise<string[]> {
  const report = options.onProblem ?? (() => undefined);
  const root = await realpath(dir).catch(() => undefined);
  if (root === undefined) return [];
  if (options.boundary !== undefined) {
    const boundary = await realpath(options.boundary).catch(() => options.boundary ?? '');
    if (!isInside(boundary, root)) {
      report(dir, 'not loaded: it is a link that leads outside the workspace');
      return [];
    }
  }
  const files: string[] = [];
  const seen = new Set<string>([root]);
  let capped = false;
  const walk = async (shown: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(shown, { withFileTypes: true });
    } catch (error) {
      report(shown, `not read: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = nodePath.join(shown, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const real = await realpath(path).catch(() => undefined);
        if (real === undefined || !isInside(root, real)) {
          report(path, 'skipped: a link that leads outside the agents folder');
          continue;
        }
        const target = await stat(real).catch(() => undefined);
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
        if (isDirectory && seen.has(real)) continue;
        if (isDirectory) seen.add(real);
      }
      if (isDirectory) {
        if (depth >= MAX_AGENT_DEPTH) {
          report(path, `skipped: deeper than ${MAX_AGENT_DEPTH} folders`);
          continue;
        }
        await walk(path, depth + 1);
      } else if (isFile && entry.name.toLowerCase().endsWith('.md')) {
        if (files.length >= MAX_AGENT_FILES) {
          if (!capped) report(dir, `only the first ${MAX_AGENT_FILES} agent files are loaded`);
          capped = true;
          return;
        }
        files.push(path);
      }
      if (capped) return;
    }
  };
  await walk(dir, 1);
  return files.sort();
}

/** An agent file's text: a regular file (a FIFO would hang the load) no larger than MAX_AGENT_FILE_BYTES. */
export async function readAgentFile(path: string): Promise<string> {
  const bytes = await readRegularFile(path, nodePath.basename(path), MAX_AGENT_FILE_BYTES);
  if (bytes === undefined) throw new Error('the file does not exist');
  return new TextDecoder().decode(bytes);
}

function isInside(root: string, path: string): boolean {
  const rel = nodePath.relative(root, path);
  return rel === '' || (!nodePath.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${nodePath.sep}`));
}
