// Bundles the extension and the CLI with esbuild. `vscode` stays external: the host provides it.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
// Development builds (--dev, and --watch) keep names and carry source maps, so stack traces in the log are readable.
const dev = watch || process.argv.includes('--dev');
// ESM-only code in dependencies (fdir, under tinyglobby) calls createRequire(import.meta.url): give the CJS bundle a real URL.
const importMetaUrl = 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;';
const common = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: dev ? 'linked' : false, minify: !dev, logLevel: 'warning',
  define: { 'import.meta.url': '__importMetaUrl' },
};

// Activation should compile only what it runs. The Anthropic SDK (src/core/llm/lazyAnthropicClient.ts) and the
// third-party libraries of src/core (src/core/libraries/lazyLibraries.ts) are over two thirds of the code: the
// extension loads each from its own file in dist/ on first use. So does the run machinery (src/core/runtime): the
// PRP parser, the session, the tools, the command runner and the gates are needed only once the user runs something.
const apartFiles = [
  { file: './runtime.js', importer: 'lazyRuntime.ts', kind: 'require-call' },
  { file: './anthropicClient.js', importer: 'lazyAnthropicClient.ts', kind: 'dynamic-import' },
  { file: './libraries.js', importer: 'lazyLibraries.ts', kind: 'require-call' },
  { file: './regexEngine.js', importer: 'lazyLibraries.ts', kind: 'require-call' },
];
const loadedApart = {
  name: 'loaded-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/\w+\.js$/ }, (args) =>
      apartFiles.some((a) => a.file === args.path && args.importer.endsWith(a.importer) && a.kind === args.kind)
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

const builds = [
  {
    ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'],
    banner: { js: importMetaUrl }, plugins: [loadedApart],
    // import() of the apart file becomes a plain require: the extension host loads CommonJS.
    supported: { 'dynamic-import': false },
  },
  // The runtime loads the libraries and the Anthropic client from their own files too, the same ones as the extension.
  {
    ...common, entryPoints: ['src/core/runtime/runtime.ts'], outfile: 'dist/runtime.js', external: ['vscode'],
    banner: { js: importMetaUrl }, plugins: [loadedApart], supported: { 'dynamic-import': false },
  },
  { ...common, entryPoints: ['src/core/llm/anthropicClient.ts'], outfile: 'dist/anthropicClient.js', banner: { js: importMetaUrl } },
  { ...common, entryPoints: ['src/core/libraries/libraries.ts'], outfile: 'dist/libraries.js', banner: { js: importMetaUrl } },
  { ...common, entryPoints: ['src/core/libraries/regexEngine.ts'], outfile: 'dist/regexEngine.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` } },
];

// The metafiles of the extension bundle and the runtime: what they are made of, for npm run bench (bench/sizeBench.ts)
// and the unit test that keeps the run machinery out of activation (test/unit/package/bundle.test.ts).
builds[0].metafile = true;
builds[1].metafile = true;
const writeMetafile = (result, file) => {
  if (result.metafile) fs.writeFileSync(file, JSON.stringify(result.metafile));
};

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching src/ (development build with source maps)');
} else {
  // A production build leaves no maps of an earlier development build behind.
  if (!dev && fs.existsSync('dist')) for (const f of fs.readdirSync('dist')) if (f.endsWith('.map')) fs.rmSync(`dist/${f}`);
  const [extension, runtime] = await Promise.all(builds.map((b) => esbuild.build(b)));
  writeMetafile(extension, 'dist/extension.meta.json');
  writeMetafile(runtime, 'dist/runtime.meta.json');
}
