// "Set Anthropic API Key" / "Clear Anthropic API Key", and the key store they act on.
// The key goes to SecretStorage only; the log is told about it so it can never print it.
import vscode = require('vscode');
import type { OutputLog } from '../log/outputLog';
import type { SetApiKeyArgs } from './commandIds';
import { apiKeyFormatWarning, validateApiKeyInput } from '../config/apiKeyInput';
import { ApiKeyStore } from '../config/apiKeyStore';

export const SET_API_KEY_COMMAND = 'devBackend.setApiKey';
export const CLEAR_API_KEY_COMMAND = 'devBackend.clearApiKey';
export const HAS_API_KEY_CONTEXT = 'devBackend.hasApiKey';

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
    // The Backend Tasks welcome asks for a key only while none is set.
    void vscode.commands.executeCommand('setContext', HAS_API_KEY_CONTEXT, source !== undefined);
    log.info(source === 'secretStorage' ? 'Anthropic API key: set (secret storage).' : source === 'environment' ? 'Anthropic API key: from ANTHROPIC_API_KEY.' : 'Anthropic API key: not set.');
  };
  void announce();
  context.subscriptions.push(
    store.onDidChange(() => void announce()),
    // Tests and automation may pass the key as the argument; people get a password box. `then` continues what
    // the user was doing when the key was missing.
    vscode.commands.registerCommand(SET_API_KEY_COMMAND, async (arg?: unknown) => {
      const { key, then } = setKeyArgsOf(arg);
      const saved = await setApiKey(store, log, key, then === undefined);
      if (saved && then) void vscode.commands.executeCommand(then.command, ...(then.args ?? [])).then(undefined, (e: unknown) => log.error(`After setting the key, ${then.command} failed`, e));
      return saved;
    }),
    vscode.commands.registerCommand(CLEAR_API_KEY_COMMAND, () => clearApiKey(store, log)),
  );
  return store;
}

/** A bare key string, or SetApiKeyArgs; anything else is ignored. */
function setKeyArgsOf(arg: unknown): SetApiKeyArgs {
  if (typeof arg === 'string') return { key: arg };
  if (typeof arg !== 'object' || arg === null) return {};
  const { key, then } = arg as Record<string, unknown>;
  const validThen =
    typeof then === 'object' && then !== null && typeof (then as { command?: unknown }).command === 'string'
      ? { command: (then as { command: string }).command, args: Array.isArray((then as { args?: unknown }).args) ? ((then as { args: unknown[] }).args) : [] }
      : undefined;
  return { ...(typeof key === 'string' ? { key } : {}), ...(validThen ? { then: validThen } : {}) };
}

/** Resolves true when a key was saved. `announce`: say so in a notification (not when the request continues instead). */
async function setApiKey(store: ApiKeyStore, log: OutputLog, given: string | undefined, announce = true): Promise<boolean> {
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
      validateInput: (value) => {
        const problem = validateApiKeyInput(value);
        if (problem) return problem;
        const warning = apiKeyFormatWarning(value);
        // A warning still lets the user press Enter: gateways and proxies issue keys of their own.
        return warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
      },
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
  const warning = apiKeyFormatWarning(key);
  if (warning) void vscode.window.showWarningMessage(`Dev Backend saved the key. ${warning}`);
  else if (announce) void vscode.window.showInformationMessage('Anthropic API key saved. Dev Backend uses Claude directly, and its Claude models in the chat model picker work now.');
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
