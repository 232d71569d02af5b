// Lint: type-aware rules plus the layering rules (core <- cli, core <- vscode adapters; src never reaches test or bench).
import tseslint from 'typescript-eslint';
import { noFolderCycles } from './scripts/lint/folderCycles.mjs';

// Loaded lazily from their own file (src/core/libraries): a direct import would pull them back into activation.
const lazyLibraries = ['gray-matter', 'yaml', 'picomatch', 'ignore', 'tinyglobby', 'diff', 're2js'].map((name) => ({
  name, allowTypeImports: true, message: 'import it through libraries() from src/core/libraries/lazyLibraries.ts.',
}));
const vscodeFromCore = { name: 'vscode', message: 'src/core runs outside VS Code: reach the editor through a port.' };

// Layers (docs/ARCHITECTURE.md): core <- cli, core <- vscode; nothing in src reaches tests or benchmarks.
// Import specifiers are relative, so each zone is a regex over the specifier's folders.
const zone = (folders, message) => ({ regex: `(^|/)(${folders.join('|')})(/|$)`, message });
const intoTestsOrBench = zone(['test', 'bench'], 'src must not import tests or benchmarks.');
const intoVscodeAdapters = zone(['vscode'], 'only src/vscode and src/extension.ts may import the vscode adapters.');
const intoCli = zone(['cli'], 'src/core must not import the CLI.');
// Committed `.only` silently skips every other test.
const focusedTests = ['describe', 'it', 'context', 'suite', 'test'].map((object) => ({
  object, property: 'only', message: 'remove .only before committing: it skips every other test.',
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'test/lint/fixtures/**'] },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.recommended],
    rules: { 'no-restricted-properties': ['error', ...focusedTests] },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // `import vscode = require('vscode')`: the bundle then shares one API object; `import * as` copies its
      // hundreds of exports into a new object in every importing module at activation (esbuild's CommonJS interop).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': 'error',
      'no-restricted-properties': ['error', ...focusedTests],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: lazyLibraries, patterns: [intoTestsOrBench] }],
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value='vscode'][importKind!='type']",
        message: "write `import vscode = require('vscode')` (see @typescript-eslint/no-require-imports above).",
      }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/vscode/**/*.ts'],
    plugins: { 'dev-backend': { rules: { 'no-folder-cycles': noFolderCycles } } },
    rules: { 'dev-backend/no-folder-cycles': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/libraries/libraries.ts', 'src/core/libraries/regexEngine.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeFromCore, ...lazyLibraries],
        patterns: [intoVscodeAdapters, intoCli, intoTestsOrBench],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeFromCore, ...lazyLibraries],
        patterns: [intoVscodeAdapters, intoTestsOrBench],
      }],
    },
  },
  {
    // The two files that are the libraries' own bundles may import them, but still no other layer.
    files: ['src/core/libraries/libraries.ts', 'src/core/libraries/regexEngine.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [vscodeFromCore], patterns: [intoVscodeAdapters, intoCli, intoTestsOrBench] }],
    },
  },
);
