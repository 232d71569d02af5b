// `dev-backend implement` end to end against the fake Anthropic server, on a temp copy of the sample workspace.
import * as assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { nodeIo, type CliIo } from '../../../src/cli/cliIo';
import { implementCommand } from '../../../src/cli/implementCommand';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import { scriptedImplementer } from '../../fakes/scriptedImplementer';

const FIXTURE = nodePath.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'workspace');
const KEY = 'sk-ant-cli-test';

describe('dev-backend implement', function () {
  this.timeout(30000);
  let server: FakeAnthropicServer;
  let root: string;
  let out: string[];
  let err: string[];

  beforeEach(async () => {
    server = new FakeAnthropicServer({ requireKey: KEY });
    await server.start();
    root = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-cli-'));
    await cp(FIXTURE, root, { recursive: true });
    out = [];
    err = [];
  });

  afterEach(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  function io(env: NodeJS.ProcessEnv = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.baseURL }): CliIo {
    return { ...nodeIo, cwd: root, env, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
  }

  it('prints the staged changes as a unified diff and leaves the files alone', async () => {
    server.respondWith(scriptedImplementer({ fileLines: 20 }));
    const appBefore = await readFile(nodePath.join(root, 'src/app.ts'), 'utf8');
    const code = await implementCommand(['PRPs/auth-api.md', '--commands', 'none'], io());
    // Done, but the gates did not run (commands are off) and only they complete their todos: exit 1.
    assert.equal(code, 1, err.join(''));
    const diff = out.join('');
    assert.match(diff, /^--- \/dev\/null\n\+\+\+ b\/src\/services\/authService\.ts$/m);
    assert.match(diff, /^--- a\/src\/app\.ts\n\+\+\+ b\/src\/app\.ts$/m);
    assert.equal(await readFile(nodePath.join(root, 'src/app.ts'), 'utf8'), appBefore);
    await assert.rejects(readFile(nodePath.join(root, 'src/services/authService.ts')));
    assert.match(err.join(''), /completed: All tasks are done\./);
    assert.match(err.join(''), /Reading src\/app\.ts/);
  });

  it('--apply writes the files, --json reports plan, usage and changes', async () => {
    server.respondWith(scriptedImplementer({ fileLines: 20 }));
    const code = await implementCommand(['PRPs/auth-api.md', '--apply', '--json', '--commands', 'none'], io());
    assert.equal(code, 1, err.join('')); // the gates did not run: their todos are open
    const report = JSON.parse(out.join('')) as {
      plan: { todos: { status: string; gate?: { level: number } }[] };
      usage: { outputTokens: number };
      costUsd: number;
      changes: { path: string }[];
      applied: string[];
    };
    // Validation gate todos are the harness's (commands are off here): the model's todo_write cannot tick them.
    assert.ok(report.plan.todos.length >= 7 && report.plan.todos.every((t) => t.status === 'completed' || t.gate));
    assert.ok(report.plan.todos.some((t) => t.gate && t.status === 'pending'));
    assert.ok(report.usage.outputTokens > 0 && report.costUsd > 0);
    assert.ok(report.applied.includes('src/services/authService.ts'));
    assert.match(await readFile(nodePath.join(root, 'src/services/authService.ts'), 'utf8'), /scripted implementer/);
  });

  it('prints PRP warnings as text with file and line, not as objects', async () => {
    server.respondWith(scriptedImplementer({ fileLines: 20 }));
    const prp = await readFile(nodePath.join(root, 'PRPs/auth-api.md'), 'utf8');
    await writeFile(nodePath.join(root, 'PRPs/warned.md'), prp.replace('## Validation', '```bash\nnever closed\n\n## Validation'));
    await implementCommand(['PRPs/warned.md', '--commands', 'none'], io());
    const stderr = err.join('');
    assert.ok(!stderr.includes('[object Object]'), stderr);
    assert.match(stderr, /^PRPs\/warned\.md:\d+: warning: Code fence opened at line \d+ is never closed/m);
  });

  it('exits 2 with a clear message for bad input', async () => {
    assert.equal(await implementCommand([], io()), 2);
    assert.match(err.join(''), /missing the PRP file/);
    assert.equal(await implementCommand(['PRPs/nope.md'], io()), 2);
    assert.match(err.join(''), /cannot read .*nope\.md: no such file/);
    assert.equal(await implementCommand(['PRPs/auth-api.md'], io({})), 2);
    assert.match(err.join(''), /ANTHROPIC_API_KEY is not set/);
    assert.equal(await implementCommand(['PRPs/auth-api.md', '--agent', 'nobody'], io()), 2);
    assert.match(err.join(''), /no agent named "nobody"; available: .*dev-backend/);
    assert.equal(await implementCommand(['PRPs/auth-api.md', '--bogus'], io()), 2);
    assert.equal(server.messageRequests.length, 0);
  });

  it('exits 1 when the API refuses the key, without printing it', async () => {
    const code = await implementCommand(['PRPs/auth-api.md'], io({ ANTHROPIC_API_KEY: 'sk-ant-wrong', ANTHROPIC_BASE_URL: server.baseURL }));
    assert.equal(code, 1);
    assert.match(err.join(''), /rejected/i);
    assert.ok(!err.join('').includes('sk-ant-wrong'));
  });
});
