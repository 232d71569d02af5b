// Reading one file from node:fs so that nothing but a regular file is ever read: the file is opened
// non-blocking (opening a FIFO cannot hang), checked on the open handle (no swap between check and read),
// and its size is checked before a byte is read (a device or a huge file is never pulled into memory).
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** The largest file the ports read when the caller gives no limit. */
export const DEFAULT_MAX_READ_BYTES = 64 * 1024 * 1024;

/**
 * A file the port will not read. `message` names the file only by the workspace-relative path it was
 * asked for, so it can be shown to the model as is.
 */
export class FileRefusedError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
    this.name = 'FileRefusedError';
  }
}

export function isFileRefusedError(error: unknown): error is FileRefusedError {
  return error instanceof Error && error.name === 'FileRefusedError' && 'reason' in error;
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

/**
 * The bytes of `absolute`, or undefined when it is missing or a directory. Throws FileRefusedError (named
 * by `shown`) for anything else than a regular file, or a file over `maxBytes`.
 */
export async function readRegularFile(absolute: string, shown: string, maxBytes = DEFAULT_MAX_READ_BYTES): Promise<Uint8Array | undefined> {
  let handle;
  try {
    handle = await open(absolute, OPEN_FLAGS);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    if (code === 'ELOOP') throw new FileRefusedError(shown, 'goes through a symlink loop');
    if (code === 'EACCES' || code === 'EPERM') throw new FileRefusedError(shown, 'cannot be read (permission denied)');
    if (code === 'ENXIO' || code === 'EAGAIN') throw new FileRefusedError(shown, 'is not a regular file (a socket, FIFO or device)');
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return undefined;
    if (!stat.isFile()) throw new FileRefusedError(shown, 'is not a regular file (a FIFO, socket or device); only regular files are read');
    if (stat.size > maxBytes) throw new FileRefusedError(shown, tooLarge(stat.size, maxBytes));
    // Read to the end, but never past the limit: a file can grow while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new FileRefusedError(shown, tooLarge(total, maxBytes));
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    }
    return new Uint8Array(Buffer.concat(chunks, total));
  } finally {
    await handle.close();
  }
}

export function tooLarge(size: number, maxBytes: number): string {
  return `is too large to read (${megabytes(size)}; the limit is ${megabytes(maxBytes)})`;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
