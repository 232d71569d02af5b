// What may be read from disk for the model or staged over: regular files with one link, within a size.
// Everything the model sees of the disk (read_file, search, the base of an edit) comes through here.
import { isFileRefusedError, tooLarge } from '../workspace/regularFile';
import type { Workspace } from '../workspace/workspace';

/** The largest file read to the model or edited. */
export const MODEL_MAX_FILE_BYTES = 10 * 1024 * 1024;

export type DiskFile =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'missing' }
  | { kind: 'directory' }
  /** `tooLarge`: refused only for its size, which a caller may report differently. */
  | { kind: 'refused'; reason: string; tooLarge?: boolean };

/** `path` is a guarded workspace-relative target (no symlink left in it). */
export async function readDiskFile(workspace: Workspace, path: string, maxBytes = MODEL_MAX_FILE_BYTES): Promise<DiskFile> {
  const stat = await workspace.stat(path);
  if (stat === undefined) return { kind: 'missing' };
  if (stat.kind === 'directory') return { kind: 'directory' };
  if (stat.kind !== 'file') {
    return refused(`${path} is not a regular file (a FIFO, socket, device or link); only regular files are read or changed`);
  }
  if (stat.links !== undefined && stat.links > 1) return refused(hardLinkReason(path, stat.links));
  if (stat.size > maxBytes) return { ...refused(`${path} ${tooLarge(stat.size, maxBytes)}`), tooLarge: true };
  let bytes: Uint8Array | undefined;
  try {
    bytes = await workspace.readFile(path, { maxBytes });
  } catch (error) {
    if (isFileRefusedError(error)) return refused(`${error.message}`);
    throw error;
  }
  return bytes === undefined ? { kind: 'missing' } : { kind: 'bytes', bytes };
}

function hardLinkReason(path: string, links: number): string {
  return (
    `${path} has ${links} hard links: the same file may also live outside the workspace (package stores such as pnpm's ` +
    'link files this way), so it is neither read nor changed. Work without it, or ask the user to replace it with a copy'
  );
}

function refused(reason: string): { kind: 'refused'; reason: string } {
  return { kind: 'refused', reason: `Refused: ${reason}.` };
}
