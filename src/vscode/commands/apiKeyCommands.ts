// "Set Anthropic API Key" / "Clear Anthropic API Key", and the key store they act on.
// The key goes to SecretStorage only; the log is told about it so it can never print it.
import vscode = require('vscode');
import type { OutputLog } from '../log/outputLog';
import { validateApiKeyInput } from '../config/apiKeyInput';
import { ApiKeyStore } from '../config/apiKeyStore';

export const SET_API_KEY_COMMAND = 'devBackend.setApiKey';
export const CLEAR_API_KEY_COMMAND = 'devBackend.clearApiKey';

/** Creates the key store and registers both commands; the store is disposed with the extension. */
export function registerApiKey(context: vscode.ExtensionContext, log: OutputLog): ApiKeyStore {
  const store = new ApiKeyStore(
    context.secrets,
    process.env,
    (e) => log.warn(`Could not read the secret storage (${errorText(e)}); trying ANTHROPIC_API_KEY.`),
    (message) => log.warn(message),
  );
  context.subscriptions.push(store);

  const announce = async (): Promise<void> => {
    log.protect(await store.get());
    const source = await store.source();
    log.info(source === 'secretStorage' ? 'Anthropic API key: set (secret storage).' : source === 'environment' ? 'Anthropic API key: from ANTHROPIC_API_KEY.' : 'Anthropic API key: not set.');
  };
  void announce();
  context.subscriptions.push(
    store.onDidChange(() => void announce()),
    // Tests and automation may pass the key as the argument; people get a password box.
    vscode.commands.registerCommand(SET_API_KEY_COMMAND, (key?: unknown) => setApiKey(store, log, key)),
    vscode.commands.registerCommand(CLEAR_API_KEY_COMMAND, () => clearApiKey(store, log)),
  );
  return store;
}

/** Resolves true when a key was saved. */
async function setApiKey(store: ApiKeyStore, log: OutputLog, given: unknown): Promise<boolean> {
  let key: string | undefined;
  if (typeof given === 'string') {
    key = given;
    const problem = validateApiKeyInput(key);
    if (problem) {
      void vscode.window.showErrorMessage(`Dev Backend: ${problem}`);
      return false;
    }
  } else {
    key = await vscode.window.showInputBox({
      title: 'Dev Backend: Set Anthropic API Key',
      prompt: "Your Anthropic API key. It is kept in VS Code's secret storage, never in settings or logs.",
      placeHolder: 'sk-ant-...',
      password: true,
      ignoreFocusOut: true,
      validateInput: validateApiKeyInput,
    });
    if (key === undefined) return false;
  }
  log.protect(key.trim());
  try {
    await store.set(key);
  } catch (e) {
    log.error('Saving the Anthropic API key failed', e);
    void vscode.window.showErrorMessage(`Dev Backend could not save the key in the secret storage: ${errorText(e, key)}`);
    return false;
  }
  log.info('Anthropic API key saved in the secret storage.');
  void vscode.window.showInformationMessage('Anthropic API key saved. Dev Backend uses Claude directly, and Claude models appear in the chat model picker.');
  return true;
}

async function clearApiKey(store: ApiKeyStore, log: OutputLog): Promise<void> {
  try {
    await store.clear();
  } catch (e) {
    log.error('Clearing the Anthropic API key failed', e);
    void vscode.window.showErrorMessage(`Dev Backend could not clear the key: ${errorText(e)}`);
    return;
  }
  log.info('Anthropic API key cleared from the secret storage.');
  const note = store.hasEnvironmentKey() ? ' ANTHROPIC_API_KEY from the environment is still used.' : '';
  void vscode.window.showInformationMessage(`Anthropic API key cleared.${note}`);
}

/** An error's message without the key in it. */
function errorText(error: unknown, key?: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const trimmed = key?.trim();
  return trimmed ? message.split(trimmed).join('***') : message;
}
