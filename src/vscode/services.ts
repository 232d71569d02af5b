// The typed services the parts of the extension hand each other, built in src/extension.ts. Parts never run each
// other's commands: commands are the entry points of users, menus and buttons.
import type vscode = require('vscode');
import type { FinishedRun } from './api';
import type { ReviewOptions, ReviewResult } from './review/reviewChanges';

/** A run of a PRP with the editor's progress notification ("Implement Backend"). */
export interface ImplementRequest {
  uri?: vscode.Uri;
  /** true: resume the last run's conversation ("Continue"); false: start over; default: resume an unfinished one. */
  resume?: boolean;
  instruction?: string;
}

/** Starts runs: for the review's Regenerate, a notification's Continue, a run waiting for a key. */
export interface Runs {
  /** Resolves with what was shown, or undefined when the user picked no PRP. */
  implement(request: ImplementRequest): Promise<FinishedRun | undefined>;
}

/** Opens the pending changes in the Refactor Preview, for the chat's /review and a run's Review Changes. */
export interface ReviewService {
  review(options?: ReviewOptions): Promise<ReviewResult>;
}

/** Asks for the Anthropic API key and saves it, for a notification's Set Anthropic API Key. */
export interface KeyService {
  /** Resolves true when a key was saved. */
  askForKey(): Promise<boolean>;
}
