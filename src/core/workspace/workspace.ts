// The port through which src/core sees the user's files. Implemented over node:fs (CLI, tests) and over
// vscode.workspace.fs (the extension). Paths are workspace-relative with forward slashes.

export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

export interface FileStat {
  kind: FileKind;
  size: number;
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
  /** The file's bytes, or undefined when it does not exist. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Like lstat: a symlink is reported as 'symlink', not followed. Undefined when missing. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Absolute real path with every symlink resolved, or undefined when it does not exist. */
  realPath(path: string): Promise<string | undefined>;
  /** Every file under the root (relative paths), skipping `.git/`; ignore rules are applied by the caller. */
  listFiles(options?: ListFilesOptions): Promise<string[]>;
  /** Used only when applying a reviewed ChangeSet outside VS Code (CLI --apply). */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  deleteFile(path: string): Promise<void>;
}
