// The model sees workspace-relative paths only: where the user's files live on the machine (user names,
// folder layout) is none of its business, and an error text must not tell it either.

const OUTSIDE = '<outside the workspace>';
const URL_LIKE = /^[a-z][a-z0-9+.-]+:\/\//i;
// An absolute posix path (after start, space, quote, bracket or "=") or a Windows one, up to a delimiter.
const ABSOLUTE_PATH = /(^|[\s'"`(=[])((?:[A-Za-z]:[\\/]|\\\\|\/)[^\s'"`),;\]]*)/g;

/** A PRP or file path for the model: kept when relative, else only its file name, marked as outside. */
export function pathForModel(path: string): string {
  const absolute = path.startsWith('/') || path.startsWith('\\\\') || /^[A-Za-z]:[\\/]/.test(path) || URL_LIKE.test(path);
  if (!absolute) return path;
  const name = path.split(/[\\/]/).filter(Boolean).pop() ?? '';
  return `${OUTSIDE}/${name}`;
}

/** `text` with each absolute path made relative to the first of `roots` holding it, or replaced when outside them all. */
export function redactAbsolutePaths(text: string, roots: readonly string[]): string {
  const bases = roots.filter((r) => r !== '').map((r) => r.replace(/[\\/]+$/, ''));
  return text.replace(ABSOLUTE_PATH, (_match, lead: string, path: string) => {
    if (path === '/') return `${lead}${path}`;
    for (const base of bases) {
      if (path === base) return `${lead}.`;
      if (path.startsWith(`${base}/`) || path.startsWith(`${base}\\`)) return `${lead}${path.slice(base.length + 1).replace(/\\/g, '/')}`;
    }
    return `${lead}${OUTSIDE}`;
  });
}
