import assert from 'node:assert/strict';
import { runTool } from '../../../src/core/tools';
import { READ_MAX_BYTES, READ_MAX_LINES } from '../../../src/core/tools/readFile';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { makeContext } from './toolHarness';

describe('read_file', () => {
  let tmp: TempWorkspace;
  const big = Array.from({ length: 3000 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

  beforeEach(async () => {
    tmp = await makeTempWorkspace({
      'src/app.ts': 'const a = 1;\r\nconst b = 2;\r\n',
      'big.txt': big,
      'empty.txt': '',
      'wide.txt': 'x'.repeat(5000) + '\nshort\n',
      'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]),
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
      '.env': 'API_KEY=sk-live-123\n',
      'certs/server.pem': '-----BEGIN PRIVATE KEY-----\n',
      'lib/app.ts': 'other\n',
    });
  });
  afterEach(() => tmp.cleanup());

  it('returns numbered lines, cat -n style', async () => {
    const { ctx } = makeContext(tmp);
    const result = await runTool('read_file', { path: 'src/app.ts' }, ctx);
    assert.equal(result.isError, false);
    assert.equal(result.content, '     1\tconst a = 1;\n     2\tconst b = 2;');
    assert.equal(result.summary, 'Read src/app.ts (2 lines)');
  });

  it('pages large files and says how to read on', async () => {
    const { ctx } = makeContext(tmp);
    const first = await runTool('read_file', { path: 'big.txt' }, ctx);
    const lines = first.content.split('\n');
    assert.equal(lines[0], '     1\tline 1');
    assert.ok(first.content.includes(`  ${READ_MAX_LINES}\tline ${READ_MAX_LINES}\n`));
    assert.ok(!first.content.includes(`\tline ${READ_MAX_LINES + 1}\n`));
    assert.match(first.content, /\[Showing lines 1-2000 of 3000\. Call read_file with start_line 2001 to read on\.\]$/);
    assert.equal(first.summary, 'Read big.txt (lines 1-2000 of 3000)');

    const second = await runTool('read_file', { path: 'big.txt', start_line: 2001 }, ctx);
    assert.match(second.content, /^  2001\tline 2001\n/);
    assert.match(second.content, /  3000\tline 3000$/);
    assert.equal(second.summary, 'Read big.txt (lines 2001-3000 of 3000)');
  });

  it('reads a given range', async () => {
    const { ctx } = makeContext(tmp);
    const result = await runTool('read_file', { path: 'big.txt', start_line: 10, end_line: 12 }, ctx);
    assert.equal(result.content, '    10\tline 10\n    11\tline 11\n    12\tline 12');
    const past = await runTool('read_file', { path: 'big.txt', start_line: 3001 }, ctx);
    assert.equal(past.isError, true);
    assert.match(past.content, /past the end of big\.txt, which has 3000 lines/);
    const backwards = await runTool('read_file', { path: 'big.txt', start_line: 10, end_line: 5 }, ctx);
    assert.equal(backwards.isError, true);
  });

  it('caps the bytes of one read and truncates very long lines', async () => {
    const line = 'y'.repeat(1500);
    await tmp.write('heavy.txt', Array.from({ length: 400 }, () => line).join('\n'));
    const { ctx } = makeContext(tmp);
    const result = await runTool('read_file', { path: 'heavy.txt' }, ctx);
    assert.ok(Buffer.byteLength(result.content) < READ_MAX_BYTES + 200);
    assert.match(result.content, /\[Showing lines 1-\d+ of 400\. Call read_file with start_line \d+ to read on\.\]/);
    const wide = await runTool('read_file', { path: 'wide.txt' }, ctx);
    assert.match(wide.content, /\.\.\. \[line truncated: 5000 characters\]\n     2\tshort/);
  });

  it('says so for an empty file', async () => {
    const result = await runTool('read_file', { path: 'empty.txt' }, makeContext(tmp).ctx);
    assert.equal(result.isError, false);
    assert.equal(result.content, '(empty.txt is empty)');
  });

  it('refuses binaries', async () => {
    const { ctx } = makeContext(tmp);
    const png = await runTool('read_file', { path: 'logo.png' }, ctx);
    assert.equal(png.isError, true);
    assert.match(png.content, /logo\.png is a binary file \(it contains NUL bytes\)/);
    const latin1 = await runTool('read_file', { path: 'latin1.txt' }, ctx);
    assert.equal(latin1.isError, true);
    assert.match(latin1.content, /not valid UTF-8/);
  });

  it('refuses secret files unless allowed', async () => {
    for (const path of ['.env', 'certs/server.pem']) {
      const refused = await runTool('read_file', { path }, makeContext(tmp).ctx);
      assert.equal(refused.isError, true);
      assert.match(refused.content, /looks like a secret file/);
      assert.ok(!refused.content.includes('sk-live'));
    }
    await tmp.link('notes.txt', '.env');
    const viaLink = await runTool('read_file', { path: 'notes.txt' }, makeContext(tmp).ctx);
    assert.equal(viaLink.isError, true);
    const allowed = await runTool('read_file', { path: '.env' }, makeContext(tmp, { allowSecretFiles: true }).ctx);
    assert.equal(allowed.isError, false);
    assert.match(allowed.content, /sk-live-123/);
  });

  it('refuses paths outside the workspace', async () => {
    await tmp.write('../outside/secret.txt', 'outside');
    await tmp.link('out', tmp.outside);
    for (const path of ['../outside/secret.txt', 'out/secret.txt', '/etc/passwd', '.git/config']) {
      const result = await runTool('read_file', { path }, makeContext(tmp).ctx);
      assert.equal(result.isError, true, path);
      assert.match(result.content, /^Path refused/);
    }
  });

  it('shows staged work and hides staged deletes', async () => {
    const { ctx } = makeContext(tmp);
    await runTool('write_file', { path: 'src/new.ts', content: 'export const n = 1;\n' }, ctx);
    const created = await runTool('read_file', { path: 'src/new.ts' }, ctx);
    assert.match(created.content, /^     1\texport const n = 1;\n\[This is your staged version/);
    await ctx.changes.delete('empty.txt');
    const deleted = await runTool('read_file', { path: 'empty.txt' }, ctx);
    assert.equal(deleted.isError, true);
    assert.match(deleted.content, /deleted in your staged changes/);
  });

  it('suggests files with the same name when a path is wrong', async () => {
    const result = await runTool('read_file', { path: 'app.ts' }, makeContext(tmp).ctx);
    assert.equal(result.isError, true);
    assert.equal(result.content, 'app.ts does not exist. Files with that name: lib/app.ts, src/app.ts.');
  });

  it('explains a directory', async () => {
    const result = await runTool('read_file', { path: 'src' }, makeContext(tmp).ctx);
    assert.equal(result.isError, true);
    assert.match(result.content, /src is a directory\. List its files with list_files \{"pattern": "src\/\*\*"\}/);
  });
});
