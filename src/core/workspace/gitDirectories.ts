// Git directories under other names: `git init --separate-git-dir`, worktrees and submodules leave a `.git`
// *file* ("gitdir: <path>") naming the real one, which may sit anywhere in the workspace. Its `config` can
// set core.fsmonitor, a command git runs on the user's next `git status`, so it is as off limits as `.git/`.
import * as nodePath from 'node:path';
import type { Workspace } from './workspace';

const GITDIR_LINE = /^gitdir:\s*(.+?)\s*$/m;
const SUBMODULE_PATH = /^\s*path\s*=\s*(.+?)\s*$/gm;
const MAX_GIT_FILE_BYTES = 4096;
const MAX_GITMODULES_BYTES = 256 * 1024;
const MAX_SUBMODULES = 1000;
/** Answers are reused this long, so a search over many files does not stat the same directories again. */
const CACHE_MS = 2000;

interface Cached {
  at: number;
  value: Promise<unknown>;
}

const caches = new WeakMap<Workspace, Map<string, Cached>>();

/**
 * The workspace-relative git directory that `path` is in or is, or undefined. A directory counts when a
 * `.git` file names it (the root's, a submodule's listed in `.gitmodules`, or one in `path`'s ancestors),
 * or when it is shaped like one (a HEAD file, and objects/ with refs/ or a commondir file), as git itself
 * recognises a repository.
 */
export async function gitDirectoryOf(workspace: Workspace, path: string): Promise<string | undefined> {
  const segments = path.split('/');
  const ancestors = ['', ...segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join('/'))];
  const submodules = (await cachedValue(workspace, 'submodules', () => submodulePaths(workspace))) ?? [];
  for (const dir of new Set([...ancestors, ...submodules])) {
    const named = await cached(workspace, `named:${dir}`, () => namedByGitFile(workspace, dir));
    if (named !== undefined && (path === named || path.startsWith(`${named}/`))) return named;
  }
  for (const dir of [...ancestors.slice(1), path]) {
    if (await cached(workspace, `shaped:${dir}`, async () => ((await looksLikeGitDirectory(workspace, dir)) ? dir : undefined))) {
      return dir;
    }
  }
  return undefined;
}

/** True when `dir` is or lies inside a git directory (for pruning listings). */
export async function isInGitDirectory(workspace: Workspace, dir: string): Promise<boolean> {
  return (await gitDirectoryOf(workspace, dir)) !== undefined;
}

/** The directory the `.git` file in `dir` names, workspace-relative, when it is inside the workspace. */
async function namedByGitFile(workspace: Workspace, dir: string): Promise<string | undefined> {
  const gitFile = dir === '' ? '.git' : `${dir}/.git`;
  const stat = await workspace.stat(gitFile);
  if (stat?.kind !== 'file') return undefined;
  const bytes = await workspace.readFile(gitFile, { maxBytes: MAX_GIT_FILE_BYTES }).catch(() => undefined);
  const match = bytes && GITDIR_LINE.exec(new TextDecoder().decode(bytes));
  if (!match?.[1]) return undefined;
  const absolute = nodePath.resolve(workspace.root, dir, match[1]);
  const lexical = insideRoot(workspace.root, absolute);
  if (lexical === undefined) return undefined;
  // Through symlinks, the same directory may be reached under another name: use its real place.
  const real = await workspace.realPath(lexical);
  const realRoot = await workspace.realPath('');
  return (real !== undefined && realRoot !== undefined ? insideRoot(realRoot, real) : undefined) ?? lexical;
}

/** The submodule folders `.gitmodules` lists (where their `.git` files are). */
async function submodulePaths(workspace: Workspace): Promise<string[]> {
  const bytes = await workspace.readFile('.gitmodules', { maxBytes: MAX_GITMODULES_BYTES }).catch(() => undefined);
  if (!bytes) return [];
  const paths = [...new TextDecoder().decode(bytes).matchAll(SUBMODULE_PATH)].map((m) => m[1] ?? '');
  return paths
    .map((p) => insideRoot(workspace.root, nodePath.resolve(workspace.root, p)))
    .filter((p): p is string => p !== undefined)
    .slice(0, MAX_SUBMODULES);
}

async function looksLikeGitDirectory(workspace: Workspace, dir: string): Promise<boolean> {
  if ((await workspace.stat(`${dir}/HEAD`))?.kind !== 'file') return false;
  const [objects, refs, commondir] = await Promise.all([
    workspace.stat(`${dir}/objects`),
    workspace.stat(`${dir}/refs`),
    workspace.stat(`${dir}/commondir`),
  ]);
  return (objects?.kind === 'directory' && refs?.kind === 'directory') || commondir?.kind === 'file';
}

function cached(workspace: Workspace, key: string, compute: () => Promise<string | undefined>): Promise<string | undefined> {
  return cachedValue(workspace, key, compute);
}

function cachedValue<T>(workspace: Workspace, key: string, compute: () => Promise<T>): Promise<T | undefined> {
  let cache = caches.get(workspace);
  if (!cache) {
    cache = new Map();
    caches.set(workspace, cache);
  }
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < CACHE_MS) return hit.value as Promise<T | undefined>;
  const value = compute().catch(() => undefined);
  cache.set(key, { at: now, value });
  return value;
}

/** `absolute` relative to `root` in posix form, or undefined when it is outside or the root itself. */
function insideRoot(root: string, absolute: string): string | undefined {
  const rel = nodePath.relative(root, absolute);
  if (rel === '' || nodePath.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${nodePath.sep}`)) return undefined;
  return rel.split(nodePath.sep).join('/');
}
