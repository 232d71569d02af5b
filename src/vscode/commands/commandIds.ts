// Command ids the run and chat layers invoke or offer as buttons (no vscode import: unit tests use them).
export const IMPLEMENT_COMMAND = 'devBackend.implement';
export const CANCEL_RUN_COMMAND = 'devBackend.cancelRun';
export const PICK_PRP_COMMAND = 'devBackend.pickPrp';
/** Registered by the review module. */
export const REVIEW_COMMAND = 'devBackend.reviewChanges';
/** Registered by the config module. */
export const SET_KEY_COMMAND = 'devBackend.setApiKey';
