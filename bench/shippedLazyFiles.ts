// The extension loads dist/libraries.js and dist/anthropicClient.js the first time it needs them, so its first
// request pays for compiling them. Benches that time a first request load the same shipped files.
import Module from 'node:module';
import * as path from 'node:path';
import type { AnthropicClientOptions } from '../src/core/llm/anthropicClient';
import { asLocalModelError } from '../src/core/llm/lazyAnthropicClient';
import type { ModelClient, ModelRequest, ModelResponse, ModelStreamEvent } from '../src/core/llm/modelClient';

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

type ClientModule = typeof import('../src/core/llm/anthropicClient');

/** dist/anthropicClient.js, required once. */
export function loadShippedAnthropicClient(root: string): ClientModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(root, 'dist', 'anthropicClient.js')) as ClientModule;
}

/** The Anthropic client from dist/anthropicClient.js, required on the first send (as LazyAnthropicModelClient does). */
export class ShippedAnthropicClient implements ModelClient {
  readonly label = 'Anthropic';
  private client: ModelClient | undefined;

  constructor(
    private readonly root: string,
    private readonly options: AnthropicClientOptions,
  ) {}

  async send(request: ModelRequest, onEvent: (event: ModelStreamEvent) => void): Promise<ModelResponse> {
    this.client ??= new (loadShippedAnthropicClient(this.root).AnthropicModelClient)(this.options);
    try {
      return await this.client.send(request, onEvent);
    } catch (error) {
      throw asLocalModelError(error);
    }
  }
}
