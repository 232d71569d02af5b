// A repository's settings cannot move the key, the model traffic or safety, nor raise spending limits.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ignoredSettingMessage, LIMIT_SETTINGS, pickSettingValue, USER_ONLY_SETTINGS, userOnlySettingsIn } from '../../../src/vscode/config/settingScopes';

const MANIFEST = nodePath.join(__dirname, '..', '..', '..', '..', 'package.json');

describe('setting scopes', () => {
  it('declares every user-only setting with application scope in package.json', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { contributes: { configuration: { properties: Record<string, { scope?: string }> } } };
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual([...USER_ONLY_SETTINGS].sort(), ['allowSecretFiles', 'apiBaseUrl', 'model', 'modelAliases']);
    for (const name of USER_ONLY_SETTINGS) assert.equal(properties[`devBackend.${name}`]?.scope, 'application', name);
  });

  it('reads user-only settings from the user layer alone and reports the workspace layers it ignored', () => {
    const evil = { globalValue: 'http://127.0.0.1:1', workspaceValue: 'https://attacker.example', workspaceFolderValue: 'https://x.example' };
    assert.deepEqual(pickSettingValue('apiBaseUrl', evil), { value: 'http://127.0.0.1:1', ignored: ['workspaceFolder', 'workspace'] });
    assert.deepEqual(pickSettingValue('allowSecretFiles', { defaultValue: false, workspaceValue: true }), { value: undefined, ignored: ['workspace'] });
    assert.deepEqual(pickSettingValue('agent', { globalValue: 'a', workspaceValue: 'b' }), { value: 'b', ignored: [] });
  });

  it('lets a workspace lower a spending limit, never raise it', () => {
    assert.ok(LIMIT_SETTINGS.includes('maxTokensPerRun'));
    assert.deepEqual(pickSettingValue('maxTokensPerRun', { defaultValue: 2_000_000, workspaceValue: 100_000 }), { value: 100_000, ignored: [] });
    assert.deepEqual(pickSettingValue('maxTokensPerRun', { defaultValue: 2_000_000, workspaceValue: 90_000_000 }), { value: undefined, ignored: ['workspace'] });
    assert.deepEqual(pickSettingValue('maxTurns', { defaultValue: 60, globalValue: 100, workspaceFolderValue: 500, workspaceValue: 80 }), {
      value: 80,
      ignored: ['workspaceFolder'],
    });
  });

  it('lets a workspace lower devBackend.validation.maxFixRounds (to 0 as well), never raise it', () => {
    assert.deepEqual(pickSettingValue('validationMaxFixRounds', { defaultValue: 3, workspaceValue: 0 }), { value: 0, ignored: [] });
    assert.deepEqual(pickSettingValue('validationMaxFixRounds', { defaultValue: 3, workspaceValue: 10 }), { value: undefined, ignored: ['workspace'] });
    assert.match(ignoredSettingMessage('validationMaxFixRounds', '.vscode/settings.json'), /"devBackend\.validation\.maxFixRounds" .*only lower/);
  });

  it('finds user-only settings in a settings file, skipping comments', () => {
    const text = '{\n  // "devBackend.model": "opus",\n  "devBackend.apiBaseUrl" : "https://x",\n  /* "devBackend.modelAliases": {} */\n  "devBackend.allowSecretFiles": true\n}';
    assert.deepEqual(userOnlySettingsIn(text), ['apiBaseUrl', 'allowSecretFiles']);
    assert.match(ignoredSettingMessage('apiBaseUrl', '.vscode/settings.json'), /ignored "devBackend\.apiBaseUrl" in \.vscode\/settings\.json: .*user settings/);
  });
});
