// A throwaway workspace on disk for tests: files from a table, helpers to inspect and change them.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { NodeWorkspace } from '../../../src/core/workspace/nodeWorkspace';

export interface TempWorkspace {
  /** A temporary directory holding the workspace (`root`) and a sibling `outside` directory. */
  base: string;
  root: string;
  outside: string;
  workspace: NodeWorkspace;
  write(path: string, content: string | Uint8Array): Promise<void>;
  bytes(path: string): Promise<Buffer | undefined>;
  link(path: string, target: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeTempWorkspace(files: Record<string, string | Uint8Array> = {}): Promise<TempWorkspace> {
  const base = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-test-'));
  const root = nodePath.join(base, 'ws');
  const outside = nodePath.join(base, 'outside');
  await mkdir(root);
  await mkdir(outside);
  const write = async (path: string, content: string | Uint8Array): Promise<void> => {
    const full = nodePath.join(root, path);
    await mkdir(nodePath.dirname(full), { recursive: true });
    await writeFile(full, content);
  };
  for (const [path, content] of Object.entries(files)) await write(path, content);
  return {
    base,
    root,
    outside,
    workspace: new NodeWorkspace(root),
    write,
    bytes: async (path) => readFile(nodePath.join(root, path)).catch(() => undefined),
    link: async (path, target) => {
      const full = nodePath.join(root, path);
      await mkdir(nodePath.dirname(full), { recursive: true });
      await symlink(target, full);
    },
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}
