// Section 8: do dist/libraries.js and dist/regexEngine.js still pay for themselves? The extension bundle is built
// three ways (both apart, as shipped; the libraries in the bundle and the regex engine apart; both in the bundle), and
// fresh Node processes time what activation loads (the bundle) and what the first request loads (the apart files).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './benchFixtures';
import type { SplitSample } from './bundleSplitChild';
import { runChild } from './childProcess';
import type { BenchRow, SectionResult } from './report';
import { median } from './stats';

const SAMPLES = 15;
const LIBRARIES = 'libraries.js';
const REGEX_ENGINE = 'regexEngine.js';

interface Variant {
  name: string;
  /** The files left apart, as the loaders in src/core/libraries/lazyLibraries.ts require them. */
  apart: string[];
}

const VARIANTS: Variant[] = [
  { name: 'both apart (shipped)', apart: [LIBRARIES, REGEX_ENGINE] },
  { name: 'libraries in the bundle, regex engine apart', apart: [REGEX_ENGINE] },
  { name: 'both in the bundle', apart: [] },
];

/**
 * The production build of scripts/build.mjs, with only `variant.apart` (and the SDK's file and dist/runtime.js, apart in
 * all) left out of the bundle.
 */
async function buildVariant(root: string, variant: Variant, dir: string): Promise<void> {
  const common: esbuild.BuildOptions = {
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning',
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
  };
  const sources = path.join(root, 'src', 'core', 'libraries');
  // The extension's entry plus the two loaders, so the child can make the first use of each in the bundle itself.
  const entry = path.join(dir, 'entry.ts');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    entry,
    `export * from ${JSON.stringify(path.join(root, 'src', 'extension'))};\n` +
      `export { libraries, regexEngine } from ${JSON.stringify(path.join(sources, 'lazyLibraries'))};\n`,
  );
  const variantPlugin: esbuild.Plugin = {
    name: 'variant',
    setup(build) {
      build.onResolve({ filter: /^\.\/\w+\.js$/ }, (args) => {
        if (args.path === './anthropicClient.js' || args.path === './runtime.js') return { path: args.path, external: true };
        if (!args.importer.endsWith('lazyLibraries.ts')) return undefined;
        const name = args.path.slice(2);
        return variant.apart.includes(name) ? { path: args.path, external: true } : { path: path.join(sources, name.replace(/\.js$/, '.ts')) };
      });
    },
  };
  const bundled = { external: ['vscode'], supported: { 'dynamic-import': false }, plugins: [variantPlugin] };
  await esbuild.build({ ...common, ...bundled, entryPoints: [entry], outfile: path.join(dir, 'extension.js') });
  // The run machinery, apart as shipped, with the libraries where this variant puts them.
  await esbuild.build({ ...common, ...bundled, entryPoints: [path.join(root, 'src', 'core', 'runtime', 'runtime.ts')], outfile: path.join(dir, 'runtime.js') });
  for (const name of variant.apart) {
    await esbuild.build({ ...common, entryPoints: [path.join(sources, name.replace(/\.js$/, '.ts'))], outfile: path.join(dir, name) });
  }
}

export interface SplitFigures {
  variant: string;
  bundleBytes: number;
  /** Medians, wall clock and CPU. */
  bundleMs: number;
  bundleCpuMs: number;
  firstUseMs: number;
  firstUseCpuMs: number;
  samples: SplitSample[];
}


export async function bundleSplitBench(): Promise<SectionResult> {
  const root = repoRoot();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-backend-bench-split-'));
  try {
    const dirs = VARIANTS.map((_, i) => path.join(temp, `variant-${i}`));
    for (const [i, variant] of VARIANTS.entries()) await buildVariant(root, variant, dirs[i]);
    const samples: SplitSample[][] = VARIANTS.map(() => []);
    const child = path.join(__dirname, 'bundleSplitChild.js');
    // Interleaved, so load on the machine affects every variant alike.
    for (let round = 0; round < SAMPLES; round++) {
      for (const [i, dir] of dirs.entries()) samples[i].push(await runChild<SplitSample>(child, { args: [dir], timeoutMs: 60_000 }));
    }
    const figures: SplitFigures[] = VARIANTS.map((variant, i) => ({
      variant: variant.name,
      bundleBytes: fs.statSync(path.join(dirs[i], 'extension.js')).size,
      bundleMs: median(samples[i].map((s) => s.bundleMs)),
      bundleCpuMs: median(samples[i].map((s) => s.bundleCpuMs)),
      firstUseMs: median(samples[i].map((s) => s.librariesMs + s.regexMs)),
      firstUseCpuMs: median(samples[i].map((s) => s.librariesCpuMs + s.regexCpuMs)),
      samples: samples[i],
    }));
    const rows: BenchRow[] = figures.flatMap((f): BenchRow[] => [
      {
        metric: `${f.variant}: loading dist/extension.js (activation)`,
        value: f.bundleMs,
        unit: 'ms',
        note: `${Math.round(f.bundleBytes / 1024)} KB; CPU ${f.bundleCpuMs.toFixed(1)} ms; medians of ${SAMPLES}`,
      },
      {
        metric: `${f.variant}: + first use of the libraries and the regex engine`,
        value: f.firstUseMs,
        unit: 'ms',
        note: `CPU ${f.firstUseCpuMs.toFixed(1)} ms; libraries ${median(f.samples.map((s) => s.librariesMs)).toFixed(1)} ms, regex engine ${median(f.samples.map((s) => s.regexMs)).toFixed(1)} ms`,
      },
    ]);
    return {
      title: 'Libraries apart or in the bundle',
      method:
        `the extension bundle built three ways (production build as scripts/build.mjs; the SDK's file and dist/runtime.js apart in all), ` +
        `${SAMPLES} fresh Node processes each, interleaved: require() of dist/extension.js with a stand-in for the vscode ` +
        "module (VS Code's activation figure adds the activate() call, the same in all three), then the first libraries() " +
        'call (a YAML parse) and the first regexEngine() call (a regex match): loading the apart file, or running the ' +
        "bundled libraries' module code, which esbuild defers to that first call.",
      rows,
      details: figures,
    };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
