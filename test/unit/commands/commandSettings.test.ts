import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { COMMAND_SETTING_DEFAULTS, validateCommandSettings, type CommandSettingName } from '../../../src/core/commands/commandSettings';

interface ManifestProperty {
  default?: unknown;
  scope?: string;
}

describe('commands: settings', () => {
  const manifest = JSON.parse(readFileSync(nodePath.join(__dirname, '../../../../package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, ManifestProperty> } };
  };
  const properties = manifest.contributes.configuration.properties;

  it('match package.json, and a repository cannot set them (application or machine scope)', () => {
    const names = Object.keys(properties).filter((k) => k.startsWith('devBackend.commands.')).sort();
    assert.deepEqual(names, Object.keys(COMMAND_SETTING_DEFAULTS).map((n) => `devBackend.${n}`).sort());
    for (const [name, value] of Object.entries(COMMAND_SETTING_DEFAULTS)) {
      const property = properties[`devBackend.${name}`];
      assert.deepEqual(property?.default, value, name);
      assert.ok(property?.scope === 'application' || property?.scope === 'machine', `${name} has scope ${String(property?.scope)}`);
    }
  });

  it('validates values, keeping the defaults for bad ones with a sentence each', () => {
    const values: Partial<Record<CommandSettingName, unknown>> = {
      'commands.approval': 'always',
      'commands.allowedDomains': ['registry.npmjs.org', '*.PyPI.org', 'http://evil', 3],
      'commands.timeoutSeconds': 9999,
    };
    const { settings, problems } = validateCommandSettings((name) => values[name]);
    assert.deepEqual(settings, { approval: 'sandboxed', allowedDomains: ['registry.npmjs.org', '*.pypi.org'], timeoutSeconds: 120, useSandbox: true });
    assert.equal(problems.length, 4);
    const defaults = validateCommandSettings(() => undefined);
    assert.deepEqual(defaults, { settings: { approval: 'sandboxed', allowedDomains: [], timeoutSeconds: 120, useSandbox: true }, problems: [] });
  });
});
