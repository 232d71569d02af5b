// Section 8's child: in a fresh Node process, require one variant's extension bundle (with a stand-in for the
// `vscode` module, which only the host provides), then the files that variant loads on first use.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { reportToParent } from './childProcess';

export interface SplitSample {
  /** require() of the bundle: what activation compiles and runs before activate(); wall clock and CPU. */
  bundleMs: number;
  bundleCpuMs: number;
  /** The first libraries() call and a YAML parse. */
  librariesMs: number;
  librariesCpuMs: number;
  /** The first regexEngine() call and a match. */
  regexMs: number;
  regexCpuMs: number;
}

/** What the bench's variant bundles export besides activate(): the loaders of src/core/libraries/lazyLibraries.ts. */
interface VariantBundle {
  libraries(): { parseYaml(text: string): unknown };
  regexEngine(): { RE2JS: { compile(pattern: string): { matcher(text: string): { find(): boolean } } } };
}

type ResolveFilename = (request: string, parent: unknown, ...rest: unknown[]) => string;

/** A `vscode` whose every member is a callable, constructible stand-in: enough for the bundle's top level. */
function installVscodeStandIn(dir: string): void {
  const file = path.join(dir, 'vscode-stand-in.js');
  fs.writeFileSync(
    file,
    'const handler = { get: (_, p) => (p === "__esModule" || p === "then" ? undefined : standIn), apply: () => standIn, construct: () => standIn };\n' +
      'const standIn = new Proxy(function () {}, handler);\nmodule.exports = standIn;\n',
  );
  const loader = Module as unknown as { _resolveFilename: ResolveFilename };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request, parent, ...rest) {
    return request === 'vscode' ? file : resolve.call(this, request, parent, ...rest);
  };
}

function timed<T>(work: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

async function measure(): Promise<SplitSample> {
  const dir = process.argv[2];
  installVscodeStandIn(path.dirname(dir));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundle = timed(() => require(path.join(dir, 'extension.js')) as VariantBundle);
  const libraries = timed(() => bundle.value.libraries().parseYaml('name: dev-backend'));
  const regex = timed(() => bundle.value.regexEngine().RE2JS.compile('dev-\\w+').matcher('dev-backend').find());
  if (regex.value !== true) throw new Error('the regex engine did not match');
  return {
    bundleMs: bundle.ms,
    bundleCpuMs: bundle.cpuMs,
    librariesMs: libraries.ms,
    librariesCpuMs: libraries.cpuMs,
    regexMs: regex.ms,
    regexCpuMs: regex.cpuMs,
  };
}

if (require.main === module) reportToParent(measure);
