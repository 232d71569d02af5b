// The lazily loaded client behaves like the eager one: same label rule, same streamed answer.
import * as assert from 'node:assert/strict';
import { anthropicClientLabel, asLocalModelError, LazyAnthropicModelClient } from '../../../src/core/llm/lazyAnthropicClient';
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

  it('rebuilds a ModelError from the separately bundled client as this bundle\'s class', () => {
    // What dist/anthropicClient.js throws: same shape, another copy of the class.
    class ForeignModelError extends Error {
      constructor(readonly kind: string, message: string, readonly retryAfterSeconds?: number, readonly status?: number) {
        super(message);
        this.name = 'ModelError';
      }
    }
    const local = asLocalModelError(new ForeignModelError('rate_limit', 'Rate limited by Anthropic; try again in 12 s.', 12, 429));
    assert.ok(local instanceof ModelError);
    assert.equal(local.kind, 'rate_limit');
    assert.equal(local.message, 'Rate limited by Anthropic; try again in 12 s.');
    assert.equal(local.retryAfterSeconds, 12);
    assert.equal(local.status, 429);
    const own = new ModelError('auth', 'bad key');
    assert.equal(asLocalModelError(own), own);
    const other = new TypeError('boom');
    assert.equal(asLocalModelError(other), other);
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
