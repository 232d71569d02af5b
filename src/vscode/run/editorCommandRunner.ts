// The editor's CommandRunner for a ChangeSet: the command settings (application scope), the consent dialog, the
// "Dev Backend: Commands" channel and the API key redacted from output. Used by runs and by /validate.
import vscode = require('vscode');
import type { ChangeSet } from '../../core/changes/changeSet';
import type { CommandRunner } from '../../core/commands/commandRunner';
import { validateCommandSettings } from '../../core/commands/commandSettings';
import { runtime } from '../../core/runtime/lazyRuntime';
import type { ApiKeyStore } from '../config/apiKeyStore';
import { SETTINGS_SECTION } from '../config/settings';
import type { CommandsChannel } from '../log/commandsChannel';
import type { OutputLog } from '../log/outputLog';
import { SecretRedactor } from '../log/secretRedactor';
import type { EditorCommandConsent } from './commandConsent';

export interface EditorCommandsDeps {
  keyStore: ApiKeyStore;
  log: OutputLog;
  consent: EditorCommandConsent;
  channel: CommandsChannel;
}

/** Undefined when commands are off: devBackend.commands.approval is `never` or the workspace is not trusted. */
export async function editorCommandRunner(deps: EditorCommandsDeps, changes: ChangeSet): Promise<CommandRunner | undefined> {
  if (!vscode.workspace.isTrusted) {
    deps.log.info('Commands are off: this workspace is not trusted.');
    return undefined;
  }
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const { settings, problems } = validateCommandSettings((name) => config.get<unknown>(name));
  for (const problem of problems) deps.log.warn(`settings: ${problem}`);
  if (settings.approval === 'never') return undefined;
  const redactor = new SecretRedactor();
  redactor.add(await deps.keyStore.get());
  return new (runtime().CommandRunner)({ changes, settings, consent: deps.consent, listener: deps.channel, redact: (text) => redactor.redact(text) });
}
