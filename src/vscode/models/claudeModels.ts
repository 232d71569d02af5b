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

/** The models to list, the default alias's model first; ids that are not Claude models are left out. */
export function claudeModelInfos(aliasOverrides: Record<string, string> = {}): ClaudeModelInfo[] {
  const ids = new Set<string>();
  for (const alias of Object.keys(MODEL_ALIASES)) ids.add(resolveModel(alias, { overrides: aliasOverrides }));
  for (const alias of Object.keys(aliasOverrides)) ids.add(resolveModel(alias, { overrides: aliasOverrides }));
  const defaultId = resolveModel(DEFAULT_MODEL_ALIAS, { overrides: aliasOverrides });
  const infos: ClaudeModelInfo[] = [];
  for (const id of ids) {
    const parsed = parseModelId(id);
    if (!parsed) continue;
    const version = `${Math.floor(parsed.version / 10)}.${parsed.version % 10}`;
    const family = parsed.family;
    const name = `Claude ${family[0].toUpperCase()}${family.slice(1)} ${version}`;
    infos.push({
      id,
      name,
      family: `claude-${family}`,
      version,
      maxInputTokens: MAX_INPUT_TOKENS,
      maxOutputTokens: MAX_OUTPUT_TOKENS[family],
      tooltip: `${name} (${id}) through the Anthropic API with your key, served by Dev Backend.`,
      detail: DETAIL,
      isDefault: id === defaultId,
    });
  }
  return infos.sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || FAMILY_ORDER[familyOf(a)] - FAMILY_ORDER[familyOf(b)] || Number(b.version) - Number(a.version) || a.id.localeCompare(b.id),
  );
}

function familyOf(info: ClaudeModelInfo): ModelFamily {
  return info.family.slice('claude-'.length) as ModelFamily;
}

/** A rough token count (about 4 characters per token), for provideTokenCount. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
