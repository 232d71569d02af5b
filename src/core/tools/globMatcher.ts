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
       * A glob on file names alone that every path `matches` accepts also passes (ripgrep reads it the same way),
       * so the engine can skip other files early; undefined when none is safe.
       */
      nameGlob?: string;
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
    };
  }
  const { RE2JS } = regexEngine();
  let regex: ReturnType<typeof RE2JS.compile>;
  try {
    regex = RE2JS.compile(`(?s)${translate(pattern)}`);
  } catch (error) {
    return { ok: false, reason: `the pattern ${JSON.stringify(input)} is not a valid glob (${error instanceof Error ? error.message : String(error)})` };
  }
  // Literal runs the path must contain: a cheap test that spares the regex most paths of a large listing.
  const literals = pattern.includes('{') || pattern.includes('[') ? [] : pattern.split(/\/?\*\*\/?|[*?]+/).filter((l) => l !== '');
  const subject = hasSlash ? (path: string) => path : (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const lastSegment = pattern.slice(pattern.lastIndexOf('/') + 1);
  return {
    ok: true,
    matches: (path) => {
      const text = subject(path);
      return literals.every((l) => text.includes(l)) && regex.testExact(text);
    },
    nameGlob: lastSegment !== '**' && rgSafe(lastSegment) ? lastSegment : undefined,
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
 * Whether ripgrep reads a file-name glob as we do: no braces (a comma there separates globs), no leading `!`,
 * no unclosed or stray brackets, no `/` or `**` (a name has neither).
 */
function rgSafe(segment: string): boolean {
  if (segment === '' || /^[!#]|[{},:/\n\r]|\*\*/.test(segment)) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charAt(i);
    if (c === ']') return false;
    if (c === '[') {
      const close = classEnd(segment, i);
      if (close === -1) return false;
      i = close;
    }
  }
  return true;
}
