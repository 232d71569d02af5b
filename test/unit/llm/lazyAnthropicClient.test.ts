// The lazily loaded client behaves like the eager one: same label rule, same streamed answer.
import * as assert from 'node:assert/strict';
import { anthropicClientLabel, LazyAnthropicModelClient } from '../../../src/core/llm/lazyAnthropicClient';
import { ModelError } from '../../../src/core/llm/modelClient';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';

describe('LazyAnthropicModelClient', () => {
  it('labels the public API plainly and a custom base URL by its host', () => {
    assert.equal(anthropicClientLabel(undefined), 'Anthropic');
    assert.equal(anthropicClientLabel('https://api.anthropic.com'), 'Anthropic');
    assert.equal(anthropicClientLabel('http://127.0.0.1:4010'), 'Anthropic (127.0.0.1:4010)');
    assert.equal(anthropicClientLabel('not a url'), 'Anthropic');
  });

  it('loads the SDK on the first request and streams the answer', async () => {
    const server = new FakeAnthropicServer();
    await server.start();
    try {
      server.enqueue({ text: 'Hello from the lazy client' }, { text: 'Second' });
      const client = new LazyAnthropicModelClient({ apiKey: async () => 'sk-test', baseURL: server.baseURL, maxRetries: 0 });
      const request = { model: 'claude-sonnet-5-5', system: [], messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }], tools: [], maxTokens: 100 };
      const texts: string[] = [];
      const first = await client.send(request, (e) => e.type === 'text' && texts.push(e.text));
      const second = await client.send(request, () => undefined);
      assert.equal(texts.join(''), 'Hello from the lazy client');
      assert.deepEqual(first.content, [{ type: 'text', text: 'Hello from the lazy client' }]);
      assert.deepEqual(second.content, [{ type: 'text', text: 'Second' }]);
      assert.equal(server.messageRequests.length, 2);
    } finally {
      await server.stop();
    }
  });

  it("a ModelError from the separately bundled client's own copy of the class is a ModelError here, with its fields", async () => {
    // What dist/anthropicClient.js throws: its own copy of modelClient.ts, loaded fresh here.
    const resolved = require.resolve('../../../src/core/llm/modelClient');
    const cached = require.cache[resolved];
    delete require.cache[resolved];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const other = require(resolved) as typeof import('../../../src/core/llm/modelClient');
    if (cached) require.cache[resolved] = cached;
    assert.notEqual(other.ModelError, ModelError, 'the test loads a distinct copy');
    const thrown = new other.ModelError('rate_limit', 'Rate limited by Anthropic; try again in 12 s.', 12, 429);
    const foreignModule = {
      AnthropicModelClient: class {
        send(): Promise<never> {
          return Promise.reject(thrown);
        }
      },
    } as unknown as typeof import('../../../src/core/llm/anthropicClient');
    const client = new LazyAnthropicModelClient({ apiKey: async () => 'sk-test', maxRetries: 0 }, () => Promise.resolve(foreignModule));
    const request = { model: 'claude-sonnet-5-5', system: [], messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }], tools: [], maxTokens: 100 };
    await assert.rejects(client.send(request, () => undefined), (error: unknown) => {
      assert.ok(error instanceof ModelError);
      assert.equal(error.kind, 'rate_limit');
      assert.equal(error.message, 'Rate limited by Anthropic; try again in 12 s.');
      assert.equal(error.retryAfterSeconds, 12);
      assert.equal(error.status, 429);
      return true;
    });
  });

  it('reports API errors as ModelError with their kind', async () => {
    const server = new FakeAnthropicServer({ requireKey: 'sk-right' });
    await server.start();
    try {
      const client = new LazyAnthropicModelClient({ apiKey: async () => 'sk-wrong', baseURL: server.baseURL, maxRetries: 0 });
      const request = { model: 'claude-sonnet-5-5', system: [], messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }], tools: [], maxTokens: 100 };
      await assert.rejects(client.send(request, () => undefined), (error: unknown) => error instanceof ModelError && error.kind === 'auth');
    } finally {
      await server.stop();
    }
  });
});
