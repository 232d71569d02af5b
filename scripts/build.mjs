// Bundles the extension and the CLI with esbuild. `vscode` stays external: the host provides it.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
// ESM-only code in dependencies (fdir, under tinyglobby) calls createRequire(import.meta.url): give the CJS bundle a real URL.
const importMetaUrl = 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;';
const common = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: false, minify: true, logLevel: 'warning',
  define: { 'import.meta.url': '__importMetaUrl' },
};

// The Anthropic SDK is half the code: the extension loads it from its own file on the first Claude request
// (src/core/llm/lazyAnthropicClient.ts), so activation does not pay to compile it.
const anthropicClientApart = {
  name: 'anthropic-client-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/anthropicClient\.js$/ }, (args) =>
      args.importer.endsWith('lazyAnthropicClient.ts') && args.kind === 'dynamic-import'
        ? { path: './anthropicClient.js', external: true }
        : undefined,
    );
  },
};

const builds = [
  {
    ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'],
    banner: { js: importMetaUrl }, plugins: [anthropicClientApart],
    // import() of the apart file becomes a plain require: the extension host loads CommonJS.
    supported: { 'dynamic-import': false },
  },
  { ...common, entryPoints: ['src/core/llm/anthropicClient.ts'], outfile: 'dist/anthropicClient.js', banner: { js: importMetaUrl } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` } },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
