// read_file's "did you mean" hints on a missing path come from the search engine: the same answer from both.
import assert from 'node:assert/strict';
import { runTool } from '../../../src/core/tools';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { ENGINES, makeContext } from './toolHarness';

for (const engine of ENGINES) {
  describe(`read_file suggestions (${engine})`, () => {
    let tmp: TempWorkspace;
    beforeEach(async () => {
      tmp = await makeTempWorkspace({
        '.gitignore': 'dist/\n',
        'src/App.ts': 'a\n',
        'lib/app.ts': 'b\n',
        'dist/app.ts': 'ignored\n',
        'old/app.ts': 'deleted in staging\n',
      });
    });
    afterEach(() => tmp.cleanup());

    it('names visible files of that name in any case, staged creates included, ignored and staged-deleted ones not', async () => {
      const { ctx } = makeContext(tmp, { engine });
      await ctx.changes.write('new/app.ts', 'c\n');
      await ctx.changes.delete('old/app.ts');
      const result = await runTool('read_file', { path: 'app.ts' }, ctx);
      assert.equal(result.isError, true);
      assert.equal(result.content, 'app.ts does not exist. Files with that name: lib/app.ts, new/app.ts, src/App.ts.');
    });
  });
}
