// Every third-party library src/core uses, in one module the extension bundles into its own file
// (dist/libraries.js): together they are over half the extension's code and none is needed to activate.
// Import them through `libraries()` (./lazyLibraries.ts), never directly.
export { default as matter } from 'gray-matter';
export { parse as parseYaml, parseDocument as parseYamlDocument } from 'yaml';
export { default as picomatch } from 'picomatch';
export { default as ignore } from 'ignore';
export { glob } from 'tinyglobby';
export { FILE_HEADERS_ONLY, diffLines, formatPatch, structuredPatch } from 'diff';
