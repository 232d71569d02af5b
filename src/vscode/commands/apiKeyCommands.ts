// "Set Anthropic API Key" / "Clear Anthropic API Key", and the key store they act on.
// The key goes to SecretStorage only; the log is told about it so it can never print it.
import vscode = require('vscode');
import type { OutputLog } from '../log/outputLog';
import type { KeyService, Runs } from '../services';
import { CHAT_OPEN_COMMAND, type AfterKeySaved, type SetApiKeyArgs } from './commandIds';
import { apiKeyFormatWarning, validateApiKeyInput } from '../config/apiKeyInput';
import { ApiKeyStore } from '../config/apiKeyStore';

export const SET_API_KEY_COMMAND = 'devBackend.setApiKey';
export const CLEAR_API_KEY_COMMAND = 'devBackend.clearApiKey';
export const HAS_API_KEY_CONTEXT = 'devBackend.hasApiKey';

/** Creates the key store, disposed with the extension; announces its key in the log and the welcome view. */
export function createApiKeyStore(context: vscode.ExtensionContext, log: OutputLog): ApiKeyStore {
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
  context.subscriptions.push(store.onDidChange(() => void announce()));
  return store;
}

/** Registers Set and Clear Anthropic API Key. `runs` starts the run a saved key was waiting for. */
export function registerApiKeyCommands(context: vscode.ExtensionContext, deps: { store: ApiKeyStore; log: OutputLog; runs: Runs }): KeyService {
  const { store, log } = deps;
  const continueWith = async (then: AfterKeySaved): Promise<unknown> =>
    'chatQuery' in then
      ? vscode.commands.executeCommand(CHAT_OPEN_COMMAND, { query: then.chatQuery })
      : deps.runs.implement({ uri: vscode.Uri.parse(then.implement.prpUri), ...(then.implement.resume !== undefined ? { resume: then.implement.resume } : {}) });
  context.subscriptions.push(
    // Tests and automation may pass the key as the argument; people get a password box. `then` continues what
    // the user was doing when the key was missing.
    vscode.commands.registerCommand(SET_API_KEY_COMMAND, async (arg?: unknown) => {
      const { key, then } = setKeyArgsOf(arg);
      const saved = await setApiKey(store, log, key, then === undefined);
      if (saved && then) void continueWith(then).then(undefined, (e: unknown) => log.error('After setting the key, continuing failed', e));
      return saved;
    }),
    vscode.commands.registerCommand(CLEAR_API_KEY_COMMAND, () => clearApiKey(store, log)),
  );
  return { askForKey: () => setApiKey(store, log, undefined, false) };
}

/** A bare key string, or SetApiKeyArgs; anything else is ignored. */
function setKeyArgsOf(arg: unknown): SetApiKeyArgs {
  if (typeof arg === 'string') return { key: arg };
  if (typeof arg !== 'object' || arg === null) return {};
  const { key, then } = arg as Record<string, unknown>;
  const after = afterKeySavedOf(then);
  return { ...(typeof key === 'string' ? { key } : {}), ...(after ? { then: after } : {}) };
}

/** Button arguments come from anywhere: keep a well-formed continuation only. */
function afterKeySavedOf(value: unknown): AfterKeySaved | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { chatQuery, implement } = value as Record<string, unknown>;
  if (typeof chatQuery === 'string') return { chatQuery };
  if (typeof implement !== 'object' || implement === null) return undefined;
  const { prpUri, resume } = implement as Record<string, unknown>;
  if (typeof prpUri !== 'string') return undefined;
  return { implement: { prpUri, ...(typeof resume === 'boolean' ? { resume } : {}) } };
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
