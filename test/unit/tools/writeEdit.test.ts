import assert from 'node:assert/strict';
import { runTool } from '../../../src/core/tools';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { makeContext } from './toolHarness';

const ROUTES = "router.get('/a', handler);\nrouter.get('/b', handler);\nexport default router;\n";

describe('write_file and edit_file', () => {
  let tmp: TempWorkspace;

  beforeEach(async () => {
    tmp = await makeTempWorkspace({ 'src/routes.ts': ROUTES, '.env': 'KEY=1\n' });
  });
  afterEach(() => tmp.cleanup());

  it('write_file stages a new file for the in-progress todo, disk untouched', async () => {
    const { ctx } = makeContext(tmp, { todoId: 'task-2' });
    const result = await runTool('write_file', { path: 'src/auth.ts', content: 'export const a = 1;\nexport const b = 2;\n' }, ctx);
    assert.equal(result.isError, false);
    assert.equal(result.content, 'Staged new file src/auth.ts (2 lines). The change is staged for review; the file on disk is unchanged.');
    assert.equal(result.summary, 'Wrote src/auth.ts (create, 2 lines)');
    assert.deepEqual(result.staged, { path: 'src/auth.ts', kind: 'create', todoId: 'task-2' });
    assert.equal(await tmp.bytes('src/auth.ts'), undefined);
    assert.deepEqual(ctx.changes.get('src/auth.ts')?.todoIds, ['task-2']);
  });

  it('write_file replaces an existing file as an edit', async () => {
    const { ctx } = makeContext(tmp);
    const result = await runTool('write_file', { path: 'src/routes.ts', content: 'export {};\n' }, ctx);
    assert.deepEqual(result.staged, { path: 'src/routes.ts', kind: 'edit' });
    assert.equal((await tmp.bytes('src/routes.ts'))?.toString(), ROUTES);
  });

  it('write_file refuses bad paths', async () => {
    const { ctx } = makeContext(tmp);
    for (const path of ['../x.ts', '.git/hooks/pre-commit', 'C:\\x.ts']) {
      const result = await runTool('write_file', { path, content: 'x' }, ctx);
      assert.equal(result.isError, true);
      assert.match(result.content, /^Path refused/);
    }
    assert.equal(ctx.changes.size, 0);
  });

  it('edit_file stages an exact replacement', async () => {
    const { ctx } = makeContext(tmp, { todoId: 't1' });
    const result = await runTool(
      'edit_file',
      { path: 'src/routes.ts', old_string: "router.get('/b', handler);", new_string: "router.get('/b', requireAuth, handler);" },
      ctx,
    );
    assert.equal(result.isError, false);
    assert.equal(result.content, 'Replaced 1 occurrence in src/routes.ts. The change is staged for review; the file on disk is unchanged.');
    assert.deepEqual(result.staged, { path: 'src/routes.ts', kind: 'edit', todoId: 't1' });
    assert.match((await ctx.changes.read('src/routes.ts')) ?? '', /requireAuth, handler/);
    assert.equal((await tmp.bytes('src/routes.ts'))?.toString(), ROUTES);
  });

  it('edit_file with a missing or ambiguous old_string leaves the file byte-identical on disk and in the overlay', async () => {
    const { ctx } = makeContext(tmp);
    const before = await tmp.bytes('src/routes.ts');
    const ambiguous = await runTool('edit_file', { path: 'src/routes.ts', old_string: 'handler', new_string: 'h' }, ctx);
    assert.equal(ambiguous.isError, true);
    assert.match(ambiguous.content, /old_string occurs 2 times in src\/routes\.ts \(lines 1, 2\)/);
    const missing = await runTool('edit_file', { path: 'src/routes.ts', old_string: "router.get('/c'", new_string: 'x' }, ctx);
    assert.equal(missing.isError, true);
    assert.match(missing.content, /old_string was not found in src\/routes\.ts/);
    assert.equal(ambiguous.staged, undefined);
    assert.deepEqual(await tmp.bytes('src/routes.ts'), before);
    assert.equal(await ctx.changes.read('src/routes.ts'), ROUTES);
    assert.equal(ctx.changes.size, 0);
    const all = await runTool('edit_file', { path: 'src/routes.ts', old_string: 'handler', new_string: 'h', replace_all: true }, ctx);
    assert.equal(all.content, 'Replaced 2 occurrences in src/routes.ts. The change is staged for review; the file on disk is unchanged.');
  });

  it('edit_file refuses secret files unless allowed; write_file may create them', async () => {
    const refused = await runTool('edit_file', { path: '.env', old_string: 'KEY=1', new_string: 'KEY=2' }, makeContext(tmp).ctx);
    assert.equal(refused.isError, true);
    assert.match(refused.content, /looks like a secret file/);
    const allowed = await runTool('edit_file', { path: '.env', old_string: 'KEY=1', new_string: 'KEY=2' }, makeContext(tmp, { allowSecretFiles: true }).ctx);
    assert.equal(allowed.isError, false);
    const created = await runTool('write_file', { path: 'config/.env.local', content: 'PORT=3000\n' }, makeContext(tmp).ctx);
    assert.equal(created.isError, false);
  });

  it('an edit that restores the original unstages the file', async () => {
    const { ctx } = makeContext(tmp);
    await runTool('edit_file', { path: 'src/routes.ts', old_string: "'/a'", new_string: "'/z'" }, ctx);
    const back = await runTool('edit_file', { path: 'src/routes.ts', old_string: "'/z'", new_string: "'/a'" }, ctx);
    assert.equal(back.isError, false);
    assert.equal(back.staged, undefined);
    assert.match(back.content, /now matches the file on disk/);
    assert.equal(ctx.changes.size, 0);
  });
});

describe('todo_write', () => {
  let tmp: TempWorkspace;
  beforeEach(async () => {
    tmp = await makeTempWorkspace();
  });
  afterEach(() => tmp.cleanup());

  it('hands the whole list to the run and returns its text', async () => {
    const { ctx, todoCalls } = makeContext(tmp);
    const todos = [
      { content: 'Create auth middleware', status: 'completed', activeForm: 'Creating auth middleware' },
      { content: 'Add login route', status: 'in_progress', activeForm: 'Adding login route' },
      { content: 'Write tests', status: 'pending', activeForm: 'Writing tests' },
    ];
    const result = await runTool('todo_write', { todos }, ctx);
    assert.equal(result.isError, false);
    assert.equal(result.content, 'Plan updated: 3 tasks.');
    assert.equal(result.summary, 'Updated 3 tasks (1 completed, 1 in progress)');
    assert.deepEqual(todoCalls, [todos]);
  });

  it('refuses more than one task in progress', async () => {
    const { ctx, todoCalls } = makeContext(tmp);
    const result = await runTool(
      'todo_write',
      {
        todos: [
          { content: 'A', status: 'in_progress', activeForm: 'Doing A' },
          { content: 'B', status: 'in_progress', activeForm: 'Doing B' },
        ],
      },
      ctx,
    );
    assert.equal(result.isError, true);
    assert.match(result.content, /2 tasks are in_progress \("A", "B"\); keep exactly one/);
    assert.equal(todoCalls.length, 0);
  });
});
