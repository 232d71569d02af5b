// What every chat turn hands back to the participant: the ChatResult (its metadata drives the followups)
// and its part of the FinishedRun report.
import type * as vscode from 'vscode';
import type { RunStatus } from '../../core/run/agentEvents';
import type { FinishedRun } from '../api';

export { PICK_PRP_COMMAND, REVIEW_COMMAND, SET_KEY_COMMAND, SHOW_TASKS_COMMAND } from '../commands/commandIds';

/** Kept in the ChatResult: JSON only. Later turns read `prpPath` from the history. */
export interface ChatMetadata {
  command: string | undefined;
  prpPath?: string;
  status?: RunStatus;
  openTodos?: number;
  staged?: number;
  /** Set when the run stopped on something Continue cannot fix (a rejected key, a conversation too long). */
  noContinue?: boolean;
}

export interface ChatTurnResult {
  result: vscode.ChatResult;
  report: Partial<FinishedRun>;
}

/**
 * The followups after a turn: "Continue" when a run stopped short, "Review Changes" when changes wait. Each carries
 * its command, so a click never turns into free text (a model call the user did not ask for).
 */
export function followupsFor(metadata: ChatMetadata | undefined): vscode.ChatFollowup[] {
  if (!metadata) return [];
  const followups: vscode.ChatFollowup[] = [];
  const stoppedShort = metadata.status !== undefined && metadata.status !== 'completed';
  if (metadata.noContinue) {
    // nothing: Continue would fail the same way
  } else if (stoppedShort || (metadata.status !== undefined && (metadata.openTodos ?? 0) > 0)) {
    followups.push({ prompt: '', command: 'continue', label: 'Continue' });
  }
  if ((metadata.staged ?? 0) > 0) followups.push({ prompt: '', command: 'review', label: 'Review Changes' });
  return followups;
}
