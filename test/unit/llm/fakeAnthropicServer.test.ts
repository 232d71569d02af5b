// The fake server's own wire behaviour, checked with plain fetch (no SDK in between).

import * as assert from 'node:assert/strict';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';

const CC = { type: 'ephemeral' };

function post(url: string, body: unknown, headers: Record<string, string> = {}, path = '/v1/messages'): Promise<Response> {
  return fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-ant-wire', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const minimal = { model: 'claude-sonnet-5-5', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }] };

/** Parses an SSE body into [event, data] pairs, checking the exact framing. */
function parseSse(text: string): [string, Record<string, unknown>][] {
  assert.ok(text.endsWith('\n\n'));
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      const lines = frame.split('\n');
      assert.equal(lines.length, 2, `one event line and one data line: ${frame}`);
      assert.ok(lines[0].startsWith('event: ') && lines[1].startsWith('data: '));
      return [lines[0].slice(7), JSON.parse(lines[1].slice(6)) as Record<string, unknown>];
    });
}

describe('FakeAnthropicServer wire', () => {
  let server: FakeAnthropicServer;
  let url: string;
  beforeEach(async () => {
    server = new FakeAnthropicServer();
    url = await server.start();
  });
  afterEach(() => server.stop());

  it('streams the documented event sequence with usage in message_start and message_delta', async () => {
    server.enqueue({ text: 'Hi', toolUses: [{ id: 'toolu_1', name: 'read_file', input: { path: 'a.ts' } }], chunkSize: 8 });
    const res = await post(url, minimal);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const events = parseSse(await res.text());
    assert.deepEqual(
      events.map(([e]) => e),
      ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
    );
    events.forEach(([name, data]) => assert.equal(data.type, name));
    const start = events[0][1].message as Record<string, unknown>;
    assert.deepEqual(start.content, []);
    assert.deepEqual(Object.keys(start.usage as object).sort(), ['cache_creation_input_tokens', 'cache_read_input_tokens', 'input_tokens', 'output_tokens']);
    const json = events.filter(([, d]) => (d.delta as { type?: string } | undefined)?.type === 'input_json_delta');
    assert.equal(json.map(([, d]) => (d.delta as { partial_json: string }).partial_json).join(''), '{"path":"a.ts"}');
    const delta = events[8][1];
    assert.deepEqual(delta.delta, { stop_reason: 'tool_use', stop_sequence: null });
    assert.deepEqual(delta.usage, server.requests[0].usage);
  });

  it('records requests without the key: headers minus authorization, a fingerprint, the parsed body', async () => {
    server.enqueue({ text: 'ok' });
    await (await post(url, minimal)).text();
    const [r] = server.requests;
    assert.equal(r.headers.authorization, undefined);
    assert.equal(r.auth.scheme, 'bearer');
    assert.match(r.auth.keyFingerprint ?? '', /^[0-9a-f]{12}$/);
    assert.deepEqual(r.body?.messages, minimal.messages);
    assert.ok(!JSON.stringify(server.requests).includes('sk-ant-wire'));
  });

  it('requires the key when asked: 401 for a wrong key or none', async () => {
    await server.stop();
    server = new FakeAnthropicServer({ requireKey: 'sk-right' });
    url = await server.start();
    const wrong = await post(url, minimal);
    assert.equal(wrong.status, 401);
    assert.deepEqual(await wrong.json(), { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' }, request_id: 'req_fake_0' });
    const none = await fetch(url + '/v1/messages', { method: 'POST', body: JSON.stringify(minimal) });
    assert.equal(none.status, 401);
    assert.equal(server.requests[1].auth.scheme, 'none');
  });

  it('rejects bad bodies like the API: invalid JSON, missing fields, removed sampling params, > 4 breakpoints', async () => {
    const cases: [unknown, RegExp][] = [
      ['{not json', /not valid JSON/],
      [{ ...minimal, model: undefined }, /model: Field required/],
      [{ ...minimal, messages: [] }, /at least one message/],
      [{ ...minimal, temperature: 0.5 }, /temperature: Extra inputs are not permitted/],
      [{ ...minimal, messages: [{ role: 'system', content: 'x' }] }, /role/],
      [{ ...minimal, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] }, /non-empty/],
      [
        { ...minimal, system: [1, 2, 3, 4, 5].map((n) => ({ type: 'text', text: `s${n}`, cache_control: CC })) },
        /A maximum of 4 blocks with cache_control may be provided\. Found 5\./,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await post(url, body);
      assert.equal(res.status, 400, String(message));
      const payload = (await res.json()) as { error: { type: string; message: string } };
      assert.equal(payload.error.type, 'invalid_request_error');
      assert.match(payload.error.message, message);
    }
  });

  it('answers 500 with x-should-retry: false when no turn is scripted', async () => {
    const res = await post(url, minimal);
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('x-should-retry'), 'false');
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /no scripted turn left for request #0/);
  });

  it('sends scripted HTTP errors with their headers', async () => {
    server.enqueue({ httpError: { status: 429, type: 'rate_limit_error', message: 'slow', headers: { 'retry-after': '3' } } });
    const res = await post(url, minimal);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '3');
  });

  it('passes each request to the responder, so a script can react to tool results', async () => {
    const seen: unknown[] = [];
    server.respondWith((req, i) => {
      seen.push(req.body?.messages.at(-1)?.content);
      return { text: `answer ${i}` };
    });
    const toolResult = [{ type: 'tool_result', tool_use_id: 't1', content: 'file body' }];
    await (await post(url, { ...minimal, messages: [{ role: 'user', content: toolResult }] })).text();
    await (await post(url, minimal)).text();
    assert.deepEqual(seen, [toolResult, 'hi']);
  });

  it('counts tokens on /v1/messages/count_tokens by the same rule', async () => {
    server.enqueue({ text: 'ok' });
    await (await post(url, minimal)).text();
    const res = await post(url, { model: minimal.model, messages: minimal.messages }, {}, '/v1/messages/count_tokens');
    assert.deepEqual(await res.json(), { input_tokens: server.requests[0].accounting?.totalInputTokens });
    assert.equal(server.messageRequests.length, 1);
  });

  it('ends a hanging stream when the server stops', async () => {
    server.enqueue({ hang: true });
    const res = await post(url, minimal);
    const reader = res.body?.getReader();
    assert.ok(reader);
    await reader.read(); // message_start
    const closed = server.whenClosed(0);
    await server.stop();
    assert.equal(await closed, 'server_stopped');
    await assert.rejects(async () => {
      for (;;) if ((await reader.read()).done) throw new Error('ended');
    });
  });
});
