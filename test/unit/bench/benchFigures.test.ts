// The benchmark's arithmetic: statistics, targets, the naive-agent replay, per-call spans and the 500-call plan.
// No timings are asserted here; only how figures are computed from given inputs.
import * as assert from 'node:assert/strict';
import { planForToolCalls } from '../../../bench/loopOverheadChild';
import { naiveInputUsage, stripCacheControl, totalInput } from '../../../bench/naiveUsage';
import { formatValue, meetsTarget, renderTable, type BenchReport } from '../../../bench/report';
import { median, percentile, summarize } from '../../../bench/stats';
import { perToolCallMs, type TimedSend } from '../../../bench/timedModelClient';
import type { WireRequestBody } from '../../fakes/messagesWire';
import { countTokens } from '../../fakes/tokenRule';

const long = (label: string): string => `${label} `.repeat(1500);

describe('bench figures', () => {
  it('takes medians and nearest-rank percentiles', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    assert.equal(percentile(hundred, 95), 95);
    assert.equal(percentile(hundred, 100), 100);
    assert.equal(percentile([7], 95), 7);
    assert.deepEqual(summarize([2, 4, 6]), { n: 3, median: 4, p95: 6, min: 2, max: 6, mean: 4 });
  });

  it('checks targets and formats units', () => {
    assert.equal(meetsTarget({ metric: 'm', value: 1.9, unit: 'ms', target: { op: '<', value: 2 } }), true);
    assert.equal(meetsTarget({ metric: 'm', value: 2, unit: 'ms', target: { op: '<', value: 2 } }), false);
    assert.equal(meetsTarget({ metric: 'm', value: 90, unit: 'percent', target: { op: '>=', value: 90 } }), true);
    assert.equal(meetsTarget({ metric: 'm', value: Number.NaN, unit: 'ms', target: { op: '<', value: 2 } }), undefined);
    assert.equal(meetsTarget({ metric: 'm', value: 3, unit: 'ms' }), undefined);
    assert.equal(formatValue(1536, 'bytes'), '1.5 KB');
    assert.equal(formatValue(3 * 1024 * 1024, 'bytes'), '3.00 MB');
    assert.equal(formatValue(1234567, 'tokens'), '1,234,567');
    assert.equal(formatValue(Number.NaN, 'ms'), 'n/a');
  });

  it('renders missed targets and sections that failed', () => {
    const report: BenchReport = {
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1000,
      machine: { node: 'v20', platform: 'linux', cpus: 2, cpuModel: 'cpu', memoryGb: 4, loadAverage: [0.5, 0.4, 0.3] },
      sections: [
        { title: '1. Fast', method: 'timed', rows: [{ metric: 'per call', value: 3, unit: 'ms', target: { op: '<', value: 2 } }] },
        { title: '2. Broken', method: 'did not run', rows: [], error: 'no host' },
      ],
    };
    const table = renderTable(report);
    assert.match(table, /per call\s+3\.00 ms\s+< 2\.00 ms\s+MISSED/);
    assert.match(table, /2\. Broken {2}\(FAILED TO RUN\)/);
    assert.match(table, /ERROR: no host/);
  });

  it('replays a transcript without breakpoints: nothing written or read, every token billed as input', () => {
    const ephemeral = { type: 'ephemeral' as const };
    const first: WireRequestBody = {
      model: 'claude-sonnet-5-5',
      max_tokens: 100,
      system: [{ type: 'text', text: long('system'), cache_control: ephemeral }],
      messages: [{ role: 'user', content: [{ type: 'text', text: long('hello'), cache_control: ephemeral }] }],
    };
    const second: WireRequestBody = {
      ...first,
      messages: [...first.messages, { role: 'assistant', content: [{ type: 'text', text: 'ok' }] }, { role: 'user', content: [{ type: 'text', text: 'more', cache_control: ephemeral }] }],
    };
    assert.equal(JSON.stringify(stripCacheControl(second)).includes('cache_control'), false);
    const naive = naiveInputUsage([first, second]);
    assert.equal(naive.cacheCreationInputTokens, 0);
    assert.equal(naive.cacheReadInputTokens, 0);
    const blocks = (b: WireRequestBody): number =>
      countTokens((b.system as Record<string, unknown>[])[0]) +
      b.messages.reduce((sum, m) => sum + (m.content as Record<string, unknown>[]).reduce((s, block) => s + countTokens(block), 0), 0);
    assert.equal(totalInput(naive), blocks(first) + blocks(second));
  });

  it('counts the extension-side span per tool call: response to next request, plus the mapping', () => {
    const send = (calledAt: number, resolvedAt: number, mappingMs: number, toolCalls: number): TimedSend => ({
      calledAt,
      resolvedAt,
      mappingMs,
      toolCalls,
      cpuAtCall: 0,
      cpuAtResolve: 0,
      mappingCpu: 0,
    });
    // Response 1 (one call) at 10, next request at 12 with 0.5 ms mapping; response 2 (two calls) at 20, next at 24.
    const spans = perToolCallMs([send(0, 10, 0.1, 1), send(12, 20, 0.5, 2), send(24, 30, 1, 0)]);
    assert.deepEqual(spans, [2.5, 2.5, 2.5]);
  });

  it('plans a scripted run of exactly 500 tool calls, and refuses a count it cannot script', () => {
    const plan = planForToolCalls(500);
    const calls = plan.todos.reduce((sum, t) => sum + 1 + 2 * (t.files?.length ?? 0), 0) + 1;
    assert.equal(calls, 500);
    assert.equal(new Set(plan.todos.flatMap((t) => t.files ?? [])).size, 225);
    assert.throws(() => planForToolCalls(501), /cannot script exactly 501/);
  });
});
