// Which layer of the settings each devBackend.* setting may come from. A repository's .vscode/settings.json
// (or .code-workspace file) must not choose where the user's key and prompts go, which model is billed, or loosen
// safety: those settings are read from the user's settings only, and spending limits may only be lowered there.
// No `vscode` import, so it runs in unit tests.
import { settingKey, type SettingName } from './settingsValidation';

/** Moves the key or the model traffic, or loosens safety: user settings only (package.json scope `application`). */
export const USER_ONLY_SETTINGS: readonly SettingName[] = ['apiBaseUrl', 'allowSecretFiles', 'model', 'modelAliases'];
/** Spending limits: a workspace may set them lower than the user's, never higher. */
export const LIMIT_SETTINGS: readonly SettingName[] = ['maxTurns', 'maxTokensPerRun', 'maxOutputTokens', 'validationMaxFixRounds'];

/** What `WorkspaceConfiguration.inspect` reports for one setting. */
export interface SettingLayers {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export type WorkspaceLayer = 'workspace' | 'workspaceFolder';

export interface PickedSetting {
  /** The value to validate (undefined: the default). */
  value: unknown;
  /** Workspace layers whose value was set but not used. */
  ignored: WorkspaceLayer[];
}

export function pickSettingValue(name: SettingName, layers: SettingLayers): PickedSetting {
  const set = (['workspaceFolder', 'workspace'] as const).filter((layer) => layers[`${layer}Value`] !== undefined);
  if (USER_ONLY_SETTINGS.includes(name)) return { value: layers.globalValue, ignored: [...set] };
  if (LIMIT_SETTINGS.includes(name)) {
    const user = layers.globalValue ?? layers.defaultValue;
    let value = layers.globalValue;
    const ignored: WorkspaceLayer[] = [];
    for (const layer of set) {
      const candidate = layers[`${layer}Value`];
      const lower = typeof candidate === 'number' && (typeof user !== 'number' || candidate <= user);
      if (lower && (typeof value !== 'number' || candidate <= value)) value = candidate;
      else if (!lower) ignored.push(layer);
    }
    return { value, ignored };
  }
  return { value: layers.workspaceFolderValue ?? layers.workspaceValue ?? layers.globalValue, ignored: [] };
}

/**
 * User-only settings a settings file names (VS Code drops `application` settings from workspace files before an
 * extension can inspect them, so the file is read to warn the user). Line comments are skipped.
 */
export function userOnlySettingsIn(settingsFileText: string): SettingName[] {
  const text = settingsFileText.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  return USER_ONLY_SETTINGS.filter((name) => new RegExp(`"devBackend\\.${name}"\\s*:`).test(text));
}

/** The warning for a setting a workspace file tried to set. */
export function ignoredSettingMessage(name: SettingName, file: string): string {
  const what = USER_ONLY_SETTINGS.includes(name)
    ? 'a repository cannot choose where your API key and prompts go, which model you pay for, or loosen your safety settings'
    : 'a repository can only lower this spending limit';
  return `Dev Backend ignored "devBackend.${settingKey(name)}" in ${file}: ${what}. Set it in your user settings if you want it.`;
}
