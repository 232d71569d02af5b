// Tells the user, once per setting and file, that a workspace tried to set a setting Dev Backend reads from user
// settings only (see settingScopes.ts). Checked at activation, when settings or settings files change.
import * as nodePath from 'node:path';
import vscode = require('vscode');
import { SETTINGS_SECTION } from './settings';
import { ignoredSettingMessage, LIMIT_SETTINGS, pickSettingValue, userOnlySettingsIn } from './settingScopes';
import { settingKey, type SettingName } from './settingsValidation';

/** The part of the output log this needs (the log itself reads settings, so config does not import it). */
interface WarningLog {
  warn(message: string): void;
  debug(message: string): void;
}

export function registerWorkspaceSettingsWarning(context: vscode.ExtensionContext, log: WarningLog): void {
  const warned = new Set<string>();
  const warn = (name: SettingName, file: string): void => {
    const key = `${name}\u0000${file}`;
    if (warned.has(key)) return;
    warned.add(key);
    const message = ignoredSettingMessage(name, file);
    log.warn(message);
    void vscode.window.showWarningMessage(message);
  };
  const check = (): void => void findIgnoredSettings().then((found) => found.forEach(({ name, file }) => warn(name, file)), (e: unknown) => log.debug(`settings check: ${String(e)}`));
  const watcher = vscode.workspace.createFileSystemWatcher('**/{.vscode/settings.json,*.code-workspace}');
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(check),
    watcher.onDidChange(check),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS_SECTION)) check();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(check),
  );
  check();
}

/** Settings set by the workspace file or a folder's .vscode/settings.json that are not used. */
async function findIgnoredSettings(): Promise<{ name: SettingName; file: string }[]> {
  const found: { name: SettingName; file: string }[] = [];
  const workspaceFile = vscode.workspace.workspaceFile;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const workspaceLabel = workspaceFile?.scheme === 'file' ? nodePath.basename(workspaceFile.fsPath) : '.vscode/settings.json';
  // User-only settings never reach the configuration API from a workspace: read the files themselves.
  const files: { uri: vscode.Uri; label: string }[] = folders.map((f) => ({
    uri: vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'),
    label: folders.length > 1 ? `${f.name}/.vscode/settings.json` : '.vscode/settings.json',
  }));
  if (workspaceFile?.scheme === 'file') files.push({ uri: workspaceFile, label: workspaceLabel });
  for (const { uri, label } of files) {
    const text = await vscode.workspace.fs.readFile(uri).then((b) => new TextDecoder().decode(b), () => undefined);
    if (text !== undefined) for (const name of userOnlySettingsIn(text)) found.push({ name, file: label });
  }
  // Limits do reach it: compare the layers.
  for (const name of LIMIT_SETTINGS) {
    for (const folder of folders.length > 0 ? folders : [undefined]) {
      const layers = vscode.workspace.getConfiguration(SETTINGS_SECTION, folder?.uri).inspect<unknown>(settingKey(name)) ?? {};
      for (const layer of pickSettingValue(name, layers).ignored) {
        found.push({ name, file: layer === 'workspace' ? workspaceLabel : `${folder?.name ?? ''}/.vscode/settings.json` });
      }
    }
  }
  return found;
}
