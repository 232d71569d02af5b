// The workspace's files as git would show them: every .gitignore (root and nested) honoured, ignored
// directories pruned while walking so a gitignored node_modules costs nothing.
import { isInGitDirectory } from './gitDirectories';
import { libraries, type Ignore } from '../libraries/lazyLibraries';
import type { Workspace } from './workspace';

const textDecoder = new TextDecoder();

/** Workspace files not ignored by any .gitignore, sorted. `.git/` and git directories under other names are never listed. */
export async function listVisibleFiles(workspace: Workspace, signal?: AbortSignal): Promise<string[]> {
  const rules = new GitignoreRules(workspace);
  await rules.load('');
  const files = await workspace.listFiles({
    signal,
    descend: async (dir) => {
      if (rules.isIgnored(dir, true) || (await isInGitDirectory(workspace, dir))) return false;
      await rules.load(dir);
      return true;
    },
  });
  // A Workspace may ignore `descend`; then the nested rules are loaded here, before any file is judged.
  await Promise.all(
    files.filter((f) => f === '.gitignore' || f.endsWith('/.gitignore')).map((f) => rules.load(parentOf(f))),
  );
  const visible = files.filter((file) => !rules.isIgnored(file, false));
  // A Workspace that ignores `descend` listed git directories too; ask once per directory.
  const dirs = [...new Set(visible.map(parentOf).filter((d) => d !== ''))];
  const gitDirs = new Set((await Promise.all(dirs.map(async (d) => ((await isInGitDirectory(workspace, d)) ? d : '')))).filter(Boolean));
  return gitDirs.size === 0 ? visible : visible.filter((file) => !gitDirs.has(parentOf(file)));
}

/** The rules of every loaded .gitignore, keyed by the directory holding it ('' is the root). */
export class GitignoreRules {
  private readonly byDir = new Map<string, Ignore | null>();
  private readonly ignoredDirs = new Map<string, boolean>();

  constructor(private readonly workspace: Workspace) {}

  async load(dir: string): Promise<void> {
    if (this.byDir.has(dir)) return;
    this.byDir.set(dir, null);
    const bytes = await this.workspace.readFile(dir === '' ? '.gitignore' : `${dir}/.gitignore`).catch(() => undefined);
    if (bytes !== undefined) this.byDir.set(dir, libraries().ignore().add(textDecoder.decode(bytes)));
  }

  /** Git's semantics: a deeper .gitignore overrides a shallower one; nothing inside an ignored directory comes back. */
  isIgnored(path: string, isDirectory: boolean): boolean {
    const segments = path.split('/');
    if (segments.slice(0, -1).some((_, i) => this.isIgnoredDirectory(segments.slice(0, i + 1).join('/')))) return true;
    return isDirectory ? this.isIgnoredDirectory(path) : this.matches(path, false);
  }

  private isIgnoredDirectory(dir: string): boolean {
    let ignored = this.ignoredDirs.get(dir);
    if (ignored === undefined) {
      ignored = this.matches(dir, true);
      this.ignoredDirs.set(dir, ignored);
    }
    return ignored;
  }

  /** Applies the rules of each ancestor directory, shallowest first, to `path` alone. */
  private matches(path: string, isDirectory: boolean): boolean {
    const segments = path.split('/');
    let ignored = false;
    for (let depth = 0; depth < segments.length; depth++) {
      const dir = segments.slice(0, depth).join('/');
      const rules = this.byDir.get(dir);
      if (!rules) continue;
      const relative = segments.slice(depth).join('/') + (isDirectory ? '/' : '');
      try {
        const result = rules.test(relative);
        if (result.ignored) ignored = true;
        else if (result.unignored) ignored = false;
      } catch {
        // `ignore` refuses names it cannot express as a relative path; such a file is simply not ignored.
      }
    }
    return ignored;
  }
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}
