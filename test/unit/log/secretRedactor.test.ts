import * as assert from 'node:assert/strict';
import { describeError, isLevelEnabled, REDACTED, SecretRedactor } from '../../../src/vscode/log/secretRedactor';

describe('SecretRedactor', () => {
  it('removes a registered key wherever it appears, however it looks', () => {
    const redactor = new SecretRedactor();
    redactor.add('  my-gateway-key-123  ');
    const out = redactor.redact('key=my-gateway-key-123; again my-gateway-key-123!');
    assert.equal(out, `key=${REDACTED}; again ${REDACTED}!`);
  });

  it('removes anything that looks like an Anthropic key, even when never registered', () => {
    const redactor = new SecretRedactor();
    const out = redactor.redact('failed with sk-ant-api03-AbC_d-1234567890xyz in the header');
    assert.equal(out, `failed with sk-ant-${REDACTED} in the header`);
  });

  it('removes bearer tokens and x-api-key header values', () => {
    const redactor = new SecretRedactor();
    assert.equal(redactor.redact('authorization: Bearer abcdefghijklmnop'), `authorization: Bearer ${REDACTED}`);
    assert.equal(redactor.redact('{"x-api-key": "zzzzzzzzzz", "a": 1}'), `{"x-api-key": "${REDACTED}", "a": 1}`);
    assert.equal(redactor.redact('x-api-key=qqqqqqqqq other'), `x-api-key=${REDACTED} other`);
  });

  it('removes the longer of two overlapping secrets whole', () => {
    const redactor = new SecretRedactor();
    redactor.add('abcdef');
    redactor.add('abcdef-long-key');
    assert.equal(redactor.redact('x abcdef-long-key y abcdef'), `x ${REDACTED} y ${REDACTED}`);
  });

  it('ignores empty and very short secrets (they would blank out ordinary words)', () => {
    const redactor = new SecretRedactor();
    redactor.add(undefined);
    redactor.add('');
    redactor.add('the');
    assert.equal(redactor.redact('the plan is ready'), 'the plan is ready');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Editing src/routes/auth.ts (task 3: Create auth middleware), 1200 tokens, $0.0123';
    assert.equal(new SecretRedactor().redact(text), text);
  });
});

describe('log levels', () => {
  it('writes a level when the setting is that level or more detailed', () => {
    assert.equal(isLevelEnabled('error', 'error'), true);
    assert.equal(isLevelEnabled('warn', 'error'), false);
    assert.equal(isLevelEnabled('info', 'info'), true);
    assert.equal(isLevelEnabled('debug', 'info'), false);
    assert.equal(isLevelEnabled('debug', 'debug'), true);
    assert.equal(isLevelEnabled('error', 'debug'), true);
  });
});

describe('describeError', () => {
  it('names the error and its cause in one line', () => {
    const error = new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') });
    assert.equal(describeError(error), 'TypeError: fetch failed (cause: ECONNREFUSED)');
    assert.equal(describeError('plain'), 'plain');
  });
});
