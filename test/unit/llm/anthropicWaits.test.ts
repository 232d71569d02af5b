// How long the client waits, and that it says so: a silent server (before the answer or mid-stream) is given up
// after the idle timeout and retried, and a retry-after beyond the bound fails at once with the time to try again.
import * as assert from 'node:assert/strict';
import { AnthropicModelClient, type AnthropicClientOptions } from '../../../src/core/llm/anthropicClient';
import { ModelError, type ModelRequest, type ModelStreamEvent } from '../../../src/core/llm/modelClient';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';

function request(signal?: AbortSignal): ModelRequest {
  return {
    model: 'claude-sonnet-5-5',
    system: [{ text: 'You are a test.' }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi.' }] }],
    tools: [],
    maxTokens: 256,
    ...(signal ? { signal } : {}),
  };
}

async function rejection(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ModelError, `expected a ModelError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the request to fail');
}

describe('AnthropicModelClient waits', function () {
  // Every wait below is bounded by the client's own limits, set short; this timeout only catches a hang.
  this.timeout(8000);
  let server: FakeAnthropicServer;
  let waits: string[];
  const client = (options: Partial<AnthropicClientOptions> = {}): AnthropicModelClient =>
    new AnthropicModelClient({ apiKey: () => Promise.resolve('sk-test'), baseURL: server.baseURL, maxRetries: 1, streamIdleTimeoutMs: 300, ...options });
  const onEvent = (event: ModelStreamEvent): void => {
    if (event.type === 'waiting') waits.push(event.message);
  };

  beforeEach(async () => {
    server = new FakeAnthropicServer();
    await server.start();
    waits = [];
  });
  afterEach(async () => {
    await server.stop();
  });

  describe('a server that stops sending', () => {
    it('gives a stalled stream up after the idle timeout, retries it, then fails saying what happened', async () => {
      server.enqueue({ hang: true, afterText: 'Working' }, { hang: true });
      const e = await rejection(client().send(request(), onEvent));
      assert.equal(e.kind, 'timeout');
      assert.match(e.message, /^The Anthropic API stopped sending: nothing arrived for 300 ms, 2 times in a row\. Try again later/);
      assert.match(e.message, /devBackend\.streamIdleTimeoutSeconds/);
      assert.deepEqual(waits, ['The Anthropic API sent nothing for 300 ms; trying again (attempt 2 of 2).']);
      assert.deepEqual([await server.whenClosed(0), await server.whenClosed(1)], ['client_closed', 'client_closed']);
    });

    it('without retries, says only how long nothing arrived', async () => {
      server.enqueue({ hang: true });
      const e = await rejection(client({ maxRetries: 0 }).send(request(), onEvent));
      assert.equal(e.kind, 'timeout');
      assert.match(e.message, /^The Anthropic API stopped sending: nothing arrived for 300 ms\. Try again later/);
      assert.deepEqual(waits, []);
    });

    it('gives up on a server that never sends its headers, and takes the retry that answers', async () => {
      server.enqueue({ text: 'too late', delayMs: 60_000 }, { text: 'Hello.' });
      const response = await client().send(request(), onEvent);
      assert.deepEqual(response.content, [{ type: 'text', text: 'Hello.' }]);
      assert.equal(waits.length, 1);
      assert.equal(await server.whenClosed(0), 'client_closed');
    });

    it('lets a slow stream run longer than the idle timeout as long as events keep coming', async () => {
      server.enqueue({ text: 'one two three four five six seven', chunkSize: 4, eventDelayMs: 60 });
      const response = await client({ streamIdleTimeoutMs: 400 }).send(request(), onEvent);
      assert.deepEqual(response.content, [{ type: 'text', text: 'one two three four five six seven' }]);
      assert.deepEqual(waits, []);
      assert.equal(server.requests.length, 1);
    });

    it('is cancelled at once while a stream is stalled, without a retry', async () => {
      server.enqueue({ hang: true });
      const controller = new AbortController();
      const pending = client({ streamIdleTimeoutMs: 60_000 }).send(request(controller.signal), onEvent);
      await server.waitForRequests(1);
      controller.abort();
      assert.equal((await rejection(pending)).kind, 'cancelled');
      assert.equal(server.requests.length, 1);
    });
  });

  describe('retry-after', () => {
    it('fails at once on a retry-after beyond the bound, naming the wait and when to try again', async () => {
      server.enqueue({ httpError: { status: 429, type: 'rate_limit_error', message: 'slow down', headers: { 'retry-after': '3600' } } });
      const before = Date.now();
      const e = await rejection(client({ maxRetries: 2 }).send(request(), onEvent));
      assert.equal(e.kind, 'rate_limit');
      assert.equal(e.retryAfterSeconds, 3600);
      const match = /^Rate limited by Anthropic \(429\): the API asked to retry after 3600 s \(1 h\), longer than the 60 s a run waits; try again at (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC\.$/.exec(e.message);
      assert.ok(match, e.message);
      const at = Date.parse(`${match[1].replace(' ', 'T')}Z`);
      assert.ok(at >= before + 3_599_000 && at <= Date.now() + 3_600_000, 'the time to try again is an hour from now');
      assert.equal(server.requests.length, 1, 'no retry was slept on');
      assert.deepEqual(waits, []);
    });

    it('applies the bound to 529 and 5xx too, and to a bound set lower', async () => {
      server.enqueue({ httpError: { status: 529, type: 'overloaded_error', message: 'Overloaded', headers: { 'retry-after': '5' } } });
      const e = await rejection(client({ maxRetryWaitMs: 2000 }).send(request(), onEvent));
      assert.equal(e.kind, 'overloaded');
      assert.match(e.message, /^Anthropic is overloaded \(529\): the API asked to retry after 5 s, longer than the 2 s a run waits; try again at /);
      assert.equal(server.requests.length, 1);
    });

    it('says so while it waits through a retry-after within the bound, then gets the answer', async () => {
      server.enqueue(
        { httpError: { status: 429, type: 'rate_limit_error', message: 'slow down', headers: { 'retry-after-ms': '50' } } },
        { httpError: { status: 529, type: 'overloaded_error', message: 'Overloaded' , headers: { 'retry-after-ms': '20' } } },
        { text: 'Hello.' },
      );
      const response = await client({ maxRetries: 2 }).send(request(), onEvent);
      assert.deepEqual(response.content, [{ type: 'text', text: 'Hello.' }]);
      assert.deepEqual(waits, [
        'Rate limited by Anthropic (429); waiting 1 s before trying again (attempt 2 of 3).',
        'Anthropic is overloaded (529); waiting 1 s before trying again (attempt 3 of 3).',
      ]);
    });

    it('says nothing about waiting when no retry is left, and keeps the short message for a short wait', async () => {
      server.enqueue({ httpError: { status: 429, type: 'rate_limit_error', message: 'slow down', headers: { 'retry-after': '7' } } });
      const e = await rejection(client({ maxRetries: 0 }).send(request(), onEvent));
      assert.equal(e.message, 'Rate limited by Anthropic; try again in 7 s.');
      assert.deepEqual(waits, []);
    });
  });
});
