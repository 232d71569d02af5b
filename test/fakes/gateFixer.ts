// A scripted model for the validation-gate tests: it implements the plan like Claude (scriptedImplementer) and, asked
// to fix a failed gate, answers with the given turns instead (an edit, then a closing summary).
import type { RecordedRequest, Responder } from './fakeAnthropicServer';
import type { ReplyTurn } from './fakeTurns';
import type { WireBlock } from './messagesWire';
import { scriptedImplementer } from './scriptedImplementer';

export function lastMessageText(request: RecordedRequest): string {
  const messages = request.body?.messages ?? [];
  const last = messages[messages.length - 1];
  if (!last) return '';
  return typeof last.content === 'string' ? last.content : last.content.map((b: WireBlock) => (typeof b.text === 'string' ? b.text : '')).join('\n');
}

/** Implements the plan; from the first fix request on (the harness's "Validation gate Level N ... failed"), plays `fix`. */
export function implementerThatFixes(fix: readonly ReplyTurn[], options: { fileLines?: number } = {}): Responder {
  const implement = scriptedImplementer({ fileLines: options.fileLines ?? 5 });
  let step = -1;
  return (request, index) => {
    if (step < 0 && !/Validation gate Level \d+/.test(lastMessageText(request))) return implement(request, index);
    step++;
    return fix[Math.min(step, fix.length - 1)];
  };
}

/** The gates project's fix (test/fixtures/gates-project): sum() subtracted; it adds now. */
export const SUM_FIX: readonly ReplyTurn[] = [
  { toolUses: [{ name: 'edit_file', input: { path: 'gates/src/sum.js', old_string: 'return a - b;', new_string: 'return a + b;' } }] },
  { text: 'sum() subtracted; it adds now.' },
];
