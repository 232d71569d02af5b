// The Claude models the extension offers in the chat's model picker: the alias table's targets (with the
// devBackend.modelAliases overrides), described for VS Code. No `vscode` import, so it runs in unit tests.

import { MODEL_ALIASES, DEFAULT_MODEL_ALIAS, parseModelId, resolveModel, type ModelFamily } from '../../core/llm/modelCatalog';

/** The vendor of the extension's own Claude models (package.json contributes.languageModelChatProviders). */
export const CLAUDE_VENDOR = 'dev-backend-anthropic';

export interface ClaudeModelInfo {
  id: string;
  /** "Claude Sonnet 5.5" */
  name: string;
  /** "claude-sonnet" */
  family: string;
  /** "5.5" */
  version: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  tooltip: string;
  detail: string;
  /** The model behind the default alias. */
  isDefault: boolean;
}

const MAX_INPUT_TOKENS = 200_000;
const MAX_OUTPUT_TOKENS: Record<ModelFamily, number> = { opus: 32_000, sonnet: 64_000, haiku: 64_000 };
const FAMILY_ORDER: Record<ModelFamily, number> = { sonnet: 0, opus: 1, haiku: 2 };
const DETAIL = 'Dev Backend · your Anthropic key';
const DETAIL_NO_KEY = 'Dev Backend · needs an Anthropic API key';

/**
 * The models to list, the default alias's model first; ids that are not Claude models are left out. They are listed
 * without a key too (saying so), so that `@dev-backend` is reachable in an editor with no other model.
 */
export function claudeModelInfos(aliasOverrides: Record<string, string> = {}, keySet = true): ClaudeModelInfo[] {
  const ids = new Set<string>();
  for (const alias of Object.keys(MODEL_ALIASES)) ids.add(resolveModel(alias, { overrides: aliasOverrides }));
  for (const alias of Object.keys(aliasOverrides)) ids.add(resolveModel(alias, { overrides: aliasOverrides }));
  const defaultId = resolveModel(DEFAULT_MODEL_ALIAS, { overrides: aliasOverrides });
  const infos: ClaudeModelInfo[] = [];
  for (const id of ids) {
    const parsed = parseModelId(id);
    if (!parsed) continue;
    const version = versionText(parsed.version);
    const family = parsed.family;
    const name = claudeDisplayName(id);
    infos.push({
      id,
      name,
      family: `claude-${family}`,
      version,
      maxInputTokens: MAX_INPUT_TOKENS,
      maxOutputTokens: MAX_OUTPUT_TOKENS[family],
      tooltip: keySet
        ? `${name} (${id}) through the Anthropic API with your key, served by Dev Backend.`
        : `${name} (${id}) through the Anthropic API, served by Dev Backend. ${NO_KEY_SENTENCE}`,
      detail: keySet ? DETAIL : DETAIL_NO_KEY,
      isDefault: id === defaultId,
    });
  }
  return infos.sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || FAMILY_ORDER[familyOf(a)] - FAMILY_ORDER[familyOf(b)] || Number(b.version) - Number(a.version) || a.id.localeCompare(b.id),
  );
}

/** What a request to one of our models without a key is told (the chat shows it as the error). */
export const NO_KEY_SENTENCE = "It needs an Anthropic API key: run 'Dev Backend: Set Anthropic API Key' (Command Palette), then send the request again.";

/** "Claude Opus 5.5" for a Claude model id; other ids as given. */
export function claudeDisplayName(modelId: string): string {
  const parsed = parseModelId(modelId);
  if (!parsed) return modelId;
  return `Claude ${parsed.family[0].toUpperCase()}${parsed.family.slice(1)} ${versionText(parsed.version)}`;
}

function versionText(version: number): string {
  return `${Math.floor(version / 10)}.${version % 10}`;
}

function familyOf(info: ClaudeModelInfo): ModelFamily {
  return info.family.slice('claude-'.length) as ModelFamily;
}

/** A rough token count (about 4 characters per token), for provideTokenCount. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
