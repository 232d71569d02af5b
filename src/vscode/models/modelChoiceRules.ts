// Which model a run uses, decided from plain facts (no `vscode` import, so it runs in unit tests):
// with an Anthropic key, a Claude model picked in the chat, else the setting's model, else the agent's (saying
// so when the chat picked another vendor's model); without a key, the chat's model, said plainly; without
// either, the caller asks for a key.

import { resolveModel } from '../../core/llm/modelCatalog';
import { CLAUDE_VENDOR, claudeDisplayName } from './claudeModels';
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

export type ModelPlan =
  | {
      via: 'anthropic';
      model: string;
      /** What the user sees: "Claude Opus 5.5". */
      label: string;
      /** Set when the chat's pick is not what runs (another vendor's model while a key is set). */
      notice?: string;
    }
  | { via: 'chat-model'; model: string; label: string; notice: string }
  | { missingKey: true };

export function planModelChoice(facts: ModelChoiceFacts): ModelPlan {
  const chatModel = facts.chatModel;
  const isOurClaude = chatModel?.vendor === CLAUDE_VENDOR;
  if (facts.hasKey) {
    // A Claude model picked in the chat is the model: the picker is the user's most direct choice.
    if (isOurClaude) return { via: 'anthropic', model: chatModel.id, label: claudeDisplayName(chatModel.id) };
    const setting = facts.settingsModel.trim();
    const model = resolveModel(setting || facts.agentModel, { overrides: facts.aliases });
    const label = claudeDisplayName(model);
    if (!chatModel) return { via: 'anthropic', model, label };
    const why = setting ? 'the devBackend.model setting' : facts.agentModel && facts.agentModel.trim().toLowerCase() !== 'inherit' ? "the agent's model" : 'the default';
    return {
      via: 'anthropic',
      model,
      label,
      notice: `This runs ${label} (${why}) with your Anthropic key, not the chat's ${chatModel.name}: Dev Backend uses Claude directly while a key is set. Pick a Claude model in the chat to choose which one runs.`,
    };
  }
  // Our own Claude models need the key too: going through them would only fail later.
  if (!chatModel || isOurClaude) return { missingKey: true };
  return {
    via: 'chat-model',
    model: chatModel.id,
    label: chatModel.name,
    notice: `No Anthropic key is set, so this run uses the chat's model (${chatModel.name}). Set one with ${SET_KEY_COMMAND_TITLE} to use Claude directly.`,
  };
}
