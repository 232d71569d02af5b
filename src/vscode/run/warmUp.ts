// Once the window has settled after activation, load what the first run would otherwise load on the user's
// request (src/core/run/preloadForRun.ts). Activation itself stays small; the user's first request stays fast.
import vscode = require('vscode');
import { ANTHROPIC_CLIENT, preloadForRun } from '../../core/run/preloadForRun';
import type { ApiKeyStore } from '../config/apiKeyStore';
import type { OutputLog } from '../log/outputLog';

/** Long enough for the window's own startup work (and other extensions' activation) to be done. */
export const WARM_UP_DELAY_MS = 2000;

export function scheduleWarmUp(context: vscode.ExtensionContext, keyStore: ApiKeyStore, log: OutputLog): void {
  let clientLoaded = false;
  const warm = (): void => {
    void warmUp(keyStore, log).then((loaded) => {
      clientLoaded ||= loaded.includes(ANTHROPIC_CLIENT);
    });
  };
  const timer = setTimeout(warm, WARM_UP_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  // A key set later means the next run uses the Anthropic client: load it now rather than on that run's request.
  context.subscriptions.push(keyStore.onDidChange(() => (clientLoaded ? undefined : warm())));
}

/** Resolves with what it loaded (nothing after a failure). */
async function warmUp(keyStore: ApiKeyStore, log: OutputLog): Promise<string[]> {
  try {
    const anthropicClient = (await keyStore.get()) !== undefined;
    const started = performance.now();
    const loaded = await preloadForRun({ anthropicClient });
    log.info(`Loaded ${loaded.join(' and ')} ahead of the first run (${Math.round(performance.now() - started)} ms).`);
    return loaded;
  } catch (error) {
    // Nothing is lost: the first run loads them itself, and reports a failure there.
    log.warn(`Could not load the run's code ahead of time; the first run will try again: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}
