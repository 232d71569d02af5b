import * as assert from 'node:assert/strict';
import type { WireBlock, WireRequestBody } from '../../fakes/messagesWire';
import { PromptCacheModel, segmentRequest } from '../../fakes/promptCacheModel';
import { canonicalJson, countTokens } from '../../fakes/tokenRule';

const CC = { type: 'ephemeral' as const };

/** A text block of about `tokens` tokens under the rule. */
function text(tokens: number, seed = 'x', cache = false): WireBlock {
  const block: WireBlock = { type: 'text', text: seed.repeat(Math.max(1, tokens * 4 - 30)) };
  if (cache) block.cache_control = CC;
  return block;
}

function body(parts: { system?: WireBlock[]; tools?: WireBlock[]; messages?: WireRequestBody['messages']; model?: string }): WireRequestBody {
  return {
    model: parts.model ?? 'claude-sonnet-5-5',
    max_tokens: 100,
    system: parts.system,
    tools: parts.tools,
    messages: parts.messages ?? [{ role: 'user', content: 'hi' }],
  };
}

describe('tokenRule', () => {
  it('counts ceil(UTF-8 bytes of canonical JSON / 4), ignoring cache_control and key order', () => {
    assert.equal(countTokens({ type: 'text', text: 'abcd' }), Math.ceil(Buffer.byteLength('{"text":"abcd","type":"text"}') / 4));
    assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), '{"a":{"c":3,"d":2},"b":1}');
    assert.equal(countTokens({ type: 'text', text: 'abcd', cache_control: CC }), countTokens({ text: 'abcd', type: 'text' }));
    // Multi-byte characters count by bytes.
    assert.equal(countTokens('é'.repeat(8)), Math.ceil(Buffer.byteLength('"' + 'é'.repeat(8) + '"') / 4));
  });
});

describe('PromptCacheModel', () => {
  it('orders segments tools, system, messages and reports breakpoints by label', () => {
    const { segments } = segmentRequest(
      body({
        tools: [{ name: 'a', input_schema: {} }, { name: 'b', input_schema: {}, cache_control: CC }],
        system: [text(10), text(10, 'y', true)],
        messages: [{ role: 'user', content: [text(5), text(5, 'z', true)] }],
      }),
    );
    assert.deepEqual(
      segments.map((s) => s.label),
      ['tools[0]', 'tools[1]', 'system[0]', 'system[1]', 'messages[0].content[0]', 'messages[0].content[1]'],
    );
    assert.deepEqual(
      segments.filter((s) => s.breakpointTtlMs !== undefined).map((s) => s.label),
      ['tools[1]', 'system[1]', 'messages[0].content[1]'],
    );
  });

  it('writes a breakpoint prefix on the first request and reads it on the next', () => {
    const cache = new PromptCacheModel({ now: () => 0 });
    const req = body({ system: [text(2000, 's', true)], messages: [{ role: 'user', content: 'question one' }] });
    const first = cache.account(req);
    const systemTokens = countTokens(req.system?.[0]);
    assert.equal(first.cacheReadInputTokens, 0);
    assert.equal(first.cacheCreationInputTokens, systemTokens);
    assert.equal(first.inputTokens, first.totalInputTokens - systemTokens);
    const second = cache.account({ ...req, messages: [{ role: 'user', content: 'another question' }] });
    assert.equal(second.cacheReadInputTokens, systemTokens);
    assert.equal(second.cacheCreationInputTokens, 0);
    assert.equal(second.inputTokens + second.cacheReadInputTokens, second.totalInputTokens);
  });

  it('does not cache a prefix under the minimum (1,024 tokens)', () => {
    const cache = new PromptCacheModel({ now: () => 0 });
    const req = body({ system: [text(900, 's', true)] });
    assert.equal(cache.account(req).cacheCreationInputTokens, 0);
    const again = cache.account(req);
    assert.equal(again.cacheReadInputTokens, 0);
    assert.equal(again.inputTokens, again.totalInputTokens);
  });

  it('reads nothing when the request has no breakpoint, even if its prefix was cached', () => {
    const cache = new PromptCacheModel({ now: () => 0 });
    cache.account(body({ system: [text(2000, 's', true)] }));
    const naive = cache.account(body({ system: [text(2000, 's')] }));
    assert.equal(naive.cacheReadInputTokens, 0);
    assert.equal(naive.cacheCreationInputTokens, 0);
  });

  it('misses when any earlier part changed (the prefix must repeat exactly) or the model differs', () => {
    const cache = new PromptCacheModel({ now: () => 0 });
    cache.account(body({ system: [text(2000, 's', true)] }));
    assert.equal(cache.account(body({ system: [text(2000, 't', true)] })).cacheReadInputTokens, 0);
    assert.equal(cache.account(body({ system: [text(2000, 's', true)], model: 'claude-opus-5-5' })).cacheReadInputTokens, 0);
    const toolChanged = cache.account(body({ tools: [{ name: 'new_tool', input_schema: {} }], system: [text(2000, 's', true)] }));
    assert.equal(toolChanged.cacheReadInputTokens, 0);
  });

  it('reads the longest cached prefix and writes only the new part up to the last breakpoint', () => {
    const cache = new PromptCacheModel({ now: () => 0 });
    const system = [text(1500, 's', true)];
    const m1: WireRequestBody['messages'] = [{ role: 'user', content: [text(600, 'a', true)] }];
    const r1 = cache.account(body({ system, messages: m1 }));
    assert.equal(r1.cacheCreationInputTokens, r1.totalInputTokens);
    const m2: WireRequestBody['messages'] = [
      { role: 'user', content: [text(600, 'a')] },
      { role: 'assistant', content: [text(50, 'b')] },
      { role: 'user', content: [text(300, 'c', true)] },
    ];
    const r2 = cache.account(body({ system, messages: m2 }));
    assert.equal(r2.cacheReadInputTokens, r1.totalInputTokens, 'reads the whole previous request via lookback');
    assert.equal(r2.cacheCreationInputTokens, r2.totalInputTokens - r1.totalInputTokens);
    assert.equal(r2.inputTokens, 0);
  });

  it('looks back at most `lookbackBlocks` boundaries from a breakpoint', () => {
    const cache = new PromptCacheModel({ now: () => 0, lookbackBlocks: 2 });
    const base = [text(1100, 'a', true)];
    cache.account(body({ messages: [{ role: 'user', content: base }] }));
    const far = cache.account(body({ messages: [{ role: 'user', content: [text(1100, 'a'), text(1), text(1), text(1, 'q', true)] }] }));
    assert.equal(far.cacheReadInputTokens, 0, '3 blocks back is beyond a lookback of 2');
    const cache2 = new PromptCacheModel({ now: () => 0, lookbackBlocks: 3 });
    cache2.account(body({ messages: [{ role: 'user', content: base }] }));
    const near = cache2.account(body({ messages: [{ role: 'user', content: [text(1100, 'a'), text(1), text(1), text(1, 'q', true)] }] }));
    assert.equal(near.cacheReadInputTokens, countTokens(base[0]));
  });

  it('treats message boundaries and roles as part of the prefix', () => {
    const first = (): WireRequestBody => body({ messages: [{ role: 'user', content: [text(1100, 'a'), text(10, 'b', true)] }] });
    const control = new PromptCacheModel({ now: () => 0 });
    control.account(first());
    assert.ok(control.account(first()).cacheReadInputTokens > 0, 'the same request reads');
    for (const role of ['user', 'assistant'] as const) {
      const cache = new PromptCacheModel({ now: () => 0 });
      cache.account(first());
      const split = cache.account(body({ messages: [{ role: 'user', content: [text(1100, 'a')] }, { role, content: [text(10, 'b', true)] }] }));
      assert.equal(split.cacheReadInputTokens, 0, `split into a ${role} message`);
    }
  });

  it('expires entries after 5 minutes, and a read refreshes them', () => {
    let now = 0;
    const cache = new PromptCacheModel({ now: () => now });
    const req = body({ system: [text(2000, 's', true)] });
    cache.account(req);
    now = 4 * 60_000;
    assert.ok(cache.account(req).cacheReadInputTokens > 0, 'read at 4 min');
    now = 8 * 60_000; // 4 min after the refresh
    assert.ok(cache.account(req).cacheReadInputTokens > 0, 'refreshed by the read');
    now = 13 * 60_000 + 1;
    const expired = cache.account(req);
    assert.equal(expired.cacheReadInputTokens, 0);
    assert.ok(expired.cacheCreationInputTokens > 0, 'written again');
  });

  it("honours ttl '1h'", () => {
    let now = 0;
    const cache = new PromptCacheModel({ now: () => now });
    const req = body({ system: [{ ...text(2000, 's'), cache_control: { type: 'ephemeral', ttl: '1h' } }] });
    cache.account(req);
    now = 30 * 60_000;
    assert.ok(cache.account(req).cacheReadInputTokens > 0);
  });

  it('rejects more than 4 breakpoints like the API', () => {
    const cache = new PromptCacheModel();
    const req = body({ system: [text(10, 'a', true), text(10, 'b', true), text(10, 'c', true), text(10, 'd', true), text(10, 'e', true)] });
    assert.throws(() => cache.account(req), /A maximum of 4 blocks with cache_control may be provided. Found 5/);
  });

  it('treats a top-level cache_control as a breakpoint on the last block', () => {
    const cache = new PromptCacheModel({ now: () => 0 });
    const req: WireRequestBody = { ...body({ messages: [{ role: 'user', content: [text(1200)] }] }), cache_control: CC };
    const first = cache.account(req);
    assert.deepEqual(first.breakpoints, ['messages[0].content[0]']);
    assert.equal(first.cacheCreationInputTokens, first.totalInputTokens);
  });
});
