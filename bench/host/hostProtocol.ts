// What the bench parent and the module inside the VS Code host exchange, through files in DEV_BACKEND_BENCH_DIR:
// the parent writes request.json before each window load; the module writes sample-<index>.json. For the
// host's own activation figure the module opens "Show Running Extensions", logs RUNTIME_EXTENSIONS_SHOWN and
// waits for the parent to write scraped-<index>.json with what the editor shows.
import * as path from 'node:path';

export const BENCH_DIR_ENV = 'DEV_BACKEND_BENCH_DIR';
export const EXTENSION_ID = 'dev-backend.dev-backend';
export const RUNTIME_EXTENSIONS_SHOWN = '[bench] running extensions shown';
/** Logged with a sequence number; the parent answers with previewReadyFile once the Refactor Preview shows rows and Apply. */
export const WAITING_FOR_PREVIEW = '[bench] waiting for the refactor preview ';

export interface HostRequest {
  index: number;
  /** Wait this long after the module starts, so the host is done starting before the extension activates. */
  settleMs: number;
  /** Also apply 200 files (first window only). */
  applyFiles: number;
  /** The extension's main file: require it (timed) before activating, to split code loading from the activate call. */
  preloadMain?: string;
}

export interface ActivationSample {
  /** The extension was already active when the module started (the sample is not fresh). */
  wasActive: boolean;
  /** `await extension.activate()` in the module, end to end. */
  activateMs: number;
  /** With `preloadMain`: the require of the bundle alone (the activation then finds it loaded). */
  codeLoadMs?: number;
}

export interface ApplyTiming {
  files: number;
  /** From the call (applyEdit, or the review's Apply) to every file on disk with its content. */
  toDiskMs: number;
  /** From the call to the applyEdit / review promise resolving. */
  resolvedMs: number;
  /** The review only: from reviewPendingChanges() to the Refactor Preview showing the changes. */
  previewOpenMs?: number;
  /** The review only: our own steps before VS Code gets the edit, timed separately (the review repeats them). */
  staleCheckMs?: number;
  buildEditMs?: number;
  /** The review only: how the result counted the files. */
  applied?: number;
  skipped?: number;
}

export interface HostSample {
  index: number;
  vscodeVersion: string;
  activation?: ActivationSample;
  /** The review path: ChangeSet -> reviewPendingChanges -> Refactor Preview -> Apply. */
  review?: ApplyTiming;
  /** The same kind of edit handed to VS Code's Refactor Preview directly (no ChangeSet, no review bookkeeping). */
  previewOnly?: ApplyTiming;
  /** Plain workspace.applyEdit of 200 createFile entries without confirmation (what the review builds on). */
  applyEdit?: ApplyTiming;
  error?: string;
}

export interface ScrapedActivation {
  /** The text VS Code shows for the extension, e.g. "Activation: 12ms". */
  text: string;
  /** The milliseconds in it (code loading + the activate call, VS Code's own measure); undefined when not found. */
  ms?: number;
}

export const requestFile = (dir: string): string => path.join(dir, 'request.json');
export const sampleFile = (dir: string, index: number): string => path.join(dir, `sample-${index}.json`);
export const scrapedFile = (dir: string, index: number): string => path.join(dir, `scraped-${index}.json`);
export const previewReadyFile = (dir: string, sequence: string): string => path.join(dir, `preview-ready-${sequence}`);
