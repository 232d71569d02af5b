import * as assert from 'node:assert/strict';
import { APIError } from '@anthropic-ai/sdk';
import { redact, retryAfterSeconds, toModelError } from '../../../src/core/llm/anthropicErrors';
import { ModelError } from '../../../src/core/llm/modelClient';

const KEY = 'sk-ant-api03-SECRETSECRETSECRET';
const ctx = { baseURL: 'https://api.anthropic.com', apiKey: KEY };

describe('anthropicErrors', () => {
  it('reads retry-after-ms, retry-after seconds and retry-after dates, rounding up', () => {
    assert.equal(retryAfterSeconds(new Headers({ 'retry-after-ms': '1200' })), 2);
    assert.equal(retryAfterSeconds(new Headers({ 'retry-after-ms': '10', 'retry-after': '30' })), 1, 'ms wins, like the SDK');
    assert.equal(retryAfterSeconds(new Headers({ 'retry-after': '30' })), 30);
    const now = Date.parse('2026-11-26T10:00:00Z');
    assert.equal(retryAfterSeconds(new Headers({ 'retry-after': 'Thu, 26 Nov 2026 10:00:45 GMT' }), now), 45);
    assert.equal(retryAfterSeconds(new Headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(retryAfterSeconds(new Headers()), undefined);
    assert.equal(retryAfterSeconds(undefined), undefined);
  });

  it('never lets the key into a message, even when the server echoes it', () => {
    const echoed = new APIError(401, { type: 'error', error: { type: 'authentication_error', message: `bad key ${KEY}` } }, undefined, new Headers());
    const fromApi = toModelError(echoed, ctx);
    assert.equal(fromApi.kind, 'auth');
    assert.ok(!fromApi.message.includes(KEY));
    const bad = new APIError(400, { type: 'error', error: { type: 'invalid_request_error', message: `key ${KEY} and Bearer abcdefghijkl` } }, undefined, new Headers());
    const fromBad = toModelError(bad, ctx);
    assert.ok(!fromBad.message.includes(KEY) && !fromBad.message.includes('abcdefghijkl'), fromBad.message);
    assert.equal(toModelError(new Error(`oops ${KEY}`), ctx).message.includes(KEY), false);
    assert.equal(redact(`a ${KEY} b ${KEY}`, KEY), 'a *** b ***');
  });

  it('maps a stream error without status by its type, including a too-long prompt', () => {
    const stream = (type: string, message: string): ModelError =>
      toModelError(new APIError(undefined, { type: 'error', error: { type, message } }, undefined, undefined, null), ctx);
    assert.equal(stream('overloaded_error', 'Overloaded').kind, 'overloaded');
    assert.equal(stream('invalid_request_error', 'prompt is too long: 300000 tokens > 200000 maximum').kind, 'context_too_long');
    assert.equal(stream('invalid_request_error', 'bad field').kind, 'bad_request');
    assert.equal(stream('something_new', 'who knows').kind, 'unknown');
  });

  it('keeps a ModelError as it is, and calls unknown failures unknown', () => {
    const own = new ModelError('rate_limit', 'Rate limited by Anthropic; try again in 3 s.', 3, 429);
    const mapped = toModelError(own, ctx);
    assert.deepEqual([mapped.kind, mapped.message, mapped.retryAfterSeconds, mapped.status], ['rate_limit', own.message, 3, 429]);
    assert.equal(toModelError('a string', ctx).kind, 'unknown');
  });
});
