// Telling file paths apart from words: `src/auth.ts`, `pyproject.toml`, `.env.example`, `app/payments/`.
import { trimMarks } from './trimMarks';

const EXTENSIONS = new Set(
  ('py pyi ts tsx js jsx mjs cjs mts cts go rs java kt kts scala rb php cs fs vb swift m mm c h cc cpp cxx hpp hh ' +
    'dart ex exs erl hrl clj cljs elm hs lua pl pm r jl zig nim sol vue svelte astro sql prisma graphql gql proto ' +
    'json jsonc json5 yaml yml toml ini cfg conf env properties xml plist lock md mdx rst txt adoc html htm css scss ' +
    'sass less csv tsv sh bash zsh fish ps1 bat cmd dockerfile tf tfvars hcl gradle sbt cabal mod sum example sample ' +
    'template tmpl j2 jinja ipynb http rest gitignore dockerignore editorconfig npmrc nvmrc mk cmake')
    .split(/\s+/),
);
const FILE_NAMES = new Set(
  ['Makefile', 'Dockerfile', 'Procfile', 'Gemfile', 'Rakefile', 'Jenkinsfile', 'Vagrantfile', 'Brewfile', 'Justfile', 'LICENSE', 'README', 'CHANGELOG'],
);
const FORBIDDEN = /[{}<>|=$"'`,;!?*]|:\/\/|^-|^\.+$|^\/+$/;
/** Route groups and dynamic segments: `(auth)`, `[id]`, `[...slug]`, `[[...slug]]`. */
const BRACKETED_SEGMENT = /\((?:[\w.@+-]+)\)|\[\[?(?:\.\.\.)?[\w-]+\]?\]/g;

/** Strips quotes, backticks and trailing punctuation a path picks up in prose, but not its own brackets. */
export function cleanPathToken(token: string): string {
  let t = trimMarks(token, ['`', "'", '"'], ['`', "'", '"', ',', ';', ':', '.']);
  for (;;) {
    const before = t;
    if ((t.startsWith('(') && t.endsWith(')')) || (t.startsWith('[') && t.endsWith(']'))) t = t.slice(1, -1);
    else if ((t.startsWith('(') && depth(t, '(', ')') > 0) || (t.startsWith('[') && depth(t, '[', ']') > 0)) t = t.slice(1);
    if ((t.endsWith(')') && depth(t, '(', ')') < 0) || (t.endsWith(']') && depth(t, '[', ']') < 0)) t = t.slice(0, -1);
    t = trimMarks(t, ['`', "'", '"'], ['`', "'", '"', ',', ';', ':', '.']);
    if (t === before) break;
  }
  return t.startsWith('./') ? t.slice(2) : t;
}

/** Opened minus closed brackets. */
function depth(text: string, open: string, close: string): number {
  let d = 0;
  for (const c of text) {
    if (c === open) d++;
    else if (c === close) d--;
  }
  return d;
}

/** True when `token` (already cleaned) looks like a file or folder path. */
export function isPathLike(token: string): boolean {
  if (token.length === 0 || token.length > 260 || FORBIDDEN.test(token) || /\s/.test(token)) return false;
  if (/[()[\]]/.test(token)) {
    // Brackets only as whole path segments or file-name parts (`app/(routes)/page.tsx`, `pages/[id].tsx`).
    if (!/[\\/]/.test(token) || /[()[\]]/.test(token.replace(BRACKETED_SEGMENT, 'x'))) return false;
  }
  if (!/[\p{L}\p{N}_]/u.test(token)) return false;
  if (FILE_NAMES.has(token.split('/').pop() ?? '')) return true;
  if (token.includes('/') || token.includes('\\')) return !/^\d+\/\d+$/.test(token);
  return hasKnownExtension(token);
}

/** `name.ext` with an extension from the list, or a dotfile such as `.env.example`. */
function hasKnownExtension(token: string): boolean {
  const base = token.split(/[\\/]/).pop() ?? '';
  if (/^\.[\w-]+(\.[\w-]+)*$/.test(base)) return true;
  const m = /^[\p{L}\p{N}_\-.[\]@+]+\.([A-Za-z][A-Za-z0-9]{0,9})$/u.exec(base);
  return m !== null && EXTENSIONS.has(m[1].toLowerCase());
}

/**
 * Paths named in free text: back-ticked spans that look like paths (folders included),
 * and bare words that have a known file extension.
 */
export function pathsInText(text: string): string[] {
  const found: string[] = [];
  const add = (p: string): void => {
    if (!found.includes(p)) found.push(p);
  };
  for (const m of text.matchAll(/`([^`\s]+)`/g)) {
    const p = cleanPathToken(m[1]);
    if (isPathLike(p)) add(p);
  }
  const bare = text.replace(/`[^`]*`/g, ' ').split(/\s+/);
  for (let k = 0; k < bare.length; k++) {
    const p = cleanPathToken(bare[k]);
    // `Node.js 18+`, `Vue.js v3`: a product and its version, not a file.
    if (!p.includes('/') && /^v?\d+(?:\.\d+)*\+?$/.test(bare[k + 1] ?? '')) continue;
    if (p.length > 0 && isPathLike(p) && (hasKnownExtension(p) || FILE_NAMES.has(p.split('/').pop() ?? ''))) add(p);
  }
  return found;
}
