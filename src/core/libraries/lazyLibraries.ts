// The third-party libraries, loaded on first use instead of at activation. In the extension, ./libraries.js is
// a separate file (scripts/build.mjs); everywhere else it is the compiled or bundled module itself.
// Only functions and plain data cross: each bundle has its own copy of a class, so `instanceof` would not.
import type * as Libraries from './libraries';
import type * as RegexEngine from './regexEngine';

export type { Ignore } from 'ignore';
export type { YAMLError } from 'yaml';

let loaded: typeof Libraries | undefined;
let loadedRegexEngine: typeof RegexEngine | undefined;

export function libraries(): typeof Libraries {
  // A plain require: synchronous, and the bundler keeps it as a call to the separate file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./libraries.js') as typeof Libraries;
  return loaded;
}

/** The search tool's regex engine, loaded on the first regex search. */
export function regexEngine(): typeof RegexEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadedRegexEngine ??= require('./regexEngine.js') as typeof RegexEngine;
  return loadedRegexEngine;
}
