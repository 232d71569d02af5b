// Picks the ModelClient for a run: Anthropic directly when a key is set, else the chat's model through
// VS Code's Language Model API (with a notice saying so), else { missingKey } for the caller to prompt.
import type * as vscode from 'vscode';
import { LazyAnthropicModelClient } from '../../core/llm/lazyAnthropicClient';
import type { ModelClient } from '../../core/llm/modelClient';
import type { ApiKeyStore } from '../config/apiKeyStore';
import { anthropicWaitOptions, type DevBackendSettings } from '../config/settingsValidation';
import { LanguageModelClient } from './languageModelClient';
import { planModelChoice } from './modelChoiceRules';

export interface ModelChoiceOptions {
  keyStore: Pick<ApiKeyStore, 'get'>;
  settings: DevBackendSettings;
  /** `request.model` when the run comes from the chat. */
  chatModel?: vscode.LanguageModelChat;
  /** Cancels requests to the chat model (the chat request's token). */
  token?: vscode.CancellationToken;
  /** The agent file's `model` (alias, id or `inherit`); devBackend.model overrides it. */
  agentModel?: string;
}

export type ModelChoice =
  | {
      client: ModelClient;
      /** Resolved model id, for the request and the cost. */
      model: string;
      via: 'anthropic' | 'chat-model';
      /** The model's name for people: "Claude Opus 5.5", or the chat model's name. */
      label: string;
      /** A sentence to show the user: which model runs and why, when it is not the one picked in the chat. */
      notice?: string;
    }
  | { missingKey: true };

export async function chooseModelClient(options: ModelChoiceOptions): Promise<ModelChoice> {
  const { settings, chatModel } = options;
  const plan = planModelChoice({
    hasKey: (await options.keyStore.get()) !== undefined,
    settingsModel: settings.model,
    agentModel: options.agentModel,
    aliases: settings.modelAliases,
    chatModel: chatModel ? { vendor: chatModel.vendor, id: chatModel.id, name: chatModel.name } : undefined,
  });
  if ('missingKey' in plan) return plan;
  if (plan.via === 'anthropic') {
    const keyStore = options.keyStore;
    const client = new LazyAnthropicModelClient({ apiKey: () => keyStore.get(), baseURL: settings.apiBaseUrl || undefined, ...anthropicWaitOptions(settings) });
    return { client, model: plan.model, via: 'anthropic', label: plan.label, ...(plan.notice ? { notice: plan.notice } : {}) };
  }
  if (!chatModel) return { missingKey: true }; // planModelChoice picks the chat model only when there is one
  return { client: new LanguageModelClient(chatModel, options.token), model: plan.model, via: 'chat-model', label: plan.label, notice: plan.notice };
}
