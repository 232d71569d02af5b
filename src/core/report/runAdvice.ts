// What the user can do after a run that did not finish: words to act on and the actions to offer.
// Plain TypeScript (no vscode import); the chat and the notification turn actions into buttons.
import type { RunOutcome } from '../run/agentEvents';
import { counted } from '../text/plural';

/** Something the user can do next; each UI maps it to a button. `setApiKey` continues the run once the key is saved. */
export type RunAction = 'continue' | 'setApiKey' | 'review';

export interface RunAdvice {
  severity: 'info' | 'warning' | 'error';
  /** One or two sentences: what happened, what is kept, what to do. */
  message: string;
  actions: RunAction[];
}

/** Advice for how a run ended. `stagedCount`: changes waiting for review (they survive every ending). */
export function adviceFor(outcome: Pick<RunOutcome, 'status' | 'reason' | 'errorKind' | 'openTodos'>, stagedCount: number): RunAdvice {
  const review: RunAction[] = stagedCount > 0 ? ['review'] : [];
  const kept = keptSentence(outcome.openTodos.length, stagedCount);
  switch (outcome.status) {
    case 'completed':
      return {
        severity: 'info',
        message: stagedCount > 0 ? `${outcome.reason} ${stagedSentence(stagedCount)}` : outcome.reason,
        actions: review,
      };
    case 'cancelled':
      return { severity: 'info', message: `Cancelled. ${kept} Continue picks up where it stopped.`, actions: ['continue', ...review] };
    case 'incomplete':
    case 'limit':
      return { severity: 'warning', message: `${outcome.reason} ${kept}`, actions: ['continue', ...review] };
    case 'failed':
      return failedAdvice(outcome, kept, review);
  }
}

function failedAdvice(outcome: Pick<RunOutcome, 'reason' | 'errorKind'>, kept: string, review: RunAction[]): RunAdvice {
  switch (outcome.errorKind) {
    case 'auth':
      // The reason already says the key was rejected; "Continue" with the same key would fail the same way, so
      // the only way on is a new key (and setting it continues the run).
      return { severity: 'error', message: `${outcome.reason} ${kept} Set a new key to continue.`, actions: ['setApiKey', ...review] };
    case 'context_too_long':
      return { severity: 'error', message: `${outcome.reason} ${kept}`, actions: review };
    default:
      // Rate limits carry the wait, network errors say the API is unreachable: the model client's words.
      return { severity: 'error', message: `${outcome.reason} ${kept}`, actions: ['continue', ...review] };
  }
}

function keptSentence(openTodos: number, staged: number): string {
  return `Nothing was lost: the plan (${counted(openTodos, 'task')} open) and ${counted(staged, 'staged change')} are kept.`;
}

/** "1 change is staged: review it to write it to disk." (or "3 changes are ... them ... them"). */
function stagedSentence(staged: number): string {
  const them = staged === 1 ? 'it' : 'them';
  return `${counted(staged, 'change is', 'changes are')} staged: review ${them} to write ${them} to disk.`;
}
