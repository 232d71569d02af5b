// Failures of a chat model reached through VS Code's Language Model API, in words a user can act on.
// No `vscode` import: the caller passes LanguageModelError's `code`.

import { ModelError } from '../../core/llm/modelClient';

export const SET_KEY_COMMAND_TITLE = "'Dev Backend: Set Anthropic API Key'";

/** A ModelError for a Language Model API failure; `code` is LanguageModelError.code when there is one. */
export function languageModelFailure(code: string | undefined, detail: string, modelName: string): ModelError {
  const why = detail.trim() === '' ? '' : `: ${detail.trim().replace(/\.$/, '')}`;
  const orKey = `or set an Anthropic key with ${SET_KEY_COMMAND_TITLE} to use Claude directly.`;
  switch (code) {
    case 'NoPermissions':
      return new ModelError(
        'permission',
        `VS Code did not let Dev Backend use the chat model ${modelName}${why}. Allow it when VS Code asks (or under "Manage Language Model Access"), ${orKey}`,
      );
    case 'Blocked':
      return new ModelError('rate_limit', `The chat model ${modelName} refused the request (quota or rate limit)${why}. Wait and try again, pick another model, ${orKey}`);
    case 'NotFound':
      return new ModelError('bad_request', `The chat model ${modelName} is no longer available${why}. Pick another model in the chat, ${orKey}`);
    default:
      return new ModelError('unknown', `The chat model ${modelName} failed${why}.`);
  }
}

export function languageModelCancelled(modelName: string): ModelError {
  return new ModelError('cancelled', `The request to ${modelName} was cancelled.`);
}
