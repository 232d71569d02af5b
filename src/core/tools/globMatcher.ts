// Glob patterns from the model (list_files pattern, search glob), matched against workspace-relative paths.
import { libraries } from '../libraries/lazyLibraries';

export type GlobMatcher = { ok: true; matches(path: string): boolean } | { ok: false; reason: string };

/**
 * Standard globs, dotfiles included, with two conveniences for models: a pattern without "/" matches file
 * names at any depth ("*.ts"), and a plain path with no wildcard matches that file or everything under
 * that directory ("src/routes").
 */
export function compileGlob(input: string | undefined): GlobMatcher {
  const pattern = (input ?? '').trim().replace(/^\.\//, '').replace(/\/+$/, '');
  if (pattern === '' || pattern === '.' || pattern === '**') return { ok: true, matches: () => true };
  if (pattern.startsWith('/') || /^[a-z]:/i.test(pattern) || pattern.includes('\\')) {
    return { ok: false, reason: `the pattern ${JSON.stringify(input)} must be relative to the workspace root with "/" separators, like "src/**/*.ts"` };
  }
  if (pattern.split('/').includes('..')) {
    return { ok: false, reason: `the pattern ${JSON.stringify(input)} reaches outside the workspace; remove the ".." segments` };
  }
  const hasSlash = pattern.includes('/');
  const { picomatch } = libraries();
  if (!picomatch.scan(pattern).isGlob) {
    return {
      ok: true,
      matches: (path) =>
        path === pattern || path.startsWith(pattern + '/') || (!hasSlash && path.slice(path.lastIndexOf('/') + 1) === pattern),
    };
  }
  try {
    const matcher = picomatch(pattern, { dot: true, basename: !hasSlash });
    return { ok: true, matches: (path) => matcher(path) };
  } catch (error) {
    return { ok: false, reason: `the pattern ${JSON.stringify(input)} is not a valid glob (${error instanceof Error ? error.message : String(error)})` };
  }
}
