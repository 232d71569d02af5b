// Earlier turns with @dev-backend as model context: requests become user messages, responses' markdown
// becomes assistant messages. Structural (type-only vscode import), so it is unit-tested directly.
import type * as vscode from 'vscode';
import type { ChatMessage } from '../../core/llm/modelClient';

/** How much history goes to the model: the last turns, each cut to a size that keeps the prompt small. */
export const HISTORY_LIMITS = { turns: 12, charsPerTurn: 4_000 };

type Turn = vscode.ChatRequestTurn | vscode.ChatResponseTurn;

/** History as alternating user/assistant messages, starting with a user one; empty turns dropped. */
export function historyMessages(history: readonly Turn[], limits = HISTORY_LIMITS): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const turn of history.slice(-limits.turns)) {
    const role = 'prompt' in turn ? 'user' : 'assistant';
    const text = clip('prompt' in turn ? requestText(turn) : responseText(turn), limits.charsPerTurn).trim();
    if (text === '') continue;
    const last = messages[messages.length - 1];
    if (last?.role === role) last.content.push({ type: 'text', text });
    else messages.push({ role, content: [{ type: 'text', text }] });
  }
  while (messages[0]?.role === 'assistant') messages.shift();
  return messages;
}

/** The PRP path an earlier response of this participant worked on (its result metadata), newest first. */
export function lastPrpPath(history: readonly Turn[]): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i];
    if ('prompt' in turn) continue;
    const path: unknown = turn.result.metadata?.prpPath;
    if (typeof path === 'string' && path !== '') return path;
  }
  return undefined;
}

function requestText(turn: vscode.ChatRequestTurn): string {
  return turn.command ? `/${turn.command} ${turn.prompt}` : turn.prompt;
}

function responseText(turn: vscode.ChatResponseTurn): string {
  return turn.response
    .map((part) => {
      const value: unknown = (part as { value?: unknown }).value;
      if (typeof value === 'string') return value;
      if (typeof value === 'object' && value !== null && typeof (value as { value?: unknown }).value === 'string') {
        return (value as { value: string }).value; // a MarkdownString
      }
      return '';
    })
    .join('');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n[...]`;
}
