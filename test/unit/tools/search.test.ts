import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { runTool } from '../../../src/core/tools';
import { SEARCH_MAX_MATCHES } from '../../../src/core/tools/search';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { ENGINES, makeContext } from './toolHarness';

// Every test runs against both engines, with the same expected answers.
for (const engine of ENGINES) {
  describe(`search (${engine})`, () => {
    let tmp: TempWorkspace;

    beforeEach(async () => {
      tmp = await makeTempWorkspace({
        '.gitignore': 'dist/\n',
        'src/app.ts': "import { requireAuth } from './auth';\napp.use(requireAuth);\n",
        'src/auth.ts': 'export function requireAuth() {}\r\n',
        'README.md': 'Call requireAuth on every route.\n',
        'dist/app.js': 'requireAuth',
        'blob.bin': new Uint8Array([0x72, 0x65, 0x71, 0x00, 0x72, 0x65, 0x71, 0x75, 0x69, 0x72, 0x65, 0x41, 0x75, 0x74, 0x68]),
        '.env': 'requireAuth_SECRET=hunter2\n',
      });
    });
    afterEach(() => tmp.cleanup());

    it('finds text as path:line: text, skipping ignored, binary and secret files', async () => {
      const result = await runTool('search', { query: 'requireAuth' }, makeContext(tmp, { engine }).ctx);
      assert.equal(result.isError, false);
      assert.equal(
        result.content,
        [
          'README.md:1: Call requireAuth on every route.',
          "src/app.ts:1: import { requireAuth } from './auth';",
          'src/app.ts:2: app.use(requireAuth);',
          'src/auth.ts:1: export function requireAuth() {}',
        ].join('\n'),
      );
      assert.equal(result.summary, 'Found 4 matches in 3 files for "requireAuth"');
    });

    it('searches secret files only when allowed', async () => {
      const result = await runTool('search', { query: 'hunter2' }, makeContext(tmp, { engine, allowSecretFiles: true }).ctx);
      assert.equal(result.content, '.env:1: requireAuth_SECRET=hunter2');
      const refused = await runTool('search', { query: 'hunter2' }, makeContext(tmp, { engine }).ctx);
      assert.match(refused.content, /^No matches/);
    });

    it('supports regexes, (?i), and globs', async () => {
      const { ctx } = makeContext(tmp, { engine });
      const regex = await runTool('search', { query: '^export function \\w+', regex: true }, ctx);
      assert.equal(regex.content, 'src/auth.ts:1: export function requireAuth() {}');
      const insensitive = await runTool('search', { query: '(?i)CALL REQUIREAUTH', regex: true }, ctx);
      assert.equal(insensitive.content, 'README.md:1: Call requireAuth on every route.');
      const globbed = await runTool('search', { query: 'requireAuth', glob: 'src/**/*.ts' }, ctx);
      assert.equal(globbed.content.split('\n').length, 3);
      const byName = await runTool('search', { query: 'requireAuth', glob: '*.md' }, ctx);
      assert.equal(byName.content, 'README.md:1: Call requireAuth on every route.');
    });

    it('treats the query literally unless regex is set', async () => {
      const result = await runTool('search', { query: 'app.use(' }, makeContext(tmp, { engine }).ctx);
      assert.equal(result.content, 'src/app.ts:2: app.use(requireAuth);');
    });

    it('returns the regex error for an invalid regex, naming the syntax it expects', async () => {
      const { ctx } = makeContext(tmp, { engine });
      const unclosed = await runTool('search', { query: 'app.use(', regex: true }, ctx);
      assert.equal(unclosed.isError, true);
      assert.match(unclosed.content, /^Invalid regular expression \(RE2 syntax, as ripgrep: no look-around or back-references\): .*missing closing \)/);
      assert.match(unclosed.content, /set regex to false to search for the text as is\.$/);
      const lookBehind = await runTool('search', { query: '(?<=app\\.)use', regex: true }, ctx);
      assert.equal(lookBehind.isError, true);
      assert.match(lookBehind.content, /^Invalid regular expression \(RE2 syntax/);
    });

    it('a backtracking-prone pattern on a long line still finishes, and long lines are searched to their end', async () => {
      const minified = `${'a'.repeat(20_000)}!`;
      await tmp.write('dist-like/min.js', `${minified}\nvar x=1;${'y'.repeat(9_000)}needle\n`);
      const { ctx } = makeContext(tmp, { engine });
      // JavaScript's RegExp needs exponential time for this on the first line (a hang of the extension host).
      const pathological = await runTool('search', { query: '(a+)+$', regex: true, glob: 'dist-like/*.js' }, ctx);
      assert.equal(pathological.isError, false);
      assert.match(pathological.content, /^No matches for/);
      const late = await runTool('search', { query: 'y+needle$', regex: true, glob: 'dist-like/*.js' }, ctx);
      assert.match(late.content, /^dist-like\/min\.js:2: var x=1;y{10}/);
    });

    it('searches the overlay: staged edits and creates, not staged deletes', async () => {
      const { ctx } = makeContext(tmp, { engine });
      await ctx.changes.write('src/new.ts', 'requireAuth again\n');
      await ctx.changes.edit('src/app.ts', 'app.use(requireAuth);', 'app.use(checkAuth);', false);
      await ctx.changes.delete('README.md');
      const result = await runTool('search', { query: 'requireAuth' }, ctx);
      assert.equal(
        result.content,
        ["src/app.ts:1: import { requireAuth } from './auth';", 'src/auth.ts:1: export function requireAuth() {}', 'src/new.ts:1: requireAuth again'].join('\n'),
      );
    });

    it('caps the results with a note', async () => {
      await tmp.write('many.txt', Array.from({ length: SEARCH_MAX_MATCHES + 50 }, (_, i) => `needle ${i}`).join('\n'));
      const result = await runTool('search', { query: 'needle' }, makeContext(tmp, { engine }).ctx);
      const lines = result.content.split('\n');
      assert.equal(lines.filter((l) => l.startsWith('many.txt:')).length, SEARCH_MAX_MATCHES);
      assert.match(result.content, /\[Showing the first 200 of 250 matches; narrow the query or add a glob\.\]$/);
    });

    it('says when nothing matches', async () => {
      const result = await runTool('search', { query: 'nothing-like-this' }, makeContext(tmp, { engine }).ctx);
      assert.equal(result.isError, false);
      assert.match(result.content, /^No matches for "nothing-like-this" in \d+ files\.$/);
    });
  });

  describe(`search through symlinks (${engine})`, () => {
    let tmp: TempWorkspace;
    beforeEach(async () => {
      tmp = await makeTempWorkspace({ 'src/real.ts': 'findme\n', '.env': 'findme=secret\n' });
      await tmp.write('../outside/leak.txt', 'findme outside\n');
      await tmp.link('leak.txt', `${tmp.outside}/leak.txt`);
      await tmp.link('alias.txt', '.env');
    });
    afterEach(() => tmp.cleanup());

    it('never reads a file outside the workspace or a secret behind an innocent name', async () => {
      const result = await runTool('search', { query: 'findme' }, makeContext(tmp, { engine }).ctx);
      assert.equal(result.content, 'src/real.ts:1: findme');
    });
  });

  describe(`search at the edges (${engine})`, () => {
    let tmp: TempWorkspace;
    beforeEach(async () => {
      tmp = await makeTempWorkspace({
        '.gitignore': 'build/\n',
        'pkg/.gitignore': 'generated.ts\n',
        'pkg/generated.ts': 'const needle = 1;\n',
        'pkg/kept.ts': 'const needle = 2;\n',
        'pkg/deeper/.gitignore': '!generated.ts\n',
        'pkg/deeper/generated.ts': 'const needle = 3;\n',
        'build/out.ts': 'const needle = 4;\n',
        'docs/ünïcode.md': 'Grüße, needle 🚀 façade\nCAFÉ au lait\n',
        'keys/id_rsa': 'needle in a private key\n',
        'img/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65]),
      });
    });
    afterEach(() => tmp.cleanup());

    it('honours nested .gitignore files, skips binaries and secrets, and reads unicode', async () => {
      const result = await runTool('search', { query: 'needle' }, makeContext(tmp, { engine }).ctx);
      assert.equal(
        result.content,
        ['docs/ünïcode.md:1: Grüße, needle 🚀 façade', 'pkg/deeper/generated.ts:1: const needle = 3;', 'pkg/kept.ts:1: const needle = 2;'].join('\n'),
      );
      const unicode = await runTool('search', { query: '🚀 faç' }, makeContext(tmp, { engine }).ctx);
      assert.equal(unicode.content, 'docs/ünïcode.md:1: Grüße, needle 🚀 façade');
    });

    it('ignores case only when asked, unicode letters included', async () => {
      const { ctx } = makeContext(tmp, { engine });
      assert.match((await runTool('search', { query: 'café' }, ctx)).content, /^No matches/);
      const insensitive = await runTool('search', { query: '(?i)café', regex: true }, ctx);
      assert.equal(insensitive.content, 'docs/ünïcode.md:2: CAFÉ au lait');
    });

    it('searches a staged file as staged even where the disk copy is gitignored, and a staged delete not at all', async () => {
      const { ctx } = makeContext(tmp, { engine });
      await ctx.changes.edit('pkg/generated.ts', 'needle = 1', 'needle = 10', false);
      await ctx.changes.delete('pkg/kept.ts');
      await ctx.changes.write('pkg/new.ts', 'needle 11\n');
      const result = await runTool('search', { query: 'needle', glob: 'pkg/**' }, ctx);
      assert.equal(
        result.content,
        ['pkg/deeper/generated.ts:1: const needle = 3;', 'pkg/generated.ts:1: const needle = 10;', 'pkg/new.ts:1: needle 11'].join('\n'),
      );
    });

    it('a cancelled search ends at once and leaves no process behind', async function () {
      this.timeout(20_000);
      for (let i = 0; i < 300; i++) await tmp.write(`bulk/f${i}.txt`, `${'needle line\n'.repeat(3000)}`);
      const controller = new AbortController();
      const { ctx } = makeContext(tmp, { engine, signal: controller.signal });
      const before = childProcessIds();
      const running = runTool('search', { query: 'needle' }, ctx);
      await waitFor(() => engine !== 'ripgrep' || childProcessIds().length > before.length);
      const started = childProcessIds().filter((pid) => !before.includes(pid));
      controller.abort();
      const result = await running;
      assert.equal(result.isError, true);
      assert.equal(result.content, 'Search cancelled.');
      for (const pid of started) assert.equal(isAlive(pid), false, `process ${pid} is still running`);
    });

    if (engine === 'ripgrep') {
      it('stops a search that runs past the time limit and says so', async () => {
        for (let i = 0; i < 300; i++) await tmp.write(`bulk/f${i}.txt`, `${'needle line\n'.repeat(3000)}`);
        const result = await runTool('search', { query: 'needle' }, makeContext(tmp, { engine, timeLimitMs: 1 }).ctx);
        assert.equal(result.isError, true);
        assert.match(result.content, /^The search took longer than 0.001 s and was stopped\. Narrow the query or add a glob/);
      });
    }
  });
}

/** Live child processes of this process (Linux /proc). */
function childProcessIds(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(fields[1]) === process.pid && fields[0] !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
