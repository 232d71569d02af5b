// The run machinery (./runtime.ts), loaded on first use instead of at activation. In the extension, ./runtime.js
// is a separate file (scripts/build.mjs); everywhere else (tests, the CLI) it is the compiled or bundled module.
// The two files each have their own copy of the modules they share: only functions, plain data and objects whose
// classes are checked by a mark (RunSetupError, ModelError, FileChangedError) may cross, never an `instanceof`
// on a class of either side; module-level state in shared modules is caches only.
import type * as Runtime from './runtime';

let loaded: typeof Runtime | undefined;

export function runtime(): typeof Runtime {
  // A plain require: synchronous, and the bundler keeps it as a call to the separate file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./runtime.js') as typeof Runtime;
  return loaded;
}
