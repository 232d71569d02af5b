// The Workspace port inside VS Code: files through vscode.workspace.fs (local, remote or virtual), except
// that an open document with unsaved changes is read from its editor, since that is what the user sees
// and what a review would edit.
import { lstat, realpath } from 'node:fs/promises';
import * as nodePath from 'node:path';
import vscode = require('vscode');
import { contentHash } from '../../core/changes/fileText';
import { DEFAULT_MAX_READ_BYTES, FileRefusedError, readRegularFile, tooLarge } from '../../core/workspace/regularFile';
import { FileChangedError, type ExpectedContent, type FileStat, type ListFilesOptions, type ReadFileOptions, type Workspace } from '../../core/workspace/workspace';

const encoder = new TextEncoder();

export class VscodeWorkspace implements Workspace {
  readonly root: string;

  constructor(readonly rootUri: vscode.Uri) {
    this.root = rootUri.scheme === 'file' ? nodePath.resolve(rootUri.fsPath) : rootUri.path;
  }

  /** Over the first workspace folder; undefined when the window has no folder open. */
  static forFirstFolder(): VscodeWorkspace | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? new VscodeWorkspace(folder.uri) : undefined;
  }

  /** The URI of a workspace-relative path (refuses paths that leave the root). */
  uri(path: string): vscode.Uri {
    const normal = nodePath.posix.normalize(path.replace(/\\/g, '/'));
    if (nodePath.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')) {
      throw new Error(`Path "${path}" is outside the workspace ${this.root}`);
    }
    return normal === '.' ? this.rootUri : vscode.Uri.joinPath(this.rootUri, ...normal.split('/'));
  }

  /** The workspace-relative path of a URI under the root, or undefined. */
  relativePath(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== this.rootUri.scheme || uri.authority !== this.rootUri.authority) return undefined;
    const rel = nodePath.posix.relative(this.rootUri.path, uri.path);
    return rel === '' || rel === '..' || rel.startsWith('../') || nodePath.posix.isAbsolute(rel) ? undefined : rel;
  }

  /** Only regular files, size checked first: a FIFO would block the file service, a device never ends. */
  async readFile(path: string, options: ReadFileOptions = {}): Promise<Uint8Array | undefined> {
    const uri = this.uri(path);
    const open = dirtyDocument(uri);
    if (open) return encoder.encode(open.getText());
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
    if (uri.scheme === 'file') return readRegularFile(uri.fsPath, path, maxBytes);
    const stat = await this.stat(path);
    if (stat === undefined || stat.kind === 'directory') return undefined;
    if (stat.kind === 'other') throw new FileRefusedError(path, 'is not a regular file (a FIFO, socket or device); only regular files are read');
    if (stat.size > maxBytes) throw new FileRefusedError(path, tooLarge(stat.size, maxBytes));
    try {
      return await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      if (isMissing(error) || hasCode(error, 'FileIsADirectory')) return undefined;
      throw error;
    }
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const uri = this.uri(path);
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch (error) {
      if (!isMissing(error)) throw error;
      // A dirty editor of a file deleted on disk still reads as that file.
      const open = dirtyDocument(uri);
      return open ? { kind: 'file', size: encoder.encode(open.getText()).length } : undefined;
    }
    const kind =
      stat.type & vscode.FileType.SymbolicLink
        ? 'symlink'
        : stat.type & vscode.FileType.Directory
          ? 'directory'
          : stat.type & vscode.FileType.File
            ? 'file'
            : 'other';
    return { kind, size: stat.size, ...(kind === 'file' ? await hardLinks(uri) : {}) };
  }

  async realPath(path: string): Promise<string | undefined> {
    const uri = this.uri(path);
    if (uri.scheme === 'file') {
      try {
        return await realpath(uri.fsPath);
      } catch (error) {
        if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR') || hasCode(error, 'ELOOP')) return undefined;
        throw error;
      }
    }
    // Other file systems cannot tell us where a link points: the path itself, when it exists.
    return (await this.stat(path)) ? uri.path : undefined;
  }

  /** Every file under the root, sorted; skips `.git/`, does not follow symlinked directories. */
  async listFiles(options: ListFilesOptions = {}): Promise<string[]> {
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      options.signal?.throwIfAborted();
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir === '' ? this.rootUri : this.uri(dir));
      } catch (error) {
        if (isMissing(error) || hasCode(error, 'NoPermissions') || hasCode(error, 'FileNotADirectory')) return;
        throw error;
      }
      const subdirs: string[] = [];
      for (const [name, type] of entries) {
        if (name.toLowerCase() === '.git') continue;
        const rel = dir === '' ? name : `${dir}/${name}`;
        const isLink = (type & vscode.FileType.SymbolicLink) !== 0;
        if (type & vscode.FileType.Directory) {
          if (!isLink) subdirs.push(rel);
        } else if (type & vscode.FileType.File) {
          files.push(rel);
        }
      }
      for (const sub of subdirs) {
        if (options.descend && !(await options.descend(sub))) continue;
        await walk(sub);
      }
    };
    await walk('');
    return files.sort();
  }

  async writeFile(path: string, data: Uint8Array, expect?: ExpectedContent): Promise<void> {
    if (expect) await this.checkUnchanged(path, expect);
    await vscode.workspace.fs.writeFile(this.uri(path), data);
  }

  async deleteFile(path: string, expect?: ExpectedContent): Promise<void> {
    if (expect) await this.checkUnchanged(path, expect);
    try {
      await vscode.workspace.fs.delete(this.uri(path), { useTrash: false });
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  /** Best-effort compare-and-swap: the file service has no atomic check-and-write. */
  private async checkUnchanged(path: string, expect: ExpectedContent): Promise<void> {
    const bytes = await this.readFile(path);
    if ((bytes === undefined ? null : contentHash(bytes)) !== expect.hash) throw new FileChangedError(path);
  }
}

/** vscode.FileStat has no link count; on disk, ask node:fs. */
async function hardLinks(uri: vscode.Uri): Promise<{ links?: number }> {
  if (uri.scheme !== 'file') return {};
  try {
    return { links: (await lstat(uri.fsPath)).nlink };
  } catch {
    return {};
  }
}

function dirtyDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((doc) => doc.isDirty && !doc.isClosed && doc.uri.toString() === key);
}

function isMissing(error: unknown): boolean {
  return hasCode(error, 'FileNotFound') || hasCode(error, 'ENOENT') || hasCode(error, 'EntryNotFound');
}

/** FileSystemError codes ("FileNotFound", ...) and Node's ("ENOENT", ...). */
function hasCode(error: unknown, code: string): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === code;
}
