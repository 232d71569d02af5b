// Glob patterns from the model (list_files pattern, search glob), matched against workspace-relative paths.
// Each glob becomes an RE2 regex (re2js): matching takes time linear in the path, whatever the pattern.
// picomatch compiled to JavaScript's backtracking RegExp, where `*a*a*a*a*a*a*a*a*a*a*a*a*b` against a long
// name never finished and, being synchronous, blocked even Ctrl-C.
import { regexEngine } from '../libraries/lazyLibraries';

export type GlobMatcher =
  | {
      ok: true;
      matches(path: string): boolean;
      /**
       * ripgrep `--glob` arguments selecting at least every path `matches` accepts (ripgrep's gitignore-style
       * globs read these constructs the same way), so the engine lists fewer files; undefined when none is safe.
       */
      ripgrepGlobs?: readonly string[];
    }
  | { ok: false; reason: string };

/**
 * Standard globs (`*`, `**`, `?`, `[abc]`, `[!abc]`, `{a,b}`), dotfiles included, with two conveniences for
 * models: a pattern without "/" matches file names at any depth ("*.ts"), and a plain path with no wildcard
 * matches that file or everything under that directory ("src/routes").
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
  if (!/[*?[{]/.test(pattern)) {
    return {
      ok: true,
      matches: (path) =>
        path === pattern || path.startsWith(pattern + '/') || (!hasSlash && path.slice(path.lastIndexOf('/') + 1) === pattern),
      ripgrepGlobs: rgSafe(pattern) ? [pattern, `${pattern}/**`] : undefined,
    };
  }
  const { RE2JS } = regexEngine();
  let regex: ReturnType<typeof RE2JS.compile>;
  try {
    regex = RE2JS.compile(`(?s)${translate(pattern)}`);
  } catch (error) {
    return { ok: false, reason: `the pattern ${JSON.stringify(input)} is not a valid glob (${error instanceof Error ? error.message : String(error)})` };
  }
  return {
    ok: true,
    matches: hasSlash ? (path) => regex.testExact(path) : (path) => regex.testExact(path.slice(path.lastIndexOf('/') + 1)),
    ripgrepGlobs: rgSafe(pattern) ? [pattern] : undefined,
  };
}

/** The regex (RE2 syntax, unanchored text to be matched whole) for a glob. */
function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*') {
      let end = i;
      while (glob.charAt(end + 1) === '*') end++;
      const wholeSegment = end > i && (i === 0 || glob.charAt(i - 1) === '/') && (end + 1 === glob.length || glob.charAt(end + 1) === '/');
      if (!wholeSegment) out += '[^/]*';
      else if (end + 1 === glob.length) out = i === 0 ? '.*' : `${out.slice(0, -1)}(?:/.*)?`; // "a/**": a and all below
      else {
        out += '(?:.*/)?'; // "**/": any number of directories, none included
        end++;
      }
      i = end;
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = classEnd(glob, i);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^/' : ''}${body.replace(/[\\\]^[]/g, (m) => `\\${m}`)}]`;
      i = close;
    } else if (c === '{') {
      const close = braceEnd(glob, i);
      const alternatives = close === -1 ? [] : splitTopLevel(glob.slice(i + 1, close));
      if (alternatives.length < 2) {
        out += '\\{';
        continue;
      }
      out += `(?:${alternatives.map(translate).join('|')})`;
      i = close;
    } else {
      out += /[A-Za-z0-9_/]/.test(c) ? c : `\\${c === '\n' ? 'n' : c}`;
    }
  }
  return out;
}

/** Index of the `]` closing the class opened at `open` (a `]` right after `[`, `[!` or `[^` is a member), or -1. */
function classEnd(glob: string, open: number): number {
  let i = open + 1;
  if (glob.charAt(i) === '!' || glob.charAt(i) === '^') i++;
  if (glob.charAt(i) === ']') i++;
  const close = glob.indexOf(']', i);
  return close;
}

function braceEnd(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob.charAt(i) === '{') depth++;
    else if (glob.charAt(i) === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/**
 * Whether ripgrep reads the glob as we do: no leading `!` (an exclusion there) or `#`, no nested or unclosed
 * braces or classes (ripgrep refuses them), no `/` inside a class.
 */
function rgSafe(pattern: string): boolean {
  if (/^[!#]/.test(pattern) || /[\n\r]/.test(pattern)) return false;
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '{') {
      if (++braces > 1) return false;
      const close = braceEnd(pattern, i);
      if (close === -1 || splitTopLevel(pattern.slice(i + 1, close)).length < 2) return false;
    }
    if (c === '}' && --braces < 0) return false;
    if (c === '[') {
      const close = classEnd(pattern, i);
      if (close === -1 || pattern.slice(i, close).includes('/')) return false;
      i = close;
    }
    if (c === ']') return false;
  }
  return braces === 0;
}
