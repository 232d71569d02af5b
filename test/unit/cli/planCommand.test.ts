import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliInputError, nodeIo, type CliIo } from '../../../src/cli/cliIo';
import { main } from '../../../src/cli/main';
import { PLAN_USAGE } from '../../../src/cli/planCommand';

const ROOT = path.resolve(__dirname, '../../../..');

interface Captured extends CliIo {
  out: string;
  err: string;
}

function io(files: Record<string, string> = {}): Captured {
  const captured: Captured = {
    out: '',
    err: '',
    cwd: ROOT,
    stdout: (t) => void (captured.out += t),
    stderr: (t) => void (captured.err += t),
    async readTextFile(p: string): Promise<string> {
      const rel = path.relative(ROOT, p).split(path.sep).join('/');
      if (rel in files) return files[rel];
      return nodeIo.readTextFile(p);
    },
  };
  return captured;
}

describe('dev-backend CLI', () => {
  it('plan prints the checklist and exits 0', async () => {
    const c = io();
    assert.equal(await main(['plan', 'test/fixtures/prps/auth-api.md'], c), 0);
    assert.equal(c.err, '');
    const lines = c.out.split('\n');
    assert.deepEqual(lines.slice(0, 6), [
      '# JWT authentication for the notes API',
      '',
      'PRP: test/fixtures/prps/auth-api.md · 0/15 done',
      '',
      '## Analysis',
      '- [ ] Analyze the PRP and the code it references (line 1)',
    ]);
    assert.ok(lines.includes('- [ ] Task 6: Modify src/app.ts and src/services/noteService.ts (line 109)'));
    assert.ok(lines.includes('- [ ] Validate level 3: Integration Test (line 151)'));
  });

  it('plan --json prints the Prp and the Plan', async () => {
    const c = io();
    assert.equal(await main(['plan', '--json', 'test/fixtures/prps/payment-webhooks.md'], c), 0);
    const parsed = JSON.parse(c.out) as { prp: { tasks: unknown[] }; plan: { prpPath: string; todos: Array<{ content: string }> } };
    assert.equal(parsed.prp.tasks.length, 6);
    assert.equal(parsed.plan.prpPath, 'test/fixtures/prps/payment-webhooks.md');
    assert.equal(parsed.plan.todos[1].content, 'Task 1: Create app/payments/models.py');
  });

  it('prints warnings on stderr with file and line; --strict turns them into exit 1', async () => {
    const files = { 'x.md': '## Tasks\nTask 1:\nCRAETE a.toml:\n' };
    const c = io(files);
    assert.equal(await main(['plan', 'x.md'], c), 0);
    assert.equal(
      c.err,
      'x.md:3: warning: Line 3: read verb "CRAETE" as CREATE.\n' +
        'x.md: warning: No validation levels found (looked for a "Validation" section and "Level N" headings).\n',
    );
    assert.match(c.out, /- \[ \] Task 1: Create a\.toml \(line 2\)/);
    const strict = io(files);
    assert.equal(await main(['plan', '--strict', 'x.md'], strict), 1);
    const clean = io();
    assert.equal(await main(['plan', '--strict', 'test/fixtures/prps/auth-api.md'], clean), 0);
  });

  it('exits 2 with a clear message for a missing file, a directory, or bad usage', async () => {
    const cases: Array<[string[], string]> = [
      [['plan', 'no/such.md'], 'dev-backend plan: cannot read no/such.md: no such file\n'],
      [['plan', 'test'], 'dev-backend plan: test is a directory, not a PRP file\n'],
      [['plan'], `dev-backend plan: missing the PRP file\n\n${PLAN_USAGE}`],
      [['plan', 'a.md', 'b.md'], `dev-backend plan: expected one PRP file, got 2: a.md b.md\n\n${PLAN_USAGE}`],
      [['plan', '--yaml', 'a.md'], `dev-backend plan: unknown option --yaml\n\n${PLAN_USAGE}`],
    ];
    for (const [argv, expected] of cases) {
      const c = io();
      assert.equal(await main(argv, c), 2, argv.join(' '));
      assert.equal(c.err, expected);
      assert.equal(c.out, '');
    }
    const unknown = io();
    assert.equal(await main(['implode'], unknown), 2);
    assert.match(unknown.err, /^dev-backend: unknown command "implode"\n/);
    const none = io();
    assert.equal(await main([], none), 2);
    assert.match(none.err, /^usage: dev-backend <command>/);
  });

  it('help goes to stdout with exit 0', async () => {
    const c = io();
    assert.equal(await main(['plan', '--help'], c), 0);
    assert.equal(c.out, PLAN_USAGE);
    const top = io();
    assert.equal(await main(['--help'], top), 0);
    assert.match(top.out, /Commands:\n {2}plan\n/);
  });

  it('an unreadable file is a CliInputError from the real file system', async () => {
    await assert.rejects(nodeIo.readTextFile(path.join(ROOT, 'no-such-file.md')), (err: unknown) => err instanceof CliInputError);
  });

  it('the bundled dist/cli.js runs as a program', function () {
    this.timeout(60_000); // two node processes on a possibly busy machine
    const cli = path.join(ROOT, 'dist/cli.js');
    if (!fs.existsSync(cli)) this.skip();
    const ok = spawnSync(process.execPath, [cli, 'plan', 'test/fixtures/prps/unclosed-fence.md'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(ok.status, 0);
    assert.match(ok.stdout, /^# Rate limiting\n/);
    assert.equal(ok.stderr, 'test/fixtures/prps/unclosed-fence.md:7: warning: Code fence opened at line 7 is never closed; read it as ending before line 16.\n');
    const missing = spawnSync(process.execPath, [cli, 'plan', 'missing.md'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'dev-backend plan: cannot read missing.md: no such file\n');
  });
});
