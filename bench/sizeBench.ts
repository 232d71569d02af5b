// Sizes: the bundle npm run build wrote, the .vsix npm run package makes, and what the bundle is made of
// (the esbuild metafile npm run build writes).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SizeFigures {
  bundleBytes: number;
  vsixBytes?: number;
  /** Why `npm run package` failed; vsixBytes then comes from vsce with placeholder base URLs, when that worked. */
  vsixError?: string;
  /** The files the bundle requires on first use instead of at activation (scripts/build.mjs), by name. */
  loadedOnFirstUse: { name: string; bytes: number }[];
  /** Bytes in the bundle by npm package (or src/<area>), largest first. */
  composition: { name: string; bytes: number }[];
}

export async function measureSizes(root: string): Promise<SizeFigures> {
  const bundle = path.join(root, 'dist', 'extension.js');
  const vsix = path.join(root, 'dist', 'dev-backend.vsix');
  fs.rmSync(vsix, { force: true });
  const packaged = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  const loadedOnFirstUse = filesLoadedOnFirstUse(root).map((name) => ({ name, bytes: fs.statSync(path.join(root, 'dist', name)).size }));
  const figures: SizeFigures = { bundleBytes: fs.statSync(bundle).size, loadedOnFirstUse, composition: bundleComposition(root) };
  if (packaged.status === 0 && fs.existsSync(vsix)) {
    figures.vsixBytes = fs.statSync(vsix).size;
    return figures;
  }
  const output = `${packaged.stdout}\n${packaged.stderr}`.split('\n').filter((l) => /ERROR|error/.test(l));
  figures.vsixError = `npm run package failed (exit ${packaged.status ?? packaged.signal}): ${output.join(' ').trim() || 'no error line'}`;
  // Still measure the package: vsce only refuses to guess the base URL of README links, which does not change the size.
  const fallback = spawnSync(
    'npx',
    ['vsce', 'package', '--no-dependencies', '--baseContentUrl', 'https://example.invalid', '--baseImagesUrl', 'https://example.invalid', '--out', vsix],
    { cwd: root, encoding: 'utf8', timeout: 180_000 },
  );
  if (fallback.status === 0 && fs.existsSync(vsix)) figures.vsixBytes = fs.statSync(vsix).size;
  return figures;
}

interface BundleOutput {
  inputs: Record<string, { bytesInOutput: number }>;
  imports: { path: string; external?: boolean }[];
}

/** A file in dist/ as the metafile npm run build writes beside it describes it (scripts/build.mjs). */
function distBundle(root: string, name: 'extension' | 'runtime'): BundleOutput {
  const metafile = JSON.parse(fs.readFileSync(path.join(root, 'dist', `${name}.meta.json`), 'utf8')) as { outputs: Record<string, BundleOutput> };
  const output = metafile.outputs[`dist/${name}.js`];
  if (!output) throw new Error(`dist/${name}.meta.json does not describe dist/${name}.js: run npm run build`);
  return output;
}

function extensionBundle(root: string): BundleOutput {
  return distBundle(root, 'extension');
}

/**
 * The files in dist/ the bundle requires on first use (its relative external imports, e.g. "runtime.js"), and those
 * dist/runtime.js requires in turn (e.g. "regexEngine.js").
 */
export function filesLoadedOnFirstUse(root: string): string[] {
  const relativeImports = (output: BundleOutput): string[] =>
    output.imports.filter((i) => i.external === true && i.path.startsWith('./')).map((i) => i.path.slice(2));
  const files = new Set(relativeImports(extensionBundle(root)));
  if (files.has('runtime.js')) for (const file of relativeImports(distBundle(root, 'runtime'))) files.add(file);
  return [...files].sort();
}

function bundleComposition(root: string): { name: string; bytes: number }[] {
  const output = extensionBundle(root);
  const byName = new Map<string, number>();
  for (const [file, info] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
    const parts = file.split('/');
    const name = pkg ?? (parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}${parts.length > 3 ? `/${parts[2]}` : ''}` : file);
    byName.set(name, (byName.get(name) ?? 0) + info.bytesInOutput);
  }
  return [...byName].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
