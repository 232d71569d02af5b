// Maps the port's request (ChatMessage / ToolSpec / SystemBlock) to Messages API params, with prompt-cache
// breakpoints placed so a long tool loop keeps reading the cache:
// - the last tool (tools are the first part of the prompt);
// - each system block marked `cache: true` (e.g. the agent prompt, the PRP);
// - a MOVING breakpoint on the last block of the last message: each request writes the conversation so far,
//   and the next one (which repeats it) reads it;
// - the block where the previous request's moving breakpoint sat, so the read does not depend on the API's
//   20-block lookback (a turn with many parallel tool calls adds more blocks than that).
// The API allows 4 breakpoints. Priority: the two message ones, then the latest prefix ones (a later
// breakpoint covers everything before it; an earlier one only helps when what follows it changes).

import type Anthropic from '@anthropic-ai/sdk';
import type { ChatMessage, ContentBlock, ModelRequest, SystemBlock, ToolSpec } from './modelClient';

export type MessageStreamParams = Anthropic.MessageStreamParams;
type TextBlockParam = Anthropic.TextBlockParam;
type ContentBlockParam = Anthropic.ContentBlockParam;
type MessageParam = Anthropic.MessageParam;
type Tool = Anthropic.Tool;

export const MAX_CACHE_BREAKPOINTS = 4;
const EPHEMERAL = { type: 'ephemeral' } as const;

export function toMessageParams(request: ModelRequest): MessageStreamParams {
  const tools = request.tools.map(toTool);
  const system = request.system.filter((s) => s.text !== '').map(toSystemBlock);
  const messages = toMessages(request.messages);
  placeBreakpoints(request.system.filter((s) => s.text !== ''), tools, system, messages);
  const params: MessageStreamParams = { model: request.model, max_tokens: request.maxTokens, messages };
  if (system.length > 0) params.system = system;
  if (tools.length > 0) params.tools = tools;
  return params;
}

function toTool(tool: ToolSpec): Tool {
  return { name: tool.name, description: tool.description, input_schema: { ...tool.inputSchema } };
}

function toSystemBlock(block: SystemBlock): TextBlockParam {
  return { type: 'text', text: block.text };
}

/** Drops empty text blocks (the API rejects them) and messages left empty. */
function toMessages(messages: ChatMessage[]): MessageParam[] {
  const out: MessageParam[] = [];
  for (const m of messages) {
    const content = m.content.filter((b) => !(b.type === 'text' && b.text === '')).map(toContentBlock);
    if (content.length > 0) out.push({ role: m.role, content });
  }
  return out;
}

function toContentBlock(block: ContentBlock): ContentBlockParam {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input ?? {} };
    case 'tool_result':
      return block.isError
        ? { type: 'tool_result', tool_use_id: block.toolUseId, content: block.content, is_error: true }
        : { type: 'tool_result', tool_use_id: block.toolUseId, content: block.content };
  }
}

interface Cacheable {
  cache_control?: Anthropic.CacheControlEphemeral | null;
}

function placeBreakpoints(source: SystemBlock[], tools: Tool[], system: TextBlockParam[], messages: MessageParam[]): void {
  // Prefix breakpoints in prompt order: last tool, then cached system blocks.
  const prefix: Cacheable[] = [];
  if (tools.length > 0) prefix.push(tools[tools.length - 1]);
  system.forEach((block, i) => {
    if (source[i].cache) prefix.push(block);
  });
  const last = lastBlockOf(messages, messages.length - 1);
  const previous = lastBlockOf(messages, previousTurnEnd(messages));
  const chosen: Cacheable[] = [];
  if (last) chosen.push(last);
  if (previous && previous !== last) chosen.push(previous);
  const room = MAX_CACHE_BREAKPOINTS - chosen.length;
  chosen.push(...prefix.slice(Math.max(0, prefix.length - room)));
  for (const block of chosen) block.cache_control = { ...EPHEMERAL };
}

/** Index of the last message the previous request ended with: the one before the latest assistant turn. */
function previousTurnEnd(messages: MessageParam[]): number {
  for (let i = messages.length - 1; i > 0; i--) {
    if (messages[i].role === 'assistant') return i - 1;
  }
  return -1;
}

function lastBlockOf(messages: MessageParam[], index: number): Cacheable | undefined {
  const content = messages[index]?.content;
  if (!Array.isArray(content) || content.length === 0) return undefined;
  return content[content.length - 1] as Cacheable;
}
