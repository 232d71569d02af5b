// The key the extension uses: trimmed, and never one with a line break (it would reach an HTTP error that prints it).
import assert from 'node:assert/strict';
import { checkApiKeyShape } from '../../../src/core/llm/apiKeyShape';
import { chooseApiKey, invalidKeyMessage, validateApiKeyInput } from '../../../src/vscode/config/apiKeyInput';

describe('API key shape', () => {
  it('trims a key and refuses line breaks, spaces and non-ASCII without echoing the value', () => {
    assert.deepEqual(checkApiKeyShape('  sk-ant-abc123\n'), { ok: true, key: 'sk-ant-abc123' });
    for (const bad of ['sk-ant-first\nSECONDHALF', 'sk-ant a', 'sk-ant-\u00e9', 'sk-ant-\u0000x', 'x'.repeat(2000), '  ']) {
      const checked = checkApiKeyShape(bad);
      assert.equal(checked.ok, false, JSON.stringify(bad));
      assert.ok(!checked.ok && !checked.reason.includes('SECOND') && !checked.reason.includes('sk-ant'));
    }
    assert.match(validateApiKeyInput('sk-ant-\u00e9') ?? '', /not an API key/);
  });

  it('skips a stored key with a line break (reporting why, not what) and falls back to a valid environment key', () => {
    const skipped: string[] = [];
    const choice = chooseApiKey('sk-ant-first\nSECONDHALF', ' sk-ant-env \n', (source, reason) => skipped.push(invalidKeyMessage(source, reason)));
    assert.deepEqual(choice, { key: 'sk-ant-env', source: 'environment' });
    assert.equal(skipped.length, 1);
    assert.match(skipped[0] ?? '', /stored Anthropic API key is not usable \(it contains a line break\); set it again/);
    assert.ok(!skipped.join('').includes('SECONDHALF'));
    assert.equal(chooseApiKey(undefined, 'sk-ant-a\nb'), undefined);
    assert.deepEqual(chooseApiKey(' sk-ant-stored ', 'sk-ant-env'), { key: 'sk-ant-stored', source: 'secretStorage' });
  });
});
