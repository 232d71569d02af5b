// The Anthropic SDK is most of the extension bundle. This client loads it on the first request instead of at
// activation: the bundler evaluates a dynamically imported module only when it is first imported.
import type { AnthropicClientOptions } from './anthropicClient';
import type { ModelClient, ModelRequest, ModelResponse, ModelStreamEvent } from './modelClient';

/** "Anthropic", or "Anthropic (host)" for a custom base URL. */
export function anthropicClientLabel(baseURL: string | undefined): string {
  let host: string | undefined;
  try {
    host = baseURL ? new URL(baseURL).host : undefined;
  } catch {
    host = undefined;
  }
  return host && host !== 'api.anthropic.com' ? `Anthropic (${host})` : 'Anthropic';
}

type AnthropicClientModule = typeof import('./anthropicClient.js');

let clientModule: Promise<AnthropicClientModule> | undefined;

/** The file holding the Anthropic client and its SDK, loaded once (again after a failure). */
export function loadAnthropicClientModule(): Promise<AnthropicClientModule> {
  clientModule ??= import('./anthropicClient.js').catch((error: unknown) => {
    clientModule = undefined;
    throw error;
  });
  return clientModule;
}

/** An AnthropicModelClient created (and its SDK loaded, unless preloaded) on the first `send`. */
export class LazyAnthropicModelClient implements ModelClient {
  readonly label: string;
  private client: Promise<ModelClient> | undefined;

  constructor(
    private readonly options: AnthropicClientOptions,
    /** How to load the client's file; the bench passes the shipped dist/anthropicClient.js. */
    private readonly load: () => Promise<AnthropicClientModule> = loadAnthropicClientModule,
  ) {
    this.label = anthropicClientLabel(options.baseURL);
  }

  async send(request: ModelRequest, onEvent: (event: ModelStreamEvent) => void): Promise<ModelResponse> {
    this.client ??= this.load().then((module) => new module.AnthropicModelClient(this.options));
    // The client's file has its own copy of ModelError; its errors carry ModelError's mark, so `instanceof` holds.
    return (await this.client).send(request, onEvent);
  }
}
