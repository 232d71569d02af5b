// The port through which src/core sees the user's files. Implemented over node:fs (CLI, tests) and over
// vscode.workspace.fs (the extension). Paths are workspace-relative with forward slashes.

export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

export interface FileStat {
  /** 'other': a FIFO, socket or device, never read. */
  kind: FileKind;
  size: number;
  /** Hard links to the file (nlink), when the file system tells; more than one means it may also live outside. */
  links?: number;
}

/** Optional knobs for `readFile`. */
export interface ReadFileOptions {
  /** Refuse (FileRefusedError) a file larger than this, checked before reading. Default DEFAULT_MAX_READ_BYTES. */
  maxBytes?: number;
}

/** Optional knobs for `listFiles`; an implementation may ignore them (callers still filter afterwards). */
export interface ListFilesOptions {
  /** Asked before descending into a directory (relative path); false prunes it, e.g. a gitignored `node_modules`. */
  descend?(dir: string): boolean | Promise<boolean>;
  signal?: AbortSignal;
}

export interface Workspace {
  /** Absolute file-system path of the workspace root. */
  readonly root: string;
  /**
   * The file's bytes, or undefined when it does not exist (or is a directory). Only regular files are read:
   * a FIFO, socket or device, or a file over the size limit, rejects with FileRefusedError (regularFile.ts).
   */
  readFile(path: string, options?: ReadFileOptions): Promise<Uint8Array | undefined>;
  /** Like lstat: a symlink is reported as 'symlink', not followed. Undefined when missing. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Absolute real path with every symlink resolved, or undefined when it does not exist. */
  realPath(path: string): Promise<string | undefined>;
  /** Every file under the root (relative paths), skipping `.git/`; ignore rules are applied by the caller. */
  listFiles(options?: ListFilesOptions): Promise<string[]>;
  /**
   * Used only when applying a reviewed ChangeSet outside VS Code (CLI --apply). With `expect`, the file must
   * still hold those bytes right before it is replaced, else `FileChangedError` and nothing is written.
   */
  writeFile(path: string, data: Uint8Array, expect?: ExpectedContent): Promise<void>;
  deleteFile(path: string, expect?: ExpectedContent): Promise<void>;
  /** Runs `task` while no other writer of this port (another process applying to the same folder) runs. */
  withWriteLock?<T>(task: () => Promise<T>): Promise<T>;
}

/** What a file must hold before a write replaces it: its content hash, or null for "must not exist". */
export interface ExpectedContent {
  hash: string | null;
}

const FILE_CHANGED_ERROR: unique symbol = Symbol.for('dev-backend.FileChangedError');

/** The file changed on disk between the check and the write (compare-and-swap failed); nothing was written. */
export class FileChangedError extends Error {
  /** dist/extension.js and dist/runtime.js each have a copy of this class: `instanceof` checks this mark instead. */
  readonly [FILE_CHANGED_ERROR] = true;
  static [Symbol.hasInstance](value: unknown): value is FileChangedError {
    return typeof value === 'object' && value !== null && FILE_CHANGED_ERROR in value;
  }

  constructor(readonly path: string) {
    super(`${path} changed on disk while it was being written; it was left as it is.`);
    this.name = 'FileChangedError';
  }
}
