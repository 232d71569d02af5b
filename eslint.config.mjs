// Lint: type-aware rules plus the one-way layering rule (src/core never reaches vscode).
import tseslint from 'typescript-eslint';

// Loaded lazily from their own file (src/core/libraries): a direct import would pull them back into activation.
const lazyLibraries = ['gray-matter', 'yaml', 'picomatch', 'ignore', 'tinyglobby', 'diff', 're2js'].map((name) => ({
  name, allowTypeImports: true, message: 'import it through libraries() from src/core/libraries/lazyLibraries.ts.',
}));
const vscodeFromCore = { name: 'vscode', message: 'src/core runs outside VS Code: reach the editor through a port.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', '**/*.mjs'] },
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
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: lazyLibraries }],
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value='vscode'][importKind!='type']",
        message: "write `import vscode = require('vscode')` (see @typescript-eslint/no-require-imports above).",
      }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['src/core/libraries/libraries.ts', 'src/core/libraries/regexEngine.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [vscodeFromCore, ...lazyLibraries],
        patterns: [{ group: ['**/vscode/**', '../vscode', '../../vscode'], message: 'src/core must not import the vscode adapters.' }],
      }],
    },
  },
);
