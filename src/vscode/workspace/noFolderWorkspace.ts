// The Workspace of a window with no folder open: every access fails with the fix, so nothing is staged
// or written relative to some accidental directory.
import type { FileStat, Workspace } from '../../core/workspace/workspace';

export const NO_FOLDER_MESSAGE = 'No folder is open: Dev Backend works on the files of a workspace folder. Open a folder first.';

export class NoFolderWorkspace implements Workspace {
  readonly root = '';

  readFile(): Promise<Uint8Array | undefined> {
    return refuse();
  }
  stat(): Promise<FileStat | undefined> {
    return refuse();
  }
  realPath(): Promise<string | undefined> {
    return refuse();
  }
  listFiles(): Promise<string[]> {
    return refuse();
  }
  writeFile(): Promise<void> {
    return refuse();
  }
  deleteFile(): Promise<void> {
    return refuse();
  }
}

function refuse(): Promise<never> {
  return Promise.reject(new Error(NO_FOLDER_MESSAGE));
}
