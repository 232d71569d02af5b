// The fix loop's model side: for a failed level, a follow-up AgentRun on the same ChangeSet, plan and conversation,
// told the failing command, its exit code and its output. Its edits are staged like any other; the next round
// continues from the conversation this one ended with.
import { addUsage, emptyUsage, type ChatMessage, type Usage } from '../llm/modelClient';
import type { Plan } from '../plan/todo';
import type { RunOutcome } from '../run/agentEvents';
import { AgentRun, type AgentRunOptions } from '../run/agentRun';
import type { GateFailure, GateFixer } from './validationRun';

/** What every fix run shares with the run it follows; history, plan, the opening message and signal are the fixer's. */
export type FixRunOptions = Omit<AgentRunOptions, 'history' | 'plan' | 'instruction' | 'kickoff' | 'signal'>;

export interface AgentFixer {
  fix: GateFixer;
  /** The conversation after the last fix run (or the one given at the start). */
  readonly messages: readonly ChatMessage[];
  readonly plan: Plan;
  /** Tokens and cost of every fix run so far. */
  readonly usage: Usage;
  readonly costUsd: number;
  readonly outcomes: readonly RunOutcome[];
}

export function agentFixer(runOptions: FixRunOptions, start: { messages: readonly ChatMessage[]; plan: Plan }): AgentFixer {
  let messages = start.messages;
  let plan = start.plan;
  let usage = emptyUsage();
  let cost = 0;
  const outcomes: RunOutcome[] = [];
  const fix: GateFixer = async (failure, signal) => {
    const run = new AgentRun({ ...runOptions, history: messages, plan, kickoff: fixInstruction(failure), ...(signal && { signal }) });
    const outcome = await run.start();
    messages = run.messages;
    plan = run.plan;
    usage = addUsage(usage, outcome.usage);
    cost += outcome.costUsd;
    outcomes.push(outcome);
    const closing = closingText(run.messages);
    if (outcome.status === 'completed') return closing || 'The model ended the fix without a summary.';
    return `The fix run ended ${outcome.status}: ${outcome.reason}${closing ? ` ${closing}` : ''}`;
  };
  return {
    fix,
    get messages() {
      return messages;
    },
    get plan() {
      return plan;
    },
    get usage() {
      return usage;
    },
    get costUsd() {
      return cost;
    },
    outcomes,
  };
}

/** What the model is told about a failed level: the command exactly as the PRP gives it, how it ended, its output. */
export function fixInstruction(failure: GateFailure): string {
  const { gate, command, exitCode, output } = failure;
  const ended = exitCode === null ? 'did not exit by itself (timeout or signal)' : `exited with code ${exitCode}`;
  const shown = output.trim() === '' ? '(no output)' : output.trimEnd();
  return [
    `Validation gate Level ${gate.level} (${gate.title}) of the PRP failed on the staged changes (fix round ${failure.round}).`,
    `The command, exactly as the PRP gives it: ${command}`,
    `It ${ended}. Its output:`,
    fence(shown),
    'Fix the code so that this command passes; your edits are staged as usual for review.',
    "Do not change the PRP's validation commands, and do not skip, delete or weaken tests: fix the cause.",
    'When you are done, say in one or two sentences what you changed.',
  ].join('\n');
}

/** The text of the last assistant message: the model's closing words. */
function closingText(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role !== 'assistant') continue;
    return message.content
      .flatMap((block) => (block.type === 'text' ? [block.text] : []))
      .join('\n')
      .trim();
  }
  return '';
}

/** A code fence longer than any backtick run inside, so the output cannot close it. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}
