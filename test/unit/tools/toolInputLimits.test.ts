// Tool inputs are bounded before anything walks them: depth, number of values, characters.
import * as assert from 'node:assert/strict';
import { runTool } from '../../../src/core/tools';
import { toolInputProblem } from '../../../src/core/tools/toolInputLimits';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { makeContext } from './toolHarness';

/** `[[[...]]]` nested `depth` levels, built without recursion (as JSON.parse would hand it over). */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('tool input limits', () => {
  let tmp: TempWorkspace;
  beforeEach(async () => {
    tmp = await makeTempWorkspace({ 'src/app.ts': 'const a = 1;\n' });
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  it('refuses an input nested 50,000 levels deep, as a value or as JSON text, without overflowing', async () => {
    const { ctx } = makeContext(tmp);
    for (const input of [{ path: nested(50_000) }, `{"path":${'['.repeat(50_000)}${']'.repeat(50_000)}}`]) {
      const result = await runTool('write_file', input, ctx);
      assert.equal(result.isError, true);
      assert.match(result.content, /^Invalid input for write_file: it is nested more than 32 levels deep, so the call was not run\./);
      assert.equal(result.summary, 'write_file: input too deep or too large');
    }
    assert.equal(ctx.changes.size, 0);
  });

  it('refuses too many values and too much text, and lets the largest file write_file takes through', async () => {
    const { ctx } = makeContext(tmp);
    const many = await runTool('search', { query: 'x', glob: Array.from({ length: 100_001 }, () => 0) }, ctx);
    assert.match(many.content, /it has more than 100000 values/);
    const huge = await runTool('write_file', { path: 'big.ts', content: 'x'.repeat(16 * 1024 * 1024 + 1) }, ctx);
    assert.match(huge.content, /its text is longer than 16777216 characters/);
    const hugeKeys = await runTool('write_file', { path: 'big.ts', content: '', ['k'.repeat(16 * 1024 * 1024 + 1)]: 1 }, ctx);
    assert.match(hugeKeys.content, /its text is longer than/);
    const hugeText = await runTool('write_file', `{"path":"big.ts","content":"${'x'.repeat(16 * 1024 * 1024 + 1)}"}`, ctx);
    assert.match(hugeText.content, /its text is longer than/);
    assert.equal(ctx.changes.size, 0);

    const large = await runTool('write_file', { path: 'large.ts', content: 'y'.repeat(1_000_000) }, ctx);
    assert.equal(large.isError, false, large.content);
  });

  it('accepts every shape the tools take', () => {
    const todos = Array.from({ length: 200 }, (_, i) => ({ content: `Task ${i}`, status: 'pending', activeForm: `Doing ${i}` }));
    assert.equal(toolInputProblem({ todos }), undefined);
    assert.equal(toolInputProblem(nested(32)), undefined);
    assert.equal(toolInputProblem(nested(33)), 'it is nested more than 32 levels deep');
  });
});
