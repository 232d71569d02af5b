// Command ids the run and chat layers invoke or offer as buttons (no vscode import: unit tests use them).
export const IMPLEMENT_COMMAND = 'devBackend.implement';
export const CANCEL_RUN_COMMAND = 'devBackend.cancelRun';
export const PICK_PRP_COMMAND = 'devBackend.pickPrp';
/** Opens a run's summary (markdown, the argument) in an editor: the end notification's "Show Summary". */
export const SHOW_SUMMARY_COMMAND = 'devBackend.showRunSummary';
/** Registered by the review module. */
export const REVIEW_COMMAND = 'devBackend.reviewChanges';
/** Reveals the Backend Tasks view (VS Code's `<view id>.focus`). */
export const SHOW_TASKS_COMMAND = 'devBackend.tasks.focus';
/** Registered by the config module. */
export const SET_KEY_COMMAND = 'devBackend.setApiKey';
/** Opens the chat view, optionally sending `{ query }` (VS Code's own command). */
export const CHAT_OPEN_COMMAND = 'workbench.action.chat.open';

/** What devBackend.setApiKey accepts besides a bare key string (tests, buttons). */
export interface SetApiKeyArgs {
  /** The key itself (tests and automation); people get a password box. */
  key?: string;
  /** What the user was doing when a key was missing, continued once the key is saved. */
  then?: AfterKeySaved;
}

/**
 * What continues once a key is saved: the chat request, sent again as typed (`chatQuery`), or the run of a PRP
 * (its uri as a string: button arguments travel as JSON).
 */
export type AfterKeySaved = { chatQuery: string } | { implement: { prpUri: string; resume?: boolean } };
