// Maps between the ModelClient's messages (Messages-API shaped) and a plain mirror of VS Code's Language Model
// messages, both ways. No `vscode` import: the adapters turn LmTurn into real LanguageModelChatMessage parts.
// The Language Model API has no system role and no tool-error flag, so those are folded into text.

import type { ChatMessage, ContentBlock, SystemBlock, ToolResultBlock, ToolUseBlock } from '../../core/llm/modelClient';

export type LmPart =
  | { kind: 'text'; text: string }
  | { kind: 'toolCall'; callId: string; name: string; input: Record<string, unknown> }
  | { kind: 'toolResult'; callId: string; text: string };

export interface LmTurn {
  role: 'user' | 'assistant';
  parts: LmPart[];
  /** The message this turn came from (undefined for the system turn). */
  source?: ChatMessage;
}

/** What a request message looks like to a provider: `system` for roles the stable API does not name. */
export interface IncomingLmTurn {
  role: 'user' | 'assistant' | 'system';
  parts: LmPart[];
}

export const TOOL_ERROR_PREFIX = 'Error: ';
const NO_RESULT = 'No result was recorded for this tool call.';

/** System blocks become one leading User turn; tool results go on User turns, tool calls on Assistant turns. */
export function toLmTurns(system: readonly SystemBlock[], messages: readonly ChatMessage[]): LmTurn[] {
  const turns: LmTurn[] = [];
  const systemText = system.map((s) => s.text).filter((t) => t.trim() !== '').join('\n\n');
  if (systemText !== '') turns.push({ role: 'user', parts: [{ kind: 'text', text: systemText }] });
  for (const message of messages) {
    const parts = message.content.flatMap((block) => toLmPart(message.role, block));
    if (parts.length > 0) turns.push({ role: message.role, parts, source: message });
  }
  return turns;
}

function toLmPart(role: ChatMessage['role'], block: ContentBlock): LmPart[] {
  switch (block.type) {
    case 'text':
      return block.text === '' ? [] : [{ kind: 'text', text: block.text }];
    case 'tool_use':
      return role === 'assistant' ? [{ kind: 'toolCall', callId: block.id, name: block.name, input: asInputObject(block.input) }] : [];
    case 'tool_result':
      return role === 'user' ? [{ kind: 'toolResult', callId: block.toolUseId, text: block.isError ? `${TOOL_ERROR_PREFIX}${block.content}` : block.content }] : [];
  }
}

/** Tool input must be a JSON object for the Language Model API; anything else is wrapped. */
export function asInputObject(input: unknown): Record<string, unknown> {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return input as Record<string, unknown>;
  return input === undefined ? {} : { value: input };
}

/**
 * A provider's request messages -> what the Messages API accepts: system turns become system blocks,
 * consecutive turns of one role merge, tool results lead their user message, every tool call gets a result
 * in the next user message, and results without a matching call become plain text.
 */
export function fromLmTurns(turns: readonly IncomingLmTurn[]): { system: SystemBlock[]; messages: ChatMessage[] } {
  const system: SystemBlock[] = [];
  const merged: ChatMessage[] = [];
  for (const turn of turns) {
    if (turn.role === 'system') {
      const text = turn.parts.flatMap((p) => (p.kind === 'text' && p.text !== '' ? [p.text] : [])).join('');
      if (text !== '') system.push({ text });
      continue;
    }
    const content = turn.parts.flatMap((p) => fromLmPart(turn.role as ChatMessage['role'], p));
    if (content.length === 0) continue;
    const last = merged[merged.length - 1];
    if (last && last.role === turn.role) last.content.push(...content);
    else merged.push({ role: turn.role, content });
  }
  return { system, messages: pairToolResults(merged) };
}

function fromLmPart(role: ChatMessage['role'], part: LmPart): ContentBlock[] {
  if (part.kind === 'text') return part.text === '' ? [] : [{ type: 'text', text: part.text }];
  if (part.kind === 'toolCall') return role === 'assistant' ? [{ type: 'tool_use', id: part.callId, name: part.name, input: part.input }] : [];
  if (role !== 'user') return [];
  const isError = part.text.startsWith(TOOL_ERROR_PREFIX);
  const result: ToolResultBlock = { type: 'tool_result', toolUseId: part.callId, content: part.text };
  return [isError ? { ...result, isError } : result];
}

function pairToolResults(messages: ChatMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    const previous = out[out.length - 1];
    if (message.role === 'user') {
      const calls = previous?.role === 'assistant' ? toolUses(previous) : [];
      out.push({ role: 'user', content: orderUserContent(message.content, calls) });
    } else {
      out.push(message);
      // An assistant tool call with no user message after it still needs its results.
      const next = messages[i + 1];
      if (toolUses(message).length > 0 && next?.role !== 'user') {
        out.push({ role: 'user', content: orderUserContent([], toolUses(message)) });
      }
    }
  }
  return out;
}

function toolUses(message: ChatMessage): ToolUseBlock[] {
  return message.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
}

function orderUserContent(content: ContentBlock[], calls: ToolUseBlock[]): ContentBlock[] {
  const callIds = new Set(calls.map((c) => c.id));
  const results: ToolResultBlock[] = [];
  const rest: ContentBlock[] = [];
  for (const block of content) {
    if (block.type === 'tool_result' && callIds.has(block.toolUseId) && !results.some((r) => r.toolUseId === block.toolUseId)) {
      results.push(block);
    } else if (block.type === 'tool_result') {
      rest.push({ type: 'text', text: `Result of tool call ${block.toolUseId}:\n${block.content}` });
    } else {
      rest.push(block);
    }
  }
  // Results in the order of the calls; a call left unanswered gets an explicit error result.
  const ordered = calls.map(
    (call): ToolResultBlock => results.find((r) => r.toolUseId === call.id) ?? { type: 'tool_result', toolUseId: call.id, content: NO_RESULT, isError: true },
  );
  return [...ordered, ...rest];
}
