// Once the user shows they are about to use the extension, load what the first run would otherwise load on their
// request: the run machinery (dist/runtime.js, src/core/runtime), then what src/core/run/preloadForRun.ts in it loads.
// Activation itself stays small; a window that activates only because its workspace has a PRPs folder loads nothing
// more until a PRP is opened, the Backend Tasks view is shown or the chat participant is asked something.
import vscode = require('vscode');
import { looksLikePrp } from '../../core/prp/prpLikeness';
import { runtime } from '../../core/runtime/lazyRuntime';
import type { ApiKeyStore } from '../config/apiKeyStore';
import type { OutputLog } from '../log/outputLog';

/** After the sign of intent, so the view's first render or the editor's opening goes first. */
export const WARM_UP_DELAY_MS = 500;

/** Lines of an open markdown file looked at to tell a PRP (src/core/prp/prpLikeness.ts reads at most 64 KB). */
const PRP_HEAD_LINES = 2000;

/** The signs of intent the warm-up listens to. */
export interface WarmUpSignals {
  /** The Backend Tasks view: shown now, or later. */
  view: vscode.TreeView<unknown>;
  /** Fires when the chat participant gets a request. */
  onChatRequest: vscode.Event<unknown>;
  keyStore: ApiKeyStore;
  log: OutputLog;
}

export function scheduleWarmUp(context: vscode.ExtensionContext, signals: WarmUpSignals): void {
  const { view, keyStore, log } = signals;
  let state: 'waiting' | 'scheduled' | 'done' = 'waiting';
  let clientLoaded = false;
  const warm = (): void => {
    state = 'done';
    void warmUp(keyStore, log).then((loadedClient) => {
      clientLoaded ||= loadedClient;
    });
  };
  const listeners: vscode.Disposable[] = [];
  const onIntent = (why: string): void => {
    if (state !== 'waiting') return;
    state = 'scheduled';
    for (const listener of listeners.splice(0)) listener.dispose();
    log.debug(`Warm-up: ${why}.`);
    const timer = setTimeout(warm, WARM_UP_DELAY_MS);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  };
  // The head of the document only: this runs on every switch to a markdown editor, however large the file.
  const isPrpEditor = (editor: vscode.TextEditor | undefined): boolean =>
    editor !== undefined &&
    editor.document.languageId === 'markdown' &&
    looksLikePrp(editor.document.uri.path, editor.document.getText(new vscode.Range(0, 0, Math.min(editor.document.lineCount, PRP_HEAD_LINES), 0)));

  listeners.push(
    view.onDidChangeVisibility((e) => (e.visible ? onIntent('the Backend Tasks view is shown') : undefined)),
    vscode.window.onDidChangeActiveTextEditor((editor) => (isPrpEditor(editor) ? onIntent('a PRP is open') : undefined)),
    signals.onChatRequest(() => onIntent('the chat participant was asked')),
  );
  context.subscriptions.push({ dispose: () => listeners.splice(0).forEach((l) => l.dispose()) });
  if (view.visible) onIntent('the Backend Tasks view is shown');
  else if (isPrpEditor(vscode.window.activeTextEditor)) onIntent('a PRP is open');

  // A key set means a run is coming, with the Anthropic client: load it now rather than on that run's request.
  context.subscriptions.push(
    keyStore.onDidChange(() => {
      void keyStore.get().then((key) => {
        if (key === undefined) return;
        if (state === 'waiting') onIntent('an API key was set');
        else if (state === 'done' && !clientLoaded) warm();
      });
    }),
  );
}

/** Resolves with whether it loaded the Anthropic client (not after a failure). */
async function warmUp(keyStore: ApiKeyStore, log: OutputLog): Promise<boolean> {
  try {
    const anthropicClient = (await keyStore.get()) !== undefined;
    const started = performance.now();
    // The run machinery in a turn of its own: compiling it takes as long as a step of preloadForRun.
    const { ANTHROPIC_CLIENT, preloadForRun } = runtime();
    await new Promise((resolve) => setImmediate(resolve));
    const loaded = await preloadForRun({ anthropicClient });
    log.info(`Loaded ${loaded.join(' and ')} ahead of the first run (${Math.round(performance.now() - started)} ms).`);
    return loaded.includes(ANTHROPIC_CLIENT);
  } catch (error) {
    // Nothing is lost: the first run loads them itself, and reports a failure there.
    log.warn(`Could not load the run's code ahead of time; the first run will try again: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
