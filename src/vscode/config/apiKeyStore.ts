// The Anthropic API key: VS Code's SecretStorage first, then ANTHROPIC_API_KEY from the environment.
// Never a setting; callers ask for it before each request, so a new key applies at once.
import vscode = require('vscode');
import { chooseApiKey, invalidKeyMessage, validateApiKeyInput, type ApiKeySource } from './apiKeyInput';

export const API_KEY_SECRET = 'devBackend.anthropicApiKey';
export const API_KEY_ENV = 'ANTHROPIC_API_KEY';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the stored key is set or cleared (in this window or another). */
  readonly onDidChange: vscode.Event<void> = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly warnedInvalid = new Set<ApiKeySource>();
  /** The key the last change event announced ('unknown' before the first): one change, one event. */
  private announced: string | undefined | 'unknown' = 'unknown';
  private signalling: Promise<void> = Promise.resolve();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** Hears a SecretStorage read failure (the key then comes from the environment, if any). */
    private readonly onReadError?: (error: unknown) => void,
    /** Hears, once per source, that a key was skipped because it is not shaped like a key (never the key itself). */
    private readonly onInvalidKey?: (message: string) => void,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === API_KEY_SECRET) void this.signal();
    });
  }

  /** The key to use, or undefined when none is set anywhere. */
  async get(): Promise<string | undefined> {
    return (await this.lookup())?.key;
  }

  /** Where the key in use comes from, or undefined when none is set. */
  async source(): Promise<ApiKeySource | undefined> {
    return (await this.lookup())?.source;
  }

  /** Stores the key (trimmed); rejects with a message that never contains the key when it is not a plausible key. */
  async set(key: string): Promise<void> {
    const problem = validateApiKeyInput(key);
    if (problem) throw new Error(problem);
    await this.secrets.store(API_KEY_SECRET, key.trim());
    await this.signal();
  }

  /** Forgets the stored key (ANTHROPIC_API_KEY, if set, still applies). */
  async clear(): Promise<void> {
    await this.secrets.delete(API_KEY_SECRET);
    await this.signal();
  }

  /** Whether ANTHROPIC_API_KEY is set in the extension host's environment. */
  hasEnvironmentKey(): boolean {
    return chooseApiKey(undefined, this.env[API_KEY_ENV]) !== undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /**
   * Fires onDidChange when the key in use differs from the one last announced. Our own store/delete and the
   * secret storage's echo of it arrive as two signals for one change (each listener would otherwise run twice).
   */
  private signal(): Promise<void> {
    this.signalling = this.signalling.then(async () => {
      const key = (await this.lookup())?.key;
      if (key === this.announced) return;
      this.announced = key;
      this.changed.fire();
    });
    return this.signalling;
  }

  private async lookup(): Promise<{ key: string; source: ApiKeySource } | undefined> {
    let stored: string | undefined;
    try {
      stored = await this.secrets.get(API_KEY_SECRET);
    } catch (e) {
      // A broken keyring must not hide ANTHROPIC_API_KEY.
      this.onReadError?.(e);
    }
    return chooseApiKey(stored, this.env[API_KEY_ENV], (source, reason) => {
      if (this.warnedInvalid.has(source)) return;
      this.warnedInvalid.add(source);
      this.onInvalidKey?.(invalidKeyMessage(source, reason));
    });
  }
}
