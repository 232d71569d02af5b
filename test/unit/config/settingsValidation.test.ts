import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { anthropicWaitOptions, SETTING_DEFAULTS, SETTING_NAMES, settingKey, validateSettings, type SettingName } from '../../../src/vscode/config/settingsValidation';
import { validateApiKeyInput } from '../../../src/vscode/config/apiKeyInput';

interface ManifestProperty {
  default?: unknown;
  enum?: unknown[];
}

function manifestProperties(): Record<string, ManifestProperty> {
  const file = path.resolve(__dirname, '..', '..', '..', '..', 'package.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { contributes: { configuration: { properties: Record<string, ManifestProperty> } } };
  return manifest.contributes.configuration.properties;
}

function validate(values: Partial<Record<SettingName, unknown>>): ReturnType<typeof validateSettings> {
  return validateSettings((name) => values[name]);
}

describe('settings validation', () => {
  it('has the same settings and defaults as package.json', () => {
    const properties = manifestProperties();
    assert.deepEqual(
      // devBackend.commands.* are validated in src/core/commands/commandSettings.ts (tested there).
      Object.keys(properties).filter((k) => !k.startsWith('devBackend.commands.')).sort(),
      SETTING_NAMES.map((n) => `devBackend.${settingKey(n)}`).sort(),
      'package.json and settingsValidation.ts declare different settings',
    );
    for (const name of SETTING_NAMES) {
      assert.deepEqual(SETTING_DEFAULTS[name], properties[`devBackend.${settingKey(name)}`].default, `default of devBackend.${settingKey(name)}`);
    }
    assert.deepEqual(properties['devBackend.reviewMode'].enum, ['endOfRun', 'perTask']);
    assert.deepEqual(properties['devBackend.logLevel'].enum, ['error', 'warn', 'info', 'debug']);
  });

  it('reads devBackend.validation.maxFixRounds as validationMaxFixRounds: 0 to 10, default 3', () => {
    assert.equal(settingKey('validationMaxFixRounds'), 'validation.maxFixRounds');
    assert.equal(validate({}).settings.validationMaxFixRounds, 3);
    assert.equal(validate({ validationMaxFixRounds: 0 }).settings.validationMaxFixRounds, 0);
    const { settings, problems } = validate({ validationMaxFixRounds: 50 });
    assert.equal(settings.validationMaxFixRounds, 10);
    assert.deepEqual(problems, ['devBackend.validation.maxFixRounds must be a whole number from 0 to 10; using 10.']);
  });

  it('gives the defaults, and no problems, when nothing is set', () => {
    const { settings, problems } = validate({});
    assert.deepEqual(settings, SETTING_DEFAULTS);
    assert.deepEqual(problems, []);
  });

  it('keeps valid values, trimmed', () => {
    const { settings, problems } = validate({
      model: ' opus ',
      modelAliases: { sonnet: ' claude-sonnet-4-6 ' },
      apiBaseUrl: ' http://127.0.0.1:9999 ',
      agent: 'my-backend',
      maxTurns: 5,
      maxTokensPerRun: 50_000,
      maxOutputTokens: 4096,
      reviewMode: 'perTask',
      allowSecretFiles: true,
      logLevel: 'debug',
      streamIdleTimeoutSeconds: 30,
      maxRetryWaitSeconds: 0,
      validationMaxFixRounds: 1,
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      model: 'opus',
      modelAliases: { sonnet: 'claude-sonnet-4-6' },
      apiBaseUrl: 'http://127.0.0.1:9999',
      agent: 'my-backend',
      maxTurns: 5,
      maxTokensPerRun: 50_000,
      maxOutputTokens: 4096,
      reviewMode: 'perTask',
      allowSecretFiles: true,
      logLevel: 'debug',
      streamIdleTimeoutSeconds: 30,
      maxRetryWaitSeconds: 0,
      validationMaxFixRounds: 1,
    });
  });

  it('keeps the wait settings in range and hands them to the Anthropic client in ms', () => {
    const { settings, problems } = validate({ streamIdleTimeoutSeconds: 1, maxRetryWaitSeconds: 100_000 });
    assert.equal(settings.streamIdleTimeoutSeconds, 5);
    assert.equal(settings.maxRetryWaitSeconds, 86_400);
    assert.equal(problems.length, 2);
    assert.deepEqual(anthropicWaitOptions(SETTING_DEFAULTS), { streamIdleTimeoutMs: 90_000, maxRetryWaitMs: 60_000 });
  });

  it('declares the wait settings user-level only: a workspace cannot change the model traffic', () => {
    const properties = manifestProperties() as Record<string, ManifestProperty & { scope?: string }>;
    assert.equal(properties['devBackend.streamIdleTimeoutSeconds'].scope, 'application');
    assert.equal(properties['devBackend.maxRetryWaitSeconds'].scope, 'application');
  });

  it('replaces values of the wrong type with the default and says which setting', () => {
    const { settings, problems } = validate({ maxTurns: 'many', reviewMode: 'sometimes', allowSecretFiles: 'yes', logLevel: 7, model: 42, modelAliases: ['x'] });
    assert.equal(settings.maxTurns, 60);
    assert.equal(settings.reviewMode, 'endOfRun');
    assert.equal(settings.allowSecretFiles, false);
    assert.equal(settings.logLevel, 'info');
    assert.equal(settings.model, '');
    assert.deepEqual(settings.modelAliases, {});
    for (const name of ['maxTurns', 'reviewMode', 'allowSecretFiles', 'logLevel', 'model', 'modelAliases']) {
      assert.ok(problems.some((p) => p.startsWith(`devBackend.${name} `)), `no problem reported for ${name}: ${problems.join(' | ')}`);
    }
  });

  it('clamps and rounds numbers into their range', () => {
    const { settings, problems } = validate({ maxTurns: 0, maxTokensPerRun: 10, maxOutputTokens: 1000.7 });
    assert.equal(settings.maxTurns, 1);
    assert.equal(settings.maxTokensPerRun, 1000);
    assert.equal(settings.maxOutputTokens, 1000);
    assert.equal(problems.length, 3);
    assert.equal(validate({ maxTurns: 9999 }).settings.maxTurns, 500);
    assert.equal(validate({ maxTurns: Number.NaN }).settings.maxTurns, 60);
  });

  it('drops alias entries that are not non-empty strings, keeping the rest', () => {
    const { settings, problems } = validate({ modelAliases: { sonnet: 'claude-sonnet-4-6', opus: 3, fast: '  ', '': 'x' } });
    assert.deepEqual(settings.modelAliases, { sonnet: 'claude-sonnet-4-6' });
    assert.equal(problems.length, 3);
  });

  it('strips a trailing /v1 and slashes from the base URL, and an empty agent falls back', () => {
    const fixed = validate({ apiBaseUrl: 'https://proxy.example/v1/', agent: '   ' });
    assert.equal(fixed.settings.apiBaseUrl, 'https://proxy.example');
    assert.equal(fixed.settings.agent, 'dev-backend');
    assert.equal(fixed.problems.length, 1, 'the /v1 is reported');
    assert.equal(validate({ apiBaseUrl: 'http://127.0.0.1:8080/' }).settings.apiBaseUrl, 'http://127.0.0.1:8080');
    assert.deepEqual(validate({ apiBaseUrl: 'http://127.0.0.1:8080/' }).problems, []);
  });

  it('returns fresh objects: changing one result never changes the defaults', () => {
    const first = validate({ modelAliases: 5 }).settings;
    first.modelAliases.x = 'y';
    assert.deepEqual(SETTING_DEFAULTS.modelAliases, {});
    assert.deepEqual(validate({}).settings.modelAliases, {});
  });
});

describe('API key input', () => {
  it('accepts a key, with surrounding whitespace', () => {
    assert.equal(validateApiKeyInput('sk-ant-api03-abcdef'), undefined);
    assert.equal(validateApiKeyInput('  sk-ant-api03-abcdef\n'), undefined);
    assert.equal(validateApiKeyInput('proxy-issued-key'), undefined, 'gateways issue keys of their own format');
  });

  it('refuses empty keys and keys with whitespace inside, without echoing the value', () => {
    assert.match(validateApiKeyInput('') ?? '', /Enter your Anthropic API key/);
    assert.match(validateApiKeyInput('   ') ?? '', /Enter/);
    const problem = validateApiKeyInput('sk-ant-secret part2') ?? '';
    assert.match(problem, /no spaces or line breaks/);
    assert.ok(!problem.includes('secret'), 'the message repeats the key');
    assert.ok(validateApiKeyInput('sk-ant-a\nb'));
  });
});
