// Which model a run uses, decided from plain facts (no `vscode` import, so it runs in unit tests):
// an Anthropic key wins (the setting's model, else the agent's); without one, the chat's model, said plainly;
// without either, the caller asks for a key.

import { resolveModel } from '../../core/llm/modelCatalog';
import { CLAUDE_VENDOR } from './claudeModels';
import { SET_KEY_COMMAND_TITLE } from './lmErrors';

export interface ChatModelFacts {
  vendor: string;
  id: string;
  name: string;
}

export interface ModelChoiceFacts {
  hasKey: boolean;
  /** devBackend.model ('' = the agent decides). */
  settingsModel: string;
  /** The agent file's `model` (alias, id, `inherit` or undefined). */
  agentModel?: string;
  /** devBackend.modelAliases. */
  aliases: Record<string, string>;
  /** The model picked in the chat, when the run comes from the chat. */
  chatModel?: ChatModelFacts;
}

export type ModelPlan = { via: 'anthropic'; model: string } | { via: 'chat-model'; model: string; notice: string } | { missingKey: true };

export function planModelChoice(facts: ModelChoiceFacts): ModelPlan {
  const chatModel = facts.chatModel;
  const isOurClaude = chatModel?.vendor === CLAUDE_VENDOR;
  if (facts.hasKey) {
    // `inherit` follows the chat when the user picked one of our Claude models there.
    const requested = facts.settingsModel.trim() || facts.agentModel;
    const model = resolveModel(requested, { overrides: facts.aliases, inherit: isOurClaude ? chatModel.id : undefined });
    return { via: 'anthropic', model };
  }
  // Our own Claude models need the key too: going through them would only fail later.
  if (!chatModel || isOurClaude) return { missingKey: true };
  return {
    via: 'chat-model',
    model: chatModel.id,
    notice: `No Anthropic key is set, so this run uses the chat's model (${chatModel.name}). Set one with ${SET_KEY_COMMAND_TITLE} to use Claude directly.`,
  };
}
