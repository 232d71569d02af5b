// Claude in the chat's model picker: a LanguageModelChatProvider (vendor dev-backend-anthropic) serving
// Claude models through the user's Anthropic key. Without a key the models are still listed (marked as needing
// one): in editors with no other language model (code-server, VSCodium, VS Code without Copilot) this is what lets
// the chat reach `@dev-backend` at all; a request to them without a key fails with how to set one.
// (VS Code's `requiresAuthorization` for such models is a proposed API, closed to published extensions.)
import vscode = require('vscode');
import { LazyAnthropicModelClient } from '../../core/llm/lazyAnthropicClient';
import { ModelError, type ModelClient, type ToolSpec } from '../../core/llm/modelClient';
import { counted } from '../../core/text/plural';
import type { ApiKeyStore } from '../config/apiKeyStore';
import { affectsSettings, readSettings } from '../config/settings';
import { anthropicWaitOptions, type DevBackendSettings } from '../config/settingsValidation';
import type { OutputLog } from '../log/outputLog';
import { CLAUDE_VENDOR, claudeModelInfos, estimateTokens, NO_KEY_SENTENCE } from './claudeModels';
import { asInputObject, fromLmTurns, type IncomingLmTurn, type LmPart } from './lmTurns';

export { CLAUDE_VENDOR };

/** The stable typings lack `isUserSelectable`; VS Code honours it (the model shows in the picker). */
export interface ClaudeChatInformation extends vscode.LanguageModelChatInformation {
  readonly isUserSelectable: boolean;
}

/** Builds the client for one request; tests may swap it. */
export type AnthropicClientFactory = (keyStore: Pick<ApiKeyStore, 'get'>, settings: DevBackendSettings) => ModelClient;

export const defaultClientFactory: AnthropicClientFactory = (keyStore, settings) =>
  new LazyAnthropicModelClient({ apiKey: () => keyStore.get(), baseURL: settings.apiBaseUrl || undefined, ...anthropicWaitOptions(settings) });

export class ClaudeChatProvider implements vscode.LanguageModelChatProvider<ClaudeChatInformation>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation: vscode.Event<void> = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly keyStore: ApiKeyStore,
    private readonly log: OutputLog,
    private readonly clientFactory: AnthropicClientFactory = defaultClientFactory,
  ) {
    this.subscriptions = [
      this.changed,
      // The picker re-asks for models when the key (or the alias table) changes.
      keyStore.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, 'modelAliases')) this.changed.fire();
      }),
    ];
  }

  async provideLanguageModelChatInformation(_options: vscode.PrepareLanguageModelChatModelOptions, _token: vscode.CancellationToken): Promise<ClaudeChatInformation[]> {
    const keySet = (await this.keyStore.get()) !== undefined;
    return claudeModelInfos(readSettings().modelAliases, keySet).map((m) => ({
      id: m.id,
      name: m.name,
      family: m.family,
      version: m.version,
      tooltip: m.tooltip,
      detail: m.detail,
      maxInputTokens: m.maxInputTokens,
      maxOutputTokens: m.maxOutputTokens,
      capabilities: { toolCalling: true, imageInput: false },
      isUserSelectable: true,
    }));
  }

  async provideLanguageModelChatResponse(
    model: ClaudeChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const settings = readSettings((problem) => this.log.warn(problem));
    if ((await this.keyStore.get()) === undefined) throw new Error(`${model.name}: ${NO_KEY_SENTENCE}`);
    const { system, messages: chat } = fromLmTurns(messages.map(toIncomingTurn));
    if (chat.length === 0) throw new Error('Dev Backend: the request has no messages to send to Claude.');
    const tools = (options.tools ?? []).map(toToolSpec);
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    if (token.isCancellationRequested) abort.abort();
    const client = this.clientFactory(this.keyStore, settings);
    this.log.debug(`Claude (${model.id}) via the model picker: ${counted(chat.length, 'message')}, ${counted(tools.length, 'tool')}.`);
    try {
      const response = await client.send(
        { model: model.id, system, messages: chat, tools, maxTokens: Math.min(settings.maxOutputTokens, model.maxOutputTokens), signal: abort.signal },
        (event) => {
          if (event.type === 'text') progress.report(new vscode.LanguageModelTextPart(event.text));
        },
      );
      // Tool calls are reported whole, once their input JSON is complete.
      for (const block of response.content) {
        if (block.type === 'tool_use') progress.report(new vscode.LanguageModelToolCallPart(block.id, block.name, asInputObject(block.input)));
      }
      const u = response.usage;
      this.log.debug(`Claude (${response.model}): ${u.inputTokens} in, ${u.cacheReadInputTokens} cache read, ${u.cacheCreationInputTokens} cache write, ${u.outputTokens} out.`);
    } catch (e) {
      if (e instanceof ModelError && e.kind === 'cancelled') return; // the caller cancelled and no longer listens
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`Claude (${model.id}) via the model picker failed`, e);
      throw new Error(message);
    } finally {
      subscription.dispose();
    }
  }

  async provideTokenCount(_model: ClaudeChatInformation, text: string | vscode.LanguageModelChatRequestMessage, _token: vscode.CancellationToken): Promise<number> {
    if (typeof text === 'string') return estimateTokens(text);
    return estimateTokens(toIncomingTurn(text).parts.map(partText).join('\n'));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/**
 * Registers the provider for the vendor declared in package.json (contributes.languageModelChatProviders), then has
 * VS Code list its models at once. VS Code 1.139 asks a provider for its models only when something selects models
 * (or the provider says they changed); until then the chat's picker does not know them, offers only "Sign in to use
 * Copilot" in an editor with no other model, and refuses every request ("Language model unavailable") before any
 * participant runs. Once listed, a chat with no model picked takes the first one, so `@dev-backend` is reachable.
 */
export function registerClaudeChatProvider(context: vscode.ExtensionContext, keyStore: ApiKeyStore, log: OutputLog): ClaudeChatProvider {
  const provider = new ClaudeChatProvider(keyStore, log);
  context.subscriptions.push(provider, vscode.lm.registerLanguageModelChatProvider(CLAUDE_VENDOR, provider));
  void listClaudeModelsInTheChat(log);
  return provider;
}

async function listClaudeModelsInTheChat(log: OutputLog): Promise<void> {
  try {
    const models = await vscode.lm.selectChatModels({ vendor: CLAUDE_VENDOR });
    log.debug(`Claude in the chat's model picker: ${counted(models.length, 'model')} listed.`);
  } catch (e) {
    log.warn(`Could not list the Claude models in the chat's model picker: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function toIncomingTurn(message: vscode.LanguageModelChatRequestMessage): IncomingLmTurn {
  const role =
    message.role === vscode.LanguageModelChatMessageRole.User ? 'user' : message.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'system';
  return { role, parts: message.content.flatMap(toLmPart) };
}

function toLmPart(part: unknown): LmPart[] {
  if (part instanceof vscode.LanguageModelTextPart) return [{ kind: 'text', text: part.value }];
  if (part instanceof vscode.LanguageModelToolCallPart) return [{ kind: 'toolCall', callId: part.callId, name: part.name, input: asInputObject(part.input) }];
  if (part instanceof vscode.LanguageModelToolResultPart) return [{ kind: 'toolResult', callId: part.callId, text: part.content.map(resultText).join('') }];
  if (part instanceof vscode.LanguageModelDataPart) {
    const text = dataText(part);
    return text === undefined ? [] : [{ kind: 'text', text }];
  }
  return [];
}

function resultText(part: unknown): string {
  if (part instanceof vscode.LanguageModelTextPart) return part.value;
  if (part instanceof vscode.LanguageModelDataPart) return dataText(part) ?? '';
  if (part instanceof vscode.LanguageModelPromptTsxPart) return JSON.stringify(part.value);
  return '';
}

/** Text and JSON data parts become text; images and provider hints (e.g. cache_control) are dropped. */
function dataText(part: vscode.LanguageModelDataPart): string | undefined {
  const mime = part.mimeType.toLowerCase();
  if (!mime.startsWith('text/') && mime !== 'application/json') return undefined;
  return new TextDecoder().decode(part.data);
}

function partText(part: LmPart): string {
  if (part.kind === 'text') return part.text;
  if (part.kind === 'toolCall') return `${part.name} ${JSON.stringify(part.input)}`;
  return part.text;
}

function toToolSpec(tool: vscode.LanguageModelChatTool): ToolSpec {
  const schema = tool.inputSchema as { type?: unknown; properties?: unknown; required?: unknown } | undefined;
  const isObjectSchema = typeof schema === 'object' && schema !== null && schema.type === 'object';
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: isObjectSchema
      ? { ...(schema as object), type: 'object', properties: typeof schema.properties === 'object' && schema.properties !== null ? (schema.properties as Record<string, unknown>) : {} }
      : { type: 'object', properties: {} },
  };
}
