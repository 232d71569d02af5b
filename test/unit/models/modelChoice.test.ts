import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MODEL_ALIASES } from '../../../src/core/llm/modelCatalog';
import { ModelError } from '../../../src/core/llm/modelClient';
import { CLAUDE_VENDOR, claudeDisplayName, claudeModelInfos, estimateTokens } from '../../../src/vscode/models/claudeModels';
import { languageModelCancelled, languageModelFailure } from '../../../src/vscode/models/lmErrors';
import { planModelChoice, type ModelChoiceFacts } from '../../../src/vscode/models/modelChoiceRules';

const fakeLm = { vendor: 'dev-backend-test', id: 'fake-lm', name: 'Fake LM' };
const ourOpus = { vendor: CLAUDE_VENDOR, id: 'claude-opus-5-5', name: 'Claude Opus 5.5' };

function plan(facts: Partial<ModelChoiceFacts>): ReturnType<typeof planModelChoice> {
  return planModelChoice({ hasKey: false, settingsModel: '', aliases: {}, ...facts });
}

describe('planModelChoice', () => {
  it('with a key: Anthropic with the agent model, resolved through the alias table, named for people', () => {
    assert.deepEqual(plan({ hasKey: true, agentModel: 'opus' }), { via: 'anthropic', model: 'claude-opus-5-5', label: 'Claude Opus 5.5' });
    assert.deepEqual(plan({ hasKey: true }), { via: 'anthropic', model: MODEL_ALIASES.sonnet, label: 'Claude Sonnet 5.5' }, 'no agent model: the default alias');
    assert.deepEqual(plan({ hasKey: true, agentModel: 'sonnet', aliases: { sonnet: 'claude-sonnet-4-6' } }), {
      via: 'anthropic',
      model: 'claude-sonnet-4-6',
      label: 'Claude Sonnet 4.6',
    });
  });

  it('devBackend.model overrides the agent model', () => {
    assert.deepEqual(plan({ hasKey: true, agentModel: 'opus', settingsModel: ' haiku ' }), { via: 'anthropic', model: 'claude-haiku-5-5', label: 'Claude Haiku 5.5' });
    assert.deepEqual(plan({ hasKey: true, agentModel: 'opus', settingsModel: 'claude-opus-4-8' }), { via: 'anthropic', model: 'claude-opus-4-8', label: 'Claude Opus 4.8' });
  });

  it("with a key, another vendor's chat model is not used, and the notice says which model runs and why", () => {
    const choice = plan({ hasKey: true, agentModel: 'haiku', chatModel: fakeLm });
    assert.ok('via' in choice && choice.via === 'anthropic');
    assert.equal(choice.model, 'claude-haiku-5-5');
    assert.equal(
      choice.notice,
      "This runs Claude Haiku 5.5 (the agent's model) with your Anthropic key, not the chat's Fake LM: Dev Backend uses Claude directly while a key is set. Pick a Claude model in the chat to choose which one runs.",
    );
    const bySetting = plan({ hasKey: true, agentModel: 'haiku', settingsModel: 'opus', chatModel: fakeLm });
    assert.ok('notice' in bySetting && bySetting.notice?.startsWith('This runs Claude Opus 5.5 (the devBackend.model setting)'));
  });

  it('with a key and one of our Claude models picked in the chat: that model runs, over the agent and the setting', () => {
    const ourHaiku = { vendor: CLAUDE_VENDOR, id: 'claude-haiku-5-5', name: 'Claude Haiku 5.5' };
    assert.deepEqual(plan({ hasKey: true, agentModel: 'opus', chatModel: ourHaiku }), { via: 'anthropic', model: 'claude-haiku-5-5', label: 'Claude Haiku 5.5' });
    assert.deepEqual(plan({ hasKey: true, agentModel: 'inherit', settingsModel: 'sonnet', chatModel: ourOpus }), {
      via: 'anthropic',
      model: 'claude-opus-5-5',
      label: 'Claude Opus 5.5',
    });
  });

  it("without a key: the chat's model, with a notice naming it and the command", () => {
    const choice = plan({ chatModel: fakeLm, agentModel: 'opus' });
    assert.ok('via' in choice && choice.via === 'chat-model');
    assert.equal(choice.model, 'fake-lm');
    assert.equal(choice.label, 'Fake LM');
    assert.equal(
      choice.notice,
      "No Anthropic key is set, so this run uses the chat's model (Fake LM). Set one with 'Dev Backend: Set Anthropic API Key' to use Claude directly.",
    );
  });

  it('without a key and without a usable chat model: missingKey', () => {
    assert.deepEqual(plan({}), { missingKey: true });
    assert.deepEqual(plan({ chatModel: ourOpus }), { missingKey: true }, 'our own models need the key too');
  });
});

describe('claudeDisplayName', () => {
  it('names Claude ids as people do and leaves other ids alone', () => {
    assert.equal(claudeDisplayName('claude-opus-5-5'), 'Claude Opus 5.5');
    assert.equal(claudeDisplayName('claude-3-5-sonnet-20241022'), 'Claude Sonnet 3.5');
    assert.equal(claudeDisplayName('gpt-5'), 'gpt-5');
  });
});

describe('claudeModelInfos', () => {
  it('lists the alias targets, the default (sonnet) first, with picker metadata', () => {
    const infos = claudeModelInfos();
    assert.deepEqual(
      infos.map((m) => m.id),
      [MODEL_ALIASES.sonnet, MODEL_ALIASES.opus, MODEL_ALIASES.haiku],
    );
    const sonnet = infos[0];
    assert.equal(sonnet.name, 'Claude Sonnet 5.5');
    assert.equal(sonnet.family, 'claude-sonnet');
    assert.equal(sonnet.version, '5.5');
    assert.equal(sonnet.isDefault, true);
    assert.ok(sonnet.maxInputTokens >= 200_000);
    assert.ok(infos.every((m) => m.maxOutputTokens >= 16_000 && m.tooltip.includes(m.id)));
    assert.equal(infos.filter((m) => m.isDefault).length, 1);
  });

  it('follows alias overrides, adds new Claude ids and skips ids that are not Claude models', () => {
    const infos = claudeModelInfos({ sonnet: 'claude-sonnet-4-6', legacy: 'claude-opus-4-8', gpt: 'gpt-5' });
    const ids = infos.map((m) => m.id);
    assert.equal(ids[0], 'claude-sonnet-4-6', 'the overridden default comes first');
    assert.ok(ids.includes('claude-opus-4-8'));
    assert.ok(ids.includes(MODEL_ALIASES.opus));
    assert.ok(!ids.includes('gpt-5'));
    assert.ok(!ids.includes(MODEL_ALIASES.sonnet), 'the replaced sonnet id is no longer offered');
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
  });

  it('the vendor matches package.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { languageModelChatProviders: { vendor: string }[] };
    };
    assert.deepEqual(manifest.contributes.languageModelChatProviders.map((p) => p.vendor), [CLAUDE_VENDOR]);
  });

  it('estimates tokens at about four characters each', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('abcd'), 1);
    assert.equal(estimateTokens('abcde'), 2);
  });
});

describe('Language Model API failures', () => {
  it('maps LanguageModelError codes to kinds and actionable words', () => {
    const denied = languageModelFailure('NoPermissions', 'User did not consent.', 'GPT-5');
    assert.ok(denied instanceof ModelError);
    assert.equal(denied.kind, 'permission');
    assert.match(denied.message, /did not let Dev Backend use the chat model GPT-5: User did not consent\. Allow it/);
    assert.match(denied.message, /'Dev Backend: Set Anthropic API Key'/);
    assert.equal(languageModelFailure('Blocked', '', 'GPT-5').kind, 'rate_limit');
    assert.match(languageModelFailure('Blocked', '', 'GPT-5').message, /\(quota or rate limit\)\. Wait/);
    assert.equal(languageModelFailure('NotFound', 'gone', 'X').kind, 'bad_request');
    assert.match(languageModelFailure('NotFound', 'gone', 'X').message, /no longer available: gone\. Pick another model/);
    const other = languageModelFailure(undefined, 'socket hang up', 'X');
    assert.equal(other.kind, 'unknown');
    assert.equal(other.message, 'The chat model X failed: socket hang up.');
  });

  it('says which request was cancelled', () => {
    const e = languageModelCancelled('Fake LM');
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.message, 'The request to Fake LM was cancelled.');
  });
});
