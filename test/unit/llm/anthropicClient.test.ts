import * as assert from 'node:assert/strict';
import { AnthropicModelClient, type AnthropicClientOptions } from '../../../src/core/llm/anthropicClient';
import { ModelError, type ModelRequest, type ModelStreamEvent } from '../../../src/core/llm/modelClient';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import type { Turn } from '../../fakes/fakeTurns';

const KEY = 'sk-ant-test-0123456789abcdef';

function request(partial: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'claude-sonnet-5-5',
    system: [{ text: 'You are a test.', cache: true }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Read a file.' }] }],
    tools: [{ name: 'read_file', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }],
    maxTokens: 1024,
    ...partial,
  };
}

async function expectModelError(promise: Promise<unknown>, kind: ModelError['kind']): Promise<ModelError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ModelError, `expected ModelError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    assert.ok(!e.message.includes(KEY), 'the key never appears in a message');
    return e;
  }
  assert.fail(`expected a ${kind} ModelError`);
}

describe('AnthropicModelClient against the fake server', () => {
  let server: FakeAnthropicServer;
  let baseURL: string;
  const client = (options: Partial<AnthropicClientOptions> = {}): AnthropicModelClient =>
    new AnthropicModelClient({ apiKey: () => Promise.resolve(KEY), baseURL, maxRetries: 0, ...options });
  const failWith = (turn: Turn, options: Partial<AnthropicClientOptions> = {}): Promise<unknown> => {
    server.enqueue(turn);
    return client(options).send(request(), () => undefined);
  };

  beforeEach(async () => {
    server = new FakeAnthropicServer();
    baseURL = await server.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('streams text and tool_use with partial JSON, and returns the parsed message', async () => {
    const input = { path: 'src/app.ts', start_line: 10, end_line: 42 };
    server.enqueue({ text: 'I will read the file first.', toolUses: [{ name: 'read_file', input }], chunkSize: 5 });
    const events: ModelStreamEvent[] = [];
    const response = await client().send(request(), (e) => events.push(e));

    const texts = events.filter((e) => e.type === 'text');
    assert.ok(texts.length > 1, 'text arrives in several deltas');
    assert.equal(texts.map((e) => e.text).join(''), 'I will read the file first.');
    assert.deepEqual(events.find((e) => e.type === 'tool_use_start'), { type: 'tool_use_start', id: 'toolu_0_1', name: 'read_file' });
    const deltas = events.filter((e) => e.type === 'tool_input_delta');
    assert.ok(deltas.length > 1, 'tool input arrives as several partial_json deltas');
    assert.ok(deltas.every((d) => d.id === 'toolu_0_1'));
    assert.deepEqual(JSON.parse(deltas.map((d) => d.partialJson).join('')), input);
    // Order: all text, then the tool start, then its input.
    const kinds = events.map((e) => e.type);
    assert.ok(kinds.lastIndexOf('text') < kinds.indexOf('tool_use_start'));
    assert.ok(kinds.indexOf('tool_use_start') < kinds.indexOf('tool_input_delta'));

    assert.deepEqual(response.content, [
      { type: 'text', text: 'I will read the file first.' },
      { type: 'tool_use', id: 'toolu_0_1', name: 'read_file', input },
    ]);
    assert.equal(response.stopReason, 'tool_use');
    assert.equal(response.model, 'claude-sonnet-5-5');
  });

  it('returns the usage the server reported, all four counters', async () => {
    server.enqueue({ text: 'Done.' });
    const response = await client().send(request(), () => undefined);
    const reported = server.requests[0].usage;
    assert.ok(reported);
    assert.deepEqual(response.usage, {
      inputTokens: reported.input_tokens,
      outputTokens: reported.output_tokens,
      cacheCreationInputTokens: reported.cache_creation_input_tokens,
      cacheReadInputTokens: reported.cache_read_input_tokens,
    });
    assert.ok(response.usage.inputTokens > 0 && response.usage.outputTokens > 0);
    assert.equal(response.stopReason, 'end_turn');
  });

  it('sends the key as a bearer token, and the server log never holds it', async () => {
    server.enqueue({ text: 'ok' });
    await client().send(request(), () => undefined);
    const [r] = server.requests;
    assert.equal(r.auth.scheme, 'bearer');
    assert.equal(r.path, '/v1/messages');
    assert.equal(r.body?.stream, true);
    assert.ok(r.headers['anthropic-version']);
    assert.ok(!JSON.stringify(server.requests).includes(KEY));
  });

  it('places cache_control on the last tool, the cached system block and the last message block', async () => {
    server.enqueue({ text: 'ok' });
    await client().send(request(), () => undefined);
    const body = server.requests[0].body;
    assert.ok(body);
    assert.deepEqual(server.requests[0].accounting?.breakpoints, ['tools[0]', 'system[0]', 'messages[0].content[0]']);
    assert.deepEqual(body.tools?.at(-1)?.cache_control, { type: 'ephemeral' });
  });

  it('without a key, fails with an auth error and makes no request', async () => {
    const e = await expectModelError(client({ apiKey: () => Promise.resolve(undefined) }).send(request(), () => undefined), 'auth');
    assert.match(e.message, /^No Anthropic API key is set\./);
    await expectModelError(client({ apiKey: () => Promise.resolve('   ') }).send(request(), () => undefined), 'auth');
    await expectModelError(client({ apiKey: () => Promise.reject(new Error('keychain locked')) }).send(request(), () => undefined), 'auth');
    assert.equal(server.requests.length, 0);
  });

  it('maps 401 to auth', async () => {
    const e = await expectModelError(failWith({ httpError: { status: 401, type: 'authentication_error', message: 'invalid x-api-key' } }), 'auth');
    assert.match(e.message, /The Anthropic API key was rejected/);
    assert.equal(e.status, 401);
  });

  it('answers 401 when the key differs from the one the server requires', async () => {
    await server.stop();
    server = new FakeAnthropicServer({ requireKey: 'sk-ant-the-right-one' });
    baseURL = await server.start();
    await expectModelError(client().send(request(), () => undefined), 'auth');
    assert.equal(server.requests[0].auth.keyMatches, false);
    server.enqueue({ text: 'ok' });
    const ok = await client({ apiKey: () => Promise.resolve('sk-ant-the-right-one') }).send(request(), () => undefined);
    assert.equal(ok.stopReason, 'end_turn');
    assert.equal(server.requests[1].auth.keyMatches, true);
  });

  it('maps 403 to permission', async () => {
    const e = await expectModelError(failWith({ httpError: { status: 403, type: 'permission_error', message: 'no access to model' } }), 'permission');
    assert.match(e.message, /no access to model/);
  });

  it('maps 429 to rate_limit with the retry time from retry-after-ms or retry-after', async () => {
    const e1 = await expectModelError(
      failWith({ httpError: { status: 429, type: 'rate_limit_error', message: 'slow down', headers: { 'retry-after-ms': '2500' } } }),
      'rate_limit',
    );
    assert.equal(e1.retryAfterSeconds, 3);
    assert.equal(e1.message, 'Rate limited by Anthropic; try again in 3 s.');
    const e2 = await expectModelError(
      failWith({ httpError: { status: 429, type: 'rate_limit_error', message: 'slow down', headers: { 'retry-after': '7' } } }),
      'rate_limit',
    );
    assert.equal(e2.retryAfterSeconds, 7);
    assert.match(e2.message, /try again in 7 s/);
  });

  it("keeps the SDK's retries: 429 and 529 are retried, then the reply arrives", async () => {
    server.enqueue(
      { httpError: { status: 429, type: 'rate_limit_error', message: 'slow down', headers: { 'retry-after-ms': '10' } } },
      { httpError: { status: 529, type: 'overloaded_error', message: 'Overloaded', headers: { 'retry-after-ms': '10' } } },
      { text: 'third time lucky' },
    );
    const response = await client({ maxRetries: 2 }).send(request(), () => undefined);
    assert.deepEqual(response.content, [{ type: 'text', text: 'third time lucky' }]);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(server.requests.map((r) => r.outcome), ['http_error', 'http_error', 'completed']);
  });

  it('gives up after maxRetries and reports the last error', async () => {
    const busy: Turn = { httpError: { status: 529, type: 'overloaded_error', message: 'Overloaded', headers: { 'retry-after-ms': '5' } } };
    server.enqueue(busy, busy);
    await expectModelError(client({ maxRetries: 1 }).send(request(), () => undefined), 'overloaded');
    assert.equal(server.requests.length, 2);
  });

  it('maps 500 to server and 529 to overloaded', async () => {
    const e500 = await expectModelError(failWith({ httpError: { status: 500, type: 'api_error', message: 'Internal server error' } }), 'server');
    assert.match(e500.message, /Try again/);
    const e529 = await expectModelError(failWith({ httpError: { status: 529, type: 'overloaded_error', message: 'Overloaded' } }), 'overloaded');
    assert.match(e529.message, /^Anthropic is overloaded/);
  });

  it('maps a closed port to network, naming the base URL', async () => {
    const down = new FakeAnthropicServer();
    const downURL = await down.start();
    await down.stop();
    const e = await expectModelError(
      new AnthropicModelClient({ apiKey: () => Promise.resolve(KEY), baseURL: downURL, maxRetries: 0 }).send(request(), () => undefined),
      'network',
    );
    assert.ok(e.message.startsWith(`Cannot reach the Anthropic API at ${downURL}`), e.message);
  });

  it('maps a slow answer past timeoutMs to timeout', async () => {
    server.enqueue({ text: 'late', delayMs: 5_000 });
    await expectModelError(client({ timeoutMs: 150 }).send(request(), () => undefined), 'timeout');
  });

  it('maps a mid-stream `event: error` by its type, after the text that came first', async () => {
    server.enqueue({ streamError: { type: 'overloaded_error', message: 'Overloaded' }, afterText: 'Partial answer' });
    const seen: string[] = [];
    const e = await expectModelError(
      client().send(request(), (ev) => ev.type === 'text' && seen.push(ev.text)),
      'overloaded',
    );
    assert.equal(seen.join(''), 'Partial answer');
    assert.equal(e.status, undefined);
    await expectModelError(failWith({ streamError: { type: 'api_error', message: 'Internal error' } }), 'server');
    await expectModelError(failWith({ streamError: { type: 'rate_limit_error', message: 'slow' } }), 'rate_limit');
  });

  it('maps a too-long prompt (400) and a too-large request (413) to context_too_long, other 400s to bad_request', async () => {
    const tooLong = await expectModelError(
      failWith({ httpError: { status: 400, type: 'invalid_request_error', message: 'prompt is too long: 210345 tokens > 200000 maximum' } }),
      'context_too_long',
    );
    assert.match(tooLong.message, /too long for the model/);
    await expectModelError(failWith({ httpError: { status: 413, type: 'request_too_large', message: 'Request exceeds the maximum size' } }), 'context_too_long');
    const bad = await expectModelError(
      failWith({ httpError: { status: 400, type: 'invalid_request_error', message: 'tools.0.name: String should match pattern' } }),
      'bad_request',
    );
    assert.match(bad.message, /tools\.0\.name/);
  });

  it('maps 404 (unknown model) to bad_request with the server message', async () => {
    const e = await expectModelError(failWith({ httpError: { status: 404, type: 'not_found_error', message: 'model: claude-nope' } }), 'bad_request');
    assert.match(e.message, /claude-nope/);
  });

  it('cancels mid-stream: rejects with cancelled and the server sees the connection close', async () => {
    server.enqueue({ hang: true, afterText: 'Working on it' });
    const controller = new AbortController();
    const e = await expectModelError(
      client().send(request({ signal: controller.signal }), (ev) => {
        if (ev.type === 'text') controller.abort();
      }),
      'cancelled',
    );
    assert.match(e.message, /cancelled/);
    assert.equal(await server.whenClosed(0), 'client_closed');
  });

  it('cancels a slow stream between events', async () => {
    server.enqueue({ text: 'a long and slow answer that takes many events', chunkSize: 2, eventDelayMs: 20 });
    const controller = new AbortController();
    let texts = 0;
    await expectModelError(
      client().send(request({ signal: controller.signal }), (ev) => {
        if (ev.type === 'text' && ++texts === 2) controller.abort();
      }),
      'cancelled',
    );
    assert.equal(texts, 2, 'no events after the abort');
    assert.equal(await server.whenClosed(0), 'client_closed');
  });

  it('does not call the API when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectModelError(client().send(request({ signal: controller.signal }), () => undefined), 'cancelled');
    assert.equal(server.requests.length, 0);
  });

  it('cancels while waiting for retries', async () => {
    server.enqueue({ httpError: { status: 429, type: 'rate_limit_error', message: 'slow', headers: { 'retry-after': '60' } } });
    const controller = new AbortController();
    const pending = client({ maxRetries: 2 }).send(request({ signal: controller.signal }), () => undefined);
    await server.whenClosed(0);
    controller.abort();
    await expectModelError(pending, 'cancelled');
  });

  it('lets an exception from the event callback through and stops the stream', async () => {
    server.enqueue({ hang: true, afterText: 'boom' });
    const failure = new Error('consumer failed');
    await assert.rejects(
      client().send(request(), () => {
        throw failure;
      }),
      (e) => e === failure,
    );
    assert.equal(await server.whenClosed(0), 'client_closed');
  });

  it('labels itself by host when the base URL is custom', () => {
    assert.equal(new AnthropicModelClient({ apiKey: () => Promise.resolve(KEY) }).label, 'Anthropic');
    assert.match(client().label, /^Anthropic \(127\.0\.0\.1:\d+\)$/);
  });
});

describe('AnthropicModelClient failures outside the API', () => {
  it('maps a connection lost mid-response to network', async () => {
    const server = new FakeAnthropicServer();
    const baseURL = await server.start();
    server.enqueue({ hang: true, afterText: 'partial' });
    const client = new AnthropicModelClient({ apiKey: () => Promise.resolve(KEY), baseURL, maxRetries: 0 });
    const e = await expectModelError(
      client.send(request(), (ev) => {
        if (ev.type === 'text') void server.stop();
      }),
      'network',
    );
    assert.match(e.message, /was lost mid-response/);
  });

  it('refuses a base URL that is not http(s) with a message naming the setting, before any request', async () => {
    for (const baseURL of ['not a url', 'ftp://example.com']) {
      const e = await expectModelError(
        new AnthropicModelClient({ apiKey: () => Promise.resolve(KEY), baseURL }).send(request(), () => undefined),
        'network',
      );
      assert.match(e.message, /devBackend\.apiBaseUrl/);
    }
  });
});
