// How NodeWorkspace lands a file: a temp file in the same directory, then a rename over the target. Never a
// write through the existing file, so a hard link to a file elsewhere (pnpm's store) keeps its content, and a
// crash leaves either the old file or the new one. The compare-and-swap check runs right before the rename.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, open, readFile, rename, unlink } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { contentHash } from './contentHash';
import { FileChangedError, type ExpectedContent } from './workspace';

/** Writes `data` to `full` by temp file + rename, keeping the old file's mode; with `expect`, compare-and-swap. */
export async function replaceFile(full: string, data: Uint8Array, expect: ExpectedContent | undefined, shown: string): Promise<void> {
  const mode = await existingMode(full);
  const temp = nodePath.join(nodePath.dirname(full), `.${nodePath.basename(full)}.dev-backend-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o666);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await chmod(temp, mode);
    if (expect) await checkUnchanged(full, expect, shown);
    await rename(temp, full);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Unlinks `full` (missing is fine); with `expect`, only when it still holds those bytes. */
export async function removeFile(full: string, expect: ExpectedContent | undefined, shown: string): Promise<void> {
  if (expect) await checkUnchanged(full, expect, shown);
  try {
    await unlink(full);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

async function checkUnchanged(full: string, expect: ExpectedContent, shown: string): Promise<void> {
  let hash: string | null;
  try {
    hash = contentHash(await readFile(full));
  } catch (error) {
    if (!isMissing(error)) throw error;
    hash = null;
  }
  if (hash !== expect.hash) throw new FileChangedError(shown);
}

async function existingMode(full: string): Promise<number | undefined> {
  try {
    const stat = await lstat(full);
    return stat.isFile() ? stat.mode & 0o7777 : undefined;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
