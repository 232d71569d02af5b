// Every path the model names goes through here before anything is read or staged. The reasons are written
// to the model, so each one says what to do instead.
import * as nodePath from 'node:path';
import type { Workspace } from '../workspace/workspace';
import { gitDirectoryOf } from '../workspace/gitDirectories';

export type PathCheck =
  /** `path`: normalised workspace-relative posix path. */
  | { ok: true; path: string }
  | { ok: false; reason: string };

/** A path that passed both checks; `target` is where it really lands (differs when it goes through a symlink). */
export type ResolvedPath = { ok: true; path: string; target: string } | { ok: false; reason: string };

const MAX_PATH_LENGTH = 1024;
const MAX_SEGMENT_LENGTH = 255;
const RELATIVE_HINT = 'use a path relative to the workspace root, like "src/app.ts"';

// C0/C1 controls, plus invisible characters: bidi overrides (spoofing) and the code points HFS+ ignores,
// which let ".g\u200cit" mean ".git" (CVE-2014-9390).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff]/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
// "GIT~1" is the 8.3 short name Windows gives ".git".
const GIT_SHORT_NAME = /^git~\d+$/i;

/** The lexical half: no file system access. */
export function checkPathSyntax(input: unknown): PathCheck {
  if (typeof input !== 'string') return refuse(`the path must be a string; ${RELATIVE_HINT}`);
  if (input.length === 0) return refuse(`the path is empty; ${RELATIVE_HINT}`);
  if (input.length > MAX_PATH_LENGTH) return refuse(`the path is longer than ${MAX_PATH_LENGTH} characters`);
  if (CONTROL.test(input)) return refuse('the path contains a NUL or control character; remove it');
  if (INVISIBLE.test(input)) return refuse('the path contains an invisible Unicode character; type the name plainly');
  if (input.trim() !== input) return refuse('the path starts or ends with whitespace; remove it');
  if (input.startsWith('~')) return refuse(`"~" (the home directory) is outside the workspace; ${RELATIVE_HINT}`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return refuse(`URLs are not paths; ${RELATIVE_HINT}`);
  if (/^[a-z]:/i.test(input)) return refuse(`absolute Windows paths are outside the workspace; ${RELATIVE_HINT}`);
  if (input.includes(':')) return refuse('the path contains ":"; file names with colons are not allowed');
  // Backslashes are read as separators so Windows-style input cannot smuggle a traversal past the check.
  const slashed = input.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return refuse(`absolute paths are not allowed; ${RELATIVE_HINT}`);
  const parts: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return refuse(`the path escapes the workspace; ${RELATIVE_HINT}`);
      parts.pop();
      continue;
    }
    const problem = segmentProblem(segment);
    if (problem) return refuse(problem);
    parts.push(segment);
  }
  if (parts.length === 0) return refuse(`the path names the workspace root, not a file; ${RELATIVE_HINT}`);
  return { ok: true, path: parts.join('/') };
}

function segmentProblem(segment: string): string | undefined {
  const lower = segment.toLowerCase();
  if (lower === '.git' || GIT_SHORT_NAME.test(segment)) {
    return 'files under .git/ are off limits: they belong to version control, not to the project';
  }
  if (segment.length > MAX_SEGMENT_LENGTH) return `the name "${segment.slice(0, 40)}..." is longer than 255 characters`;
  if (/[. ]$/.test(segment)) return `the name "${segment}" ends with a dot or space, which Windows cannot store; rename it`;
  if (WINDOWS_DEVICE.test(segment)) return `"${segment}" is a reserved device name on Windows; choose another name`;
  if (/[<>"|?*]/.test(segment)) return `the name "${segment}" contains a character that is not allowed in file names (<>"|?*)`;
  return undefined;
}

const realRoots = new WeakMap<Workspace, Promise<string | undefined>>();

function realRoot(workspace: Workspace): Promise<string | undefined> {
  let root = realRoots.get(workspace);
  if (!root) {
    root = workspace.realPath('');
    realRoots.set(workspace, root);
  }
  return root;
}

/**
 * The full check: lexical, then the file system. The longest existing prefix of the path is resolved
 * through every symlink and must still be inside the workspace (and outside `.git/`). A dangling symlink
 * on the way is refused: writing through it would create a file wherever it points.
 */
export async function resolveWorkspacePath(workspace: Workspace, input: unknown): Promise<ResolvedPath> {
  const lexical = checkPathSyntax(input);
  if (!lexical.ok) return lexical;
  const segments = lexical.path.split('/');
  for (let n = segments.length; n > 0; n--) {
    const prefix = segments.slice(0, n).join('/');
    const stat = await workspace.stat(prefix);
    if (!stat) continue;
    const real = await workspace.realPath(prefix);
    if (real === undefined) {
      return refuse(`"${prefix}" is or goes through a broken symlink; use a path that does not go through it`);
    }
    const root = await realRoot(workspace);
    const inside = root === undefined ? undefined : relativeInside(root, real);
    if (inside === undefined) {
      return refuse(`"${prefix}" goes through a symlink that leads outside the workspace; use a path inside the workspace that does not go through it`);
    }
    const rest = segments.slice(n);
    const target = [...(inside === '' ? [] : inside.split('/')), ...rest].join('/');
    if (target.split('/').some((s) => s.toLowerCase() === '.git')) {
      return refuse('the path leads into .git/ through a symlink; files under .git/ are off limits');
    }
    if (target === '') return refuse(`the path names the workspace root, not a file; ${RELATIVE_HINT}`);
    return refuseGitDirectory(workspace, lexical.path, target);
  }
  return refuseGitDirectory(workspace, lexical.path, lexical.path);
}

async function refuseGitDirectory(workspace: Workspace, path: string, target: string): Promise<ResolvedPath> {
  const gitDir = await gitDirectoryOf(workspace, target);
  if (gitDir === undefined) return { ok: true, path, target };
  return refuse(
    `"${gitDir}" is a git directory (what a .git file points to, or a repository's own folder); ` +
      'like .git/, its files belong to version control, not to the project',
  );
}

/** `real` relative to `root` in posix form, or undefined when it is outside. */
function relativeInside(root: string, real: string): string | undefined {
  const rel = nodePath.relative(root, real);
  if (rel === '') return '';
  if (nodePath.isAbsolute(rel) || rel === '..' || rel.startsWith('..' + nodePath.sep)) return undefined;
  return rel.split(nodePath.sep).join('/');
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason: `Path refused: ${reason}.` };
}
