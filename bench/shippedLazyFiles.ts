// The extension loads dist/runtime.js, dist/libraries.js and dist/anthropicClient.js the first time it needs them, so
// its first request pays for compiling them. Benches that time a first request load the same shipped files.
import Module from 'node:module';
import * as path from 'node:path';

type ResolveFilename = (request: string, parent: unknown, ...rest: unknown[]) => string;

/** From now on, src/core's lazily required libraries resolve to dist/libraries.js, as in the extension. */
export function loadLibrariesAsShipped(root: string): void {
  const compiled = path.join(root, 'out', 'src', 'core', 'libraries', 'libraries.js');
  const shipped = path.join(root, 'dist', 'libraries.js');
  // Node has no public synchronous resolve hook for require() before 22.15; this internal one is stable since Node 0.x.
  const loader = Module as unknown as { _resolveFilename: ResolveFilename };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request, parent, ...rest) {
    const resolved = resolve.call(this, request, parent, ...rest);
    return resolved === compiled ? shipped : resolved;
  };
}

type RuntimeModule = typeof import('../src/core/runtime/runtime');

/** dist/runtime.js (the run machinery), required on first use as `runtime()` does in the extension; cached after. */
export function loadShippedRuntime(root: string): RuntimeModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(root, 'dist', 'runtime.js')) as RuntimeModule;
}

type ClientModule = typeof import('../src/core/llm/anthropicClient');

/** dist/anthropicClient.js, required once (pass it to LazyAnthropicModelClient and preloadForRun as their loader). */
export async function loadShippedAnthropicClient(root: string): Promise<ClientModule> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(root, 'dist', 'anthropicClient.js')) as ClientModule;
}
