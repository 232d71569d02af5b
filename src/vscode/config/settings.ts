// The devBackend.* settings, read fresh on each call so a change applies to the next run.
import vscode = require('vscode');
import { SETTING_NAMES, validateSettings, type DevBackendSettings } from './settingsValidation';

export type { DevBackendSettings, LogLevelName, ReviewMode } from './settingsValidation';

export const SETTINGS_SECTION = 'devBackend';

/**
 * The current settings, validated (defaults come from package.json through the configuration API).
 * `onProblem` hears one sentence per value that was invalid and replaced.
 */
export function readSettings(onProblem?: (message: string) => void, scope?: vscode.ConfigurationScope): DevBackendSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const { settings, problems } = validateSettings((name) => config.get<unknown>(name));
  for (const problem of problems) onProblem?.(problem);
  return settings;
}

/** True when a configuration change touches any devBackend.* setting (or the one named). */
export function affectsSettings(event: vscode.ConfigurationChangeEvent, name?: keyof DevBackendSettings): boolean {
  if (name) return event.affectsConfiguration(`${SETTINGS_SECTION}.${name}`);
  return SETTING_NAMES.some((n) => event.affectsConfiguration(`${SETTINGS_SECTION}.${n}`));
}
