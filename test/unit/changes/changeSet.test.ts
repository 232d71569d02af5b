import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';

const sha = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

const APP = [
  "import express from 'express';",
  '',
  'const app = express();',
  "app.get('/health', (_req, res) => res.send('ok'));",
  "app.get('/users', (_req, res) => res.send('users'));",
  'app.listen(3000);',
  '',
].join('\n');

describe('ChangeSet', () => {
  let tmp: TempWorkspace;
  let changes: ChangeSet;

  beforeEach(async () => {
    tmp = await makeTempWorkspace({ 'src/app.ts': APP, 'README.md': '# Demo\n' });
    changes = new ChangeSet(tmp.workspace);
  });
  afterEach(() => tmp.cleanup());

  describe('staging', () => {
    it('stages a new file without touching the disk and reads it back through the overlay', async () => {
      const result = await changes.write('src/routes/auth.ts', 'export const auth = 1;\n', 'todo-1');
      assert.ok(result.ok);
      assert.equal(await tmp.bytes('src/routes/auth.ts'), undefined);
      assert.equal(await changes.read('src/routes/auth.ts'), 'export const auth = 1;\n');
      assert.deepEqual(changes.entries(), [
        { path: 'src/routes/auth.ts', kind: 'create', baseHash: null, content: 'export const auth = 1;\n', todoIds: ['todo-1'] },
      ]);
      assert.equal(changes.size, 1);
    });

    it('records an edit against the hash and text of the disk content', async () => {
      const result = await changes.edit('src/app.ts', 'app.listen(3000);', 'app.listen(Number(process.env.PORT));', false, 't1');
      assert.ok(result.ok);
      assert.equal(result.replacements, 1);
      const [entry] = changes.entries();
      assert.equal(entry?.kind, 'edit');
      assert.equal(entry?.baseHash, sha(APP));
      assert.equal(entry?.baseContent, APP);
      assert.equal(entry?.content, APP.replace('app.listen(3000);', 'app.listen(Number(process.env.PORT));'));
      assert.equal((await tmp.bytes('src/app.ts'))?.toString(), APP);
    });

    it('builds later edits on the staged content and lists each task once, in order', async () => {
      assert.ok((await changes.edit('src/app.ts', "'ok'", "'healthy'", false, 't1')).ok);
      assert.ok((await changes.edit('src/app.ts', "'users'", "'all users'", false, 't2')).ok);
      assert.ok((await changes.edit('src/app.ts', '3000', '8080', false, 't1')).ok);
      const entry = changes.get('src/app.ts');
      assert.deepEqual(entry?.todoIds, ['t1', 't2']);
      assert.equal(entry?.baseContent, APP);
      assert.match(entry?.content ?? '', /'healthy'[\s\S]*'all users'[\s\S]*8080/);
    });

    it('normalises paths so one file has one entry', async () => {
      assert.ok((await changes.write('./src//x.ts', 'a')).ok);
      assert.ok((await changes.write('src/lib/../x.ts', 'b')).ok);
      assert.deepEqual(changes.entries().map((e) => [e.path, e.content]), [['src/x.ts', 'b']]);
    });

    it('drops the entry when the content goes back to the disk version', async () => {
      assert.ok((await changes.edit('README.md', '# Demo', '# Changed', false)).ok);
      const back = await changes.edit('README.md', '# Changed', '# Demo', false);
      assert.ok(back.ok);
      assert.equal(back.entry, undefined);
      assert.equal(changes.size, 0);
    });

    it('stages deletes; a created-then-deleted file leaves nothing', async () => {
      assert.ok((await changes.delete('README.md', 't3')).ok);
      assert.equal(await changes.read('README.md'), undefined);
      assert.deepEqual((await changes.readFile('README.md')).kind, 'missing');
      assert.equal(changes.get('README.md')?.kind, 'delete');
      assert.equal(changes.get('README.md')?.baseContent, '# Demo\n');
      assert.ok((await changes.write('tmp.txt', 'x')).ok);
      assert.ok((await changes.delete('tmp.txt')).ok);
      assert.equal(changes.get('tmp.txt'), undefined);
      const missing = await changes.delete('nope.txt');
      assert.ok(!missing.ok && /does not exist/.test(missing.error));
    });

    it('a write after a staged delete is an edit of the original', async () => {
      assert.ok((await changes.delete('README.md')).ok);
      assert.ok((await changes.write('README.md', '# New\n')).ok);
      assert.equal(changes.get('README.md')?.kind, 'edit');
      assert.equal(changes.get('README.md')?.baseContent, '# Demo\n');
    });

    it('refuses paths the guard refuses, staging nothing', async () => {
      for (const bad of ['../evil.ts', '.git/config', '/etc/passwd']) {
        const result = await changes.write(bad, 'x');
        assert.ok(!result.ok && result.error.startsWith('Path refused'));
      }
      assert.equal(changes.size, 0);
    });

    it('refuses to stage over a directory', async () => {
      const result = await changes.write('src', 'x');
      assert.ok(!result.ok && /directory/.test(result.error));
    });

    it('stages through a symlink under the real file', async () => {
      await tmp.link('lib', 'src');
      assert.ok((await changes.edit('lib/app.ts', '3000', '4000', false)).ok);
      assert.deepEqual(changes.entries().map((e) => e.path), ['src/app.ts']);
      assert.match((await changes.read('src/app.ts')) ?? '', /4000/);
    });

    it('notifies listeners on change', async () => {
      let calls = 0;
      const off = changes.onDidChange(() => calls++);
      await changes.write('a.txt', 'a');
      changes.clear();
      off();
      await changes.write('b.txt', 'b');
      assert.equal(calls, 2);
    });
  });

  describe('failed edits change nothing', () => {
    async function assertUntouched(path: string, before: Buffer | undefined, overlayBefore: string | undefined) {
      assert.deepEqual(await tmp.bytes(path), before, 'disk bytes changed');
      assert.equal(await changes.read(path), overlayBefore, 'overlay changed');
    }

    it('missing old_string: precise error, disk and overlay byte-identical', async () => {
      const before = await tmp.bytes('src/app.ts');
      const result = await changes.edit('src/app.ts', 'app.listen(4000);', 'x', false);
      assert.ok(!result.ok);
      assert.match(result.error, /old_string was not found in src\/app\.ts, so nothing was changed/);
      assert.equal(changes.size, 0);
      await assertUntouched('src/app.ts', before, APP);
    });

    it('ambiguous old_string: count, lines, and how to fix; nothing staged', async () => {
      const before = await tmp.bytes('src/app.ts');
      const result = await changes.edit('src/app.ts', 'app.get(', 'router.get(', false);
      assert.ok(!result.ok);
      assert.match(result.error, /occurs 2 times in src\/app\.ts \(lines 4, 5\)/);
      assert.match(result.error, /Include more surrounding lines .* or set replace_all/);
      await assertUntouched('src/app.ts', before, APP);
    });

    it('a failed edit on a staged file keeps the staged content', async () => {
      assert.ok((await changes.edit('src/app.ts', '3000', '8080', false)).ok);
      const staged = await changes.read('src/app.ts');
      const result = await changes.edit('src/app.ts', '3000', '9090', false);
      assert.ok(!result.ok);
      await assertUntouched('src/app.ts', Buffer.from(APP), staged);
    });

    it('replace_all replaces every occurrence', async () => {
      const result = await changes.edit('src/app.ts', 'app.get(', 'router.get(', true);
      assert.ok(result.ok);
      assert.equal(result.replacements, 2);
      assert.equal((await changes.read('src/app.ts'))?.split('router.get(').length, 3);
    });

    it('points at a whitespace-insensitive match', async () => {
      const result = await changes.edit('src/app.ts', "app.get('/users',  (_req, res)\n=> res.send('users'));", 'x', false);
      assert.ok(!result.ok);
      assert.match(result.error, /whitespace is ignored is at line 5/);
    });

    it('notices line-number prefixes copied from read_file', async () => {
      const result = await changes.edit('src/app.ts', '     6\tapp.listen(3000);', 'x', false);
      assert.ok(!result.ok);
      assert.match(result.error, /line-number prefixes/);
    });

    it('refuses identical strings, empty old_string on a non-empty file, and a missing file', async () => {
      const same = await changes.edit('src/app.ts', '3000', '3000', false);
      assert.ok(!same.ok && /identical/.test(same.error));
      const empty = await changes.edit('src/app.ts', '', 'x', false);
      assert.ok(!empty.ok && /cannot be empty/.test(empty.error));
      const missing = await changes.edit('src/none.ts', 'a', 'b', false);
      assert.ok(!missing.ok && /does not exist/.test(missing.error));
      assert.equal(changes.size, 0);
    });

    it('empty old_string creates a new file', async () => {
      const result = await changes.edit('src/new.ts', '', 'export {};\n', false);
      assert.ok(result.ok);
      assert.equal(changes.get('src/new.ts')?.kind, 'create');
    });

    it('refuses to edit a binary file but lets write_file replace it', async () => {
      await tmp.write('logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
      const edit = await changes.edit('logo.png', 'PNG', 'JPG', false);
      assert.ok(!edit.ok && /binary/.test(edit.error));
      assert.equal((await changes.readFile('logo.png')).kind, 'binary');
      assert.ok((await changes.write('logo.png', 'now text')).ok);
      const entry = changes.get('logo.png');
      assert.equal(entry?.kind, 'edit');
      assert.equal(entry?.baseContent, undefined);
      assert.match(changes.unifiedDiff(), /Binary files a\/logo\.png and b\/logo\.png differ/);
    });

    it('keeps CRLF line endings when the model sends LF', async () => {
      await tmp.write('win.txt', 'one\r\ntwo\r\nthree\r\n');
      const result = await changes.edit('win.txt', 'one\ntwo', 'uno\ndos', false);
      assert.ok(result.ok);
      assert.match(result.note ?? '', /CRLF/);
      assert.equal(await changes.read('win.txt'), 'uno\r\ndos\r\nthree\r\n');
    });

    it('does not interpret $ patterns in new_string', async () => {
      assert.ok((await changes.edit('README.md', 'Demo', "$& $1 $$ $'", false)).ok);
      assert.equal(await changes.read('README.md'), "# $& $1 $$ $'\n");
    });
  });

  describe('stale detection and applying', () => {
    it('reports files changed, created or deleted on disk since staging', async () => {
      assert.ok((await changes.edit('src/app.ts', '3000', '8080', false)).ok);
      assert.ok((await changes.write('new.ts', 'x')).ok);
      assert.ok((await changes.delete('README.md')).ok);
      assert.ok((await changes.write('kept.ts', 'k')).ok);
      assert.deepEqual(await changes.staleEntries(), []);
      await tmp.write('src/app.ts', APP + '// edited by the user\n');
      await tmp.write('new.ts', 'created meanwhile');
      await import('node:fs/promises').then((fs) => fs.rm(`${tmp.root}/README.md`));
      assert.deepEqual((await changes.staleEntries()).sort(), ['README.md', 'new.ts', 'src/app.ts']);
    });

    it('applies fresh changes, never writes a stale file, and drops what it applied', async () => {
      assert.ok((await changes.edit('src/app.ts', '3000', '8080', false)).ok);
      assert.ok((await changes.write('src/new/deep.ts', 'deep\n')).ok);
      assert.ok((await changes.delete('README.md')).ok);
      await tmp.write('src/app.ts', 'user rewrote it\n');
      const result = await changes.applyToDisk();
      assert.deepEqual(result.applied.sort(), ['README.md', 'src/new/deep.ts']);
      assert.deepEqual(result.stale, ['src/app.ts']);
      assert.deepEqual(result.failed, []);
      assert.equal((await tmp.bytes('src/app.ts'))?.toString(), 'user rewrote it\n');
      assert.equal((await tmp.bytes('src/new/deep.ts'))?.toString(), 'deep\n');
      assert.equal(await tmp.bytes('README.md'), undefined);
      assert.deepEqual(changes.entries().map((e) => e.path), ['src/app.ts']);
    });

    it('applies only the paths asked for', async () => {
      assert.ok((await changes.write('a.txt', 'a')).ok);
      assert.ok((await changes.write('b.txt', 'b')).ok);
      const result = await changes.applyToDisk(['b.txt', 'c.txt']);
      assert.deepEqual(result.applied, ['b.txt']);
      assert.deepEqual(result.failed, [{ path: 'c.txt', reason: 'no change is staged for this path' }]);
      assert.equal(await tmp.bytes('a.txt'), undefined);
    });

    it('refuses to apply through a symlink that appeared after staging', async () => {
      assert.ok((await changes.write('out/x.txt', 'x')).ok);
      await tmp.link('out', tmp.outside);
      const result = await changes.applyToDisk();
      assert.deepEqual(result.applied, []);
      assert.equal(result.failed[0]?.path, 'out/x.txt');
      assert.equal(await tmp.bytes('../outside/x.txt'), undefined);
    });
  });

  describe('persistence', () => {
    it('round-trips through JSON', async () => {
      assert.ok((await changes.edit('src/app.ts', '3000', '8080', false, 't1')).ok);
      assert.ok((await changes.write('src/new.ts', 'n\n', 't2')).ok);
      assert.ok((await changes.delete('README.md', 't2')).ok);
      const json: unknown = JSON.parse(JSON.stringify(changes));
      const restored = ChangeSet.fromJSON(tmp.workspace, json);
      assert.deepEqual(restored.entries(), changes.entries());
      assert.deepEqual(restored.restoreProblems, []);
      assert.equal(restored.unifiedDiff(), changes.unifiedDiff());
      assert.equal(await restored.read('src/app.ts'), await changes.read('src/app.ts'));
    });

    it('skips bad entries with reasons and refuses what is not a change set', async () => {
      assert.ok((await changes.write('good.ts', 'g')).ok);
      const good = changes.toJSON().entries[0];
      const json = {
        version: 1,
        entries: [
          good,
          { ...good },
          { ...good, path: '../evil.ts' },
          { ...good, path: './good2.ts' },
          { ...good, path: 'x.ts', kind: 'rename' },
          { ...good, path: 'y.ts', kind: 'edit', baseHash: 'nothex' },
          { ...good, path: 'z.ts', kind: 'delete', baseHash: sha('z'), content: 'still here' },
          { path: 'w.ts', kind: 'edit', baseHash: sha('w'), baseContent: 'not w', content: 'v', todoIds: [] },
          { ...good, path: 't.ts', todoIds: [1] },
          'nonsense',
        ],
      };
      const restored = ChangeSet.fromJSON(tmp.workspace, json);
      assert.deepEqual(restored.entries().map((e) => e.path), ['good.ts']);
      assert.equal(restored.restoreProblems.length, 9);
      assert.match(restored.restoreProblems.join('\n'), /second change for good\.ts/);
      assert.match(restored.restoreProblems.join('\n'), /baseContent does not match baseHash \(w\.ts\)/);
      assert.throws(() => ChangeSet.fromJSON(tmp.workspace, { version: 2, entries: [] }), /Unsupported change set version/);
      assert.throws(() => ChangeSet.fromJSON(tmp.workspace, null), /Not a change set/);
      assert.throws(() => ChangeSet.fromJSON(tmp.workspace, { version: 1 }), /"entries" must be an array/);
    });
  });

  describe('unified diff', () => {
    it('writes a git-style diff', async () => {
      assert.ok((await changes.edit('src/app.ts', 'app.listen(3000);', 'app.listen(8080);', false)).ok);
      assert.ok((await changes.write('src/new.ts', 'a\nb\n')).ok);
      assert.ok((await changes.delete('README.md')).ok);
      assert.equal(
        changes.unifiedDiff(),
        [
          'diff --git a/README.md b/README.md',
          'deleted file mode 100644',
          '--- a/README.md',
          '+++ /dev/null',
          '@@ -1,1 +0,0 @@',
          '-# Demo',
          'diff --git a/src/app.ts b/src/app.ts',
          '--- a/src/app.ts',
          '+++ b/src/app.ts',
          '@@ -3,4 +3,4 @@',
          ' const app = express();',
          " app.get('/health', (_req, res) => res.send('ok'));",
          " app.get('/users', (_req, res) => res.send('users'));",
          '-app.listen(3000);',
          '+app.listen(8080);',
          'diff --git a/src/new.ts b/src/new.ts',
          'new file mode 100644',
          '--- /dev/null',
          '+++ b/src/new.ts',
          '@@ -0,0 +1,2 @@',
          '+a',
          '+b',
          '',
        ].join('\n'),
      );
    });

    it('is accepted by git apply', async function () {
      try {
        execFileSync('git', ['--version'], { stdio: 'ignore' });
      } catch {
        this.skip();
      }
      assert.ok((await changes.edit('src/app.ts', "'ok'", "'healthy'", false)).ok);
      assert.ok((await changes.write('src/routes/users.ts', 'export const users = [];')).ok);
      assert.ok((await changes.delete('README.md')).ok);
      execFileSync('git', ['init', '-q'], { cwd: tmp.root });
      execFileSync('git', ['apply'], { cwd: tmp.root, input: changes.unifiedDiff() });
      assert.match((await tmp.bytes('src/app.ts'))?.toString() ?? '', /'healthy'/);
      assert.equal((await tmp.bytes('src/routes/users.ts'))?.toString(), 'export const users = [];');
      assert.equal(await tmp.bytes('README.md'), undefined);
    });

    it('is empty with nothing staged', () => {
      assert.equal(changes.unifiedDiff(), '');
    });
  });
});
