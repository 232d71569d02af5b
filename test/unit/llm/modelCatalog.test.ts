import * as assert from 'node:assert/strict';
import {
  costUsd,
  formatUsd,
  isModelAlias,
  MODEL_ALIASES,
  parseModelId,
  priceFor,
  resolveModel,
} from '../../../src/core/llm/modelCatalog';
import { emptyUsage, type Usage } from '../../../src/core/llm/modelClient';

function usage(partial: Partial<Usage>): Usage {
  return { ...emptyUsage(), ...partial };
}

describe('resolveModel', () => {
  it('maps the aliases to current ids', () => {
    assert.equal(resolveModel('opus'), 'claude-opus-5-5');
    assert.equal(resolveModel('sonnet'), 'claude-sonnet-5-5');
    assert.equal(resolveModel('haiku'), 'claude-haiku-5-5');
    assert.equal(resolveModel('  Sonnet '), 'claude-sonnet-5-5', 'trimmed, case-insensitive');
  });

  it('passes ids through unchanged', () => {
    assert.equal(resolveModel('claude-sonnet-4-6'), 'claude-sonnet-4-6');
    assert.equal(resolveModel(' claude-opus-4-8 '), 'claude-opus-4-8');
  });

  it('resolves inherit and a missing model to the caller default, else sonnet', () => {
    assert.equal(resolveModel('inherit', { inherit: 'claude-opus-4-8' }), 'claude-opus-4-8');
    assert.equal(resolveModel(undefined, { inherit: 'haiku' }), 'claude-haiku-5-5');
    assert.equal(resolveModel('', { inherit: 'opus' }), 'claude-opus-5-5');
    assert.equal(resolveModel('inherit'), MODEL_ALIASES.sonnet);
    assert.equal(resolveModel(undefined, { inherit: 'inherit' }), MODEL_ALIASES.sonnet, 'inherit of inherit does not loop');
  });

  it('applies overrides, including new aliases and alias-to-alias, without looping', () => {
    const overrides = { sonnet: 'claude-sonnet-4-6', fast: 'haiku', opus: 'sonnet' };
    assert.equal(resolveModel('sonnet', { overrides }), 'claude-sonnet-4-6');
    assert.equal(resolveModel('fast', { overrides }), 'claude-haiku-5-5');
    assert.equal(resolveModel('opus', { overrides }), 'claude-sonnet-4-6');
    assert.equal(resolveModel('inherit', { overrides, inherit: 'opus' }), 'claude-sonnet-4-6');
    const cycle = { a: 'b', b: 'a' };
    assert.ok(['a', 'b'].includes(resolveModel('a', { overrides: cycle })));
  });

  it('ignores override values that are not non-empty strings (settings are user JSON)', () => {
    const overrides = { sonnet: '', opus: 42, haiku: null } as unknown as Record<string, string>;
    assert.equal(resolveModel('sonnet', { overrides }), 'claude-sonnet-5-5');
    assert.equal(resolveModel('opus', { overrides }), 'claude-opus-5-5');
    assert.equal(resolveModel('haiku', { overrides }), 'claude-haiku-5-5');
  });

  it('tells aliases from ids', () => {
    assert.ok(isModelAlias('opus'));
    assert.ok(isModelAlias('fast', { fast: 'claude-haiku-4-5' }));
    assert.ok(!isModelAlias('claude-opus-5-5'));
  });
});

describe('model prices', () => {
  it('parses family and version from current, dated and legacy ids', () => {
    assert.deepEqual(parseModelId('claude-opus-5-5'), { family: 'opus', version: 55 });
    assert.deepEqual(parseModelId('claude-sonnet-5'), { family: 'sonnet', version: 50 });
    assert.deepEqual(parseModelId('claude-opus-4-8-20261001'), { family: 'opus', version: 48 });
    assert.deepEqual(parseModelId('claude-opus-4-20250514'), { family: 'opus', version: 40 });
    assert.deepEqual(parseModelId('claude-3-5-haiku-20241022'), { family: 'haiku', version: 35 });
    assert.equal(parseModelId('gpt-5'), undefined);
  });

  it('has the published prices per million tokens', () => {
    const cases: [string, number, number][] = [
      ['claude-opus-5-5', 4, 20],
      ['claude-opus-5', 5, 25],
      ['claude-opus-4-8', 5, 25],
      ['claude-sonnet-5-5', 2, 10],
      ['claude-sonnet-5', 2, 10],
      ['claude-sonnet-4-6', 3, 15],
      ['claude-haiku-4-5', 1, 5],
    ];
    for (const [id, input, output] of cases) {
      assert.deepEqual(priceFor(id), { price: { input, output }, basis: 'published' }, id);
    }
  });

  it('prices an unpublished version by the nearest of its family, and says so', () => {
    assert.deepEqual(priceFor('claude-haiku-5-5'), { price: { input: 1, output: 5 }, basis: 'family' });
    assert.deepEqual(priceFor('claude-sonnet-6'), { price: { input: 2, output: 10 }, basis: 'family' });
    assert.equal(priceFor('gpt-5'), undefined);
  });

  it('costs input, cache writes at 1.25x, cache reads at 0.1x, and output', () => {
    // Sonnet 5.5: $2 in / $10 out per million.
    const u = usage({ inputTokens: 1_000_000, cacheCreationInputTokens: 1_000_000, cacheReadInputTokens: 1_000_000, outputTokens: 1_000_000 });
    assert.equal(costUsd(u, 'claude-sonnet-5-5'), 2 + 2.5 + 0.2 + 10);
    // Opus 5.5: $4 / $20.
    assert.equal(costUsd(usage({ inputTokens: 250_000, outputTokens: 50_000 }), 'claude-opus-5-5'), 1 + 1);
    assert.equal(costUsd(usage({ cacheReadInputTokens: 1_000_000 }), 'claude-opus-5-5'), 0.4);
    assert.equal(costUsd(emptyUsage(), 'claude-opus-5-5'), 0);
  });

  it('reports an unknown model as NaN ("unknown"), never a silent $0', () => {
    const cost = costUsd(usage({ inputTokens: 1000 }), 'gpt-5');
    assert.ok(Number.isNaN(cost));
    assert.equal(formatUsd(cost), 'unknown');
    assert.equal(formatUsd(0.01234), '$0.0123');
    assert.equal(formatUsd(12.345), '$12.35');
  });
});
