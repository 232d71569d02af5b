// The ModelClient over a chat model from VS Code's Language Model API (the model the user picked in the chat),
// used when no Anthropic key is set. Tools go through the API's tool calling; usage is an estimate.
import vscode = require('vscode');
import {
  ModelError,
  type ChatMessage,
  type ContentBlock,
  type ModelClient,
  type ModelRequest,
  type ModelResponse,
  type ModelStreamEvent,
  type Usage,
} from '../../core/llm/modelClient';
import { languageModelCancelled, languageModelFailure } from './lmErrors';
import { toLmTurns, type LmPart, type LmTurn } from './lmTurns';

const DEFAULT_JUSTIFICATION = 'Dev Backend uses this model to implement the PRP you asked it to (reading files and staging changes for your review).';

export class LanguageModelClient implements ModelClient {
  readonly label: string;
  /** Token counts come from the chat model's tokenizer (zero when it cannot count): estimates, not a bill. */
  readonly usageIsEstimated = true;
  /** Per message, so a long tool loop counts each message once. */
  private readonly counted = new WeakMap<ChatMessage, number>();

  constructor(
    private readonly model: vscode.LanguageModelChat,
    private readonly token?: vscode.CancellationToken,
    private readonly justification: string = DEFAULT_JUSTIFICATION,
  ) {
    this.label = `${model.name} (chat model, estimated tokens)`;
  }

  async send(request: ModelRequest, onEvent: (event: ModelStreamEvent) => void): Promise<ModelResponse> {
    const cancel = new vscode.CancellationTokenSource();
    const onAbort = (): void => cancel.cancel();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const subscription = this.token?.onCancellationRequested(onAbort);
    if (request.signal?.aborted || this.token?.isCancellationRequested) cancel.cancel();
    try {
      if (cancel.token.isCancellationRequested) throw languageModelCancelled(this.model.name);
      const turns = toLmTurns(request.system, request.messages);
      const content = await this.stream(turns, request, cancel.token, onEvent);
      const usage = await this.estimateUsage(turns, content);
      const stopReason = content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
      return { content, stopReason, usage, model: this.model.id };
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      subscription?.dispose();
      cancel.dispose();
    }
  }

  private async stream(turns: LmTurn[], request: ModelRequest, token: vscode.CancellationToken, onEvent: (event: ModelStreamEvent) => void): Promise<ContentBlock[]> {
    const tools: vscode.LanguageModelChatTool[] = request.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
    const content: ContentBlock[] = [];
    let listenerError: { error: unknown } | undefined;
    const emit = (event: ModelStreamEvent): void => {
      try {
        onEvent(event);
      } catch (e) {
        listenerError ??= { error: e };
      }
    };
    try {
      const response = await this.model.sendRequest(turns.map(toChatMessage), { tools: tools.length > 0 ? tools : undefined, justification: this.justification }, token);
      for await (const part of response.stream) {
        if (token.isCancellationRequested || listenerError) break;
        if (part instanceof vscode.LanguageModelTextPart) {
          if (part.value === '') continue;
          const last = content[content.length - 1];
          if (last?.type === 'text') last.text += part.value;
          else content.push({ type: 'text', text: part.value });
          emit({ type: 'text', text: part.value });
        } else if (part instanceof vscode.LanguageModelToolCallPart) {
          content.push({ type: 'tool_use', id: part.callId, name: part.name, input: part.input });
          emit({ type: 'tool_use_start', id: part.callId, name: part.name });
          emit({ type: 'tool_input_delta', id: part.callId, partialJson: JSON.stringify(part.input ?? {}) });
        }
      }
    } catch (e) {
      if (listenerError) throw listenerError.error;
      if (token.isCancellationRequested || isCancellation(e)) throw languageModelCancelled(this.model.name);
      if (e instanceof ModelError) throw e;
      const code = e instanceof vscode.LanguageModelError ? e.code : undefined;
      throw languageModelFailure(code, e instanceof Error ? e.message : String(e), this.model.name);
    }
    // A failing consumer stops the stream; its own error is what the caller sees.
    if (listenerError) throw listenerError.error;
    if (token.isCancellationRequested) throw languageModelCancelled(this.model.name);
    return content;
  }

  /** Best effort: the model's own tokenizer, per message; zero for what it cannot count. */
  private async estimateUsage(turns: LmTurn[], content: ContentBlock[]): Promise<Usage> {
    const input = await Promise.all(
      turns.map(async (turn) => {
        const known = turn.source ? this.counted.get(turn.source) : undefined;
        if (known !== undefined) return known;
        const tokens = await this.count(toChatMessage(turn));
        if (turn.source) this.counted.set(turn.source, tokens);
        return tokens;
      }),
    );
    const replyText = content.map((b) => (b.type === 'text' ? b.text : b.type === 'tool_use' ? `${b.name} ${JSON.stringify(b.input)}` : '')).join('\n');
    const outputTokens = replyText === '' ? 0 : await this.count(replyText);
    return { inputTokens: input.reduce((a, b) => a + b, 0), outputTokens, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };
  }

  private async count(value: string | vscode.LanguageModelChatMessage): Promise<number> {
    try {
      const tokens = await this.model.countTokens(value);
      return Number.isFinite(tokens) && tokens > 0 ? Math.round(tokens) : 0;
    } catch {
      return 0;
    }
  }
}

function toChatMessage(turn: LmTurn): vscode.LanguageModelChatMessage {
  if (turn.role === 'assistant') {
    return vscode.LanguageModelChatMessage.Assistant(turn.parts.flatMap(assistantPart));
  }
  return vscode.LanguageModelChatMessage.User(turn.parts.flatMap(userPart));
}

function assistantPart(part: LmPart): (vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart)[] {
  if (part.kind === 'text') return [new vscode.LanguageModelTextPart(part.text)];
  if (part.kind === 'toolCall') return [new vscode.LanguageModelToolCallPart(part.callId, part.name, part.input)];
  return [];
}

function userPart(part: LmPart): (vscode.LanguageModelTextPart | vscode.LanguageModelToolResultPart)[] {
  if (part.kind === 'text') return [new vscode.LanguageModelTextPart(part.text)];
  if (part.kind === 'toolResult') return [new vscode.LanguageModelToolResultPart(part.callId, [new vscode.LanguageModelTextPart(part.text)])];
  return [];
}

function isCancellation(error: unknown): boolean {
  return error instanceof vscode.CancellationError || (error instanceof Error && error.name === 'Canceled');
}
