import assert from 'node:assert/strict';
import { runTool } from '../../../src/core/tools';
import { LIST_MAX_FILES } from '../../../src/core/tools/listFiles';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { ENGINES, makeContext } from './toolHarness';

// Every test runs against both engines, with the same expected answers.
for (const engine of ENGINES) {
  describe(`list_files (${engine})`, () => {
    let tmp: TempWorkspace;

    beforeEach(async () => {
      tmp = await makeTempWorkspace({
        '.gitignore': 'node_modules/\ndist\n*.log\n!keep.log\n',
        'package.json': '{}',
        'src/app.ts': 'a',
        'src/routes/auth.ts': 'a',
        'src/routes/users.ts': 'a',
        'src/generated/.gitignore': '*\n!.gitignore\n!schema.ts\n',
        'src/generated/client.ts': 'generated',
        'src/generated/schema.ts': 'kept',
        'node_modules/express/index.js': 'x',
        'dist/app.js': 'x',
        'debug.log': 'x',
        'keep.log': 'x',
        'docs/README.md': 'x',
        '.git/config': 'x',
        'sub/.GIT/config': 'x',
        '.github/workflows/ci.yml': 'x',
      });
    });
    afterEach(() => tmp.cleanup());

    async function list(input: unknown): Promise<string[]> {
      const result = await runTool('list_files', input, makeContext(tmp, { engine }).ctx);
      assert.equal(result.isError, false, result.content);
      return result.content.split('\n');
    }

    it('lists every file, honouring root and nested .gitignore and never .git/', async () => {
      assert.deepEqual(await list({}), [
        '.github/workflows/ci.yml',
        '.gitignore',
        'docs/README.md',
        'keep.log',
        'package.json',
        'src/app.ts',
        'src/generated/.gitignore',
        'src/generated/schema.ts',
        'src/routes/auth.ts',
        'src/routes/users.ts',
      ]);
    });

    it('matches globs; a pattern without "/" matches names at any depth; a plain path lists a directory', async () => {
      assert.deepEqual(await list({ pattern: 'src/**/*.ts' }), [
        'src/app.ts',
        'src/generated/schema.ts',
        'src/routes/auth.ts',
        'src/routes/users.ts',
      ]);
      assert.deepEqual(await list({ pattern: '*.md' }), ['docs/README.md']);
      assert.deepEqual(await list({ pattern: 'src/routes' }), ['src/routes/auth.ts', 'src/routes/users.ts']);
      assert.deepEqual(await list({ pattern: './src/routes/' }), ['src/routes/auth.ts', 'src/routes/users.ts']);
      assert.deepEqual(await list({ pattern: 'package.json' }), ['package.json']);
      assert.deepEqual(await list({ pattern: 'src/{app,routes/auth}.ts' }), ['src/app.ts', 'src/routes/auth.ts']);
    });

    it('shows staged creates and hides staged deletes', async () => {
      const { ctx } = makeContext(tmp, { engine });
      await ctx.changes.write('src/routes/orders.ts', 'x');
      await ctx.changes.delete('src/routes/users.ts');
      await ctx.changes.edit('src/routes/auth.ts', 'a', 'b', false);
      const result = await runTool('list_files', { pattern: 'src/routes/**' }, ctx);
      assert.equal(result.content, 'src/routes/auth.ts\nsrc/routes/orders.ts (new, staged)');
    });

    it('says when nothing matches', async () => {
      const result = await runTool('list_files', { pattern: '**/*.py' }, makeContext(tmp, { engine }).ctx);
      assert.equal(result.isError, false);
      assert.match(result.content, /^No files matching "\*\*\/\*\.py"\./);
    });

    it('refuses patterns that leave the workspace', async () => {
      for (const pattern of ['../**', '/etc/*', 'C:\\x\\*']) {
        const result = await runTool('list_files', { pattern }, makeContext(tmp, { engine }).ctx);
        assert.equal(result.isError, true, pattern);
        assert.match(result.content, /^Invalid pattern: /);
      }
    });

    it('caps the listing with a note', async () => {
      for (let i = 0; i < LIST_MAX_FILES + 20; i++) await tmp.write(`many/f${String(i).padStart(4, '0')}.txt`, '');
      const lines = await list({ pattern: 'many/**' });
      assert.equal(lines.length, LIST_MAX_FILES + 2);
      assert.equal(lines[LIST_MAX_FILES + 1], `[20 more files not shown (${LIST_MAX_FILES + 20} in all); narrow the pattern, e.g. "src/**".]`);
    });
  });
}
