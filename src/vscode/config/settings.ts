// The devBackend.* settings, read fresh on each call so a change applies to the next run.
import vscode = require('vscode');
import { pickSettingValue } from './settingScopes';
import { SETTING_NAMES, settingKey, validateSettings, type DevBackendSettings } from './settingsValidation';

export type { DevBackendSettings, LogLevelName, ReviewMode } from './settingsValidation';

export const SETTINGS_SECTION = 'devBackend';

/**
 * The current settings, validated (defaults come from package.json through the configuration API). Settings that
 * move the key, the model traffic or safety come from the user's settings only (settingScopes.ts; the warning is
 * `workspaceSettingsWarning.ts`'s job). `onProblem` hears one sentence per value that was invalid and replaced.
 */
export function readSettings(onProblem?: (message: string) => void, scope?: vscode.ConfigurationScope): DevBackendSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const { settings, problems } = validateSettings((name) => pickSettingValue(name, config.inspect<unknown>(settingKey(name)) ?? {}).value);
  for (const problem of problems) onProblem?.(problem);
  return settings;
}

/** True when a configuration change touches any devBackend.* setting (or the one named). */
export function affectsSettings(event: vscode.ConfigurationChangeEvent, name?: keyof DevBackendSettings): boolean {
  if (name) return event.affectsConfiguration(`${SETTINGS_SECTION}.${settingKey(name)}`);
  return SETTING_NAMES.some((n) => event.affectsConfiguration(`${SETTINGS_SECTION}.${settingKey(n)}`));
}
