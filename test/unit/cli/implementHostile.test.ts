// `dev-backend implement` over a hostile workspace: no absolute path of the machine reaches the model, and a
// FIFO read by the model neither hangs the run nor keeps Ctrl+C from ending it (a child process, real signals).
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { nodeIo, type CliIo } from '../../../src/cli/cliIo';
import { implementCommand } from '../../../src/cli/implementCommand';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';

const REPO = nodePath.resolve(__dirname, '..', '..', '..', '..');
const FIXTURE = nodePath.join(REPO, 'test', 'fixtures', 'workspace');
const CLI = nodePath.join(REPO, 'out', 'src', 'cli', 'main.js');
const KEY = 'sk-ant-cli-hostile-test';

describe('dev-backend implement on a hostile workspace', function () {
  this.timeout(30000);
  let server: FakeAnthropicServer;
  let base: string;
  let root: string;

  beforeEach(async () => {
    server = new FakeAnthropicServer({ requireKey: KEY });
    await server.start();
    base = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-hostile-'));
    root = nodePath.join(base, 'ws');
    await cp(FIXTURE, root, { recursive: true });
  });

  afterEach(async () => {
    await server.stop();
    await rm(base, { recursive: true, force: true });
  });

  it('sends the model no absolute path: not the PRP outside the workspace, not an internal error', async () => {
    await mkdir(nodePath.join(base, 'specs'));
    await cp(nodePath.join(root, 'PRPs', 'auth-api.md'), nodePath.join(base, 'specs', 'outside-prp.md'));
    await symlink('loop', nodePath.join(root, 'loop'));
    server.enqueue(
      { toolUses: [{ name: 'read_file', input: { path: 'loop/x.ts' } }] },
      { toolUses: [{ name: 'list_files', input: { pattern: 'loop/**' } }] },
      { text: 'Stopping here.' },
    );
    const err: string[] = [];
    const io: CliIo = {
      ...nodeIo,
      cwd: root,
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.baseURL },
      stdout: () => undefined,
      stderr: (t) => void err.push(t),
    };
    await implementCommand([nodePath.join(base, 'specs', 'outside-prp.md')], io);
    const sent = JSON.stringify(server.messageRequests.map((r) => r.body));
    assert.ok(server.messageRequests.length >= 3, err.join(''));
    assert.ok(!sent.includes(base), `an absolute path reached the model: ${/[^"]*dev-backend-hostile-[^"\\]*/.exec(sent)?.[0] ?? ''}`);
    // A path under the temp folder, not the word "/tmp" in run_command's description of its sandbox.
    const tempPath = `${tmpdir()}/`;
    assert.ok(!sent.includes(tempPath), `the temp folder reached the model: ${sent.slice(Math.max(0, sent.indexOf(tempPath) - 200), sent.indexOf(tempPath) + 200)}`);
    assert.match(sent, /The PRP you are implementing \(<outside the workspace>\/outside-prp\.md\)/);
  });

  it('a FIFO read by the model does not hang the run, and SIGINT ends the CLI while the model stalls', async function () {
    execFileSync('mkfifo', [nodePath.join(root, 'src', 'pipe.ts')]);
    let secondRequest: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (secondRequest = resolve));
    let requests = 0;
    server.respondWith(() => {
      requests++;
      if (requests === 1) return { toolUses: [{ name: 'read_file', input: { path: 'src/pipe.ts' } }] };
      secondRequest();
      return { hang: true };
    });
    const child = spawn(process.execPath, [CLI, 'implement', 'PRPs/auth-api.md'], {
      cwd: root,
      env: { ...process.env, ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.baseURL },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await Promise.race([reached, new Promise((_, reject) => setTimeout(() => reject(new Error(`the run hung on the FIFO:\n${stderr}`)), 15000))]);
      const toolResult = JSON.stringify(server.messageRequests[1]?.body);
      assert.match(toolResult, /src\/pipe\.ts is not a regular file/);
      child.kill('SIGINT');
      // The stall never ends: 10 s tells "interrupted" from "hung" on a busy machine too. Pending I/O (the exit
      // notice) is handled before judging.
      const late = new Promise<'timeout'>((resolve) => setTimeout(() => setImmediate(() => resolve('timeout')), 10_000));
      const code = await Promise.race([exited, late]);
      const ended = code !== 'timeout' || child.exitCode !== null || child.signalCode !== null;
      assert.ok(ended, `the CLI was still running 10 s after SIGINT:\n${stderr}`);
      await exited;
      assert.match(stderr, /cancelled: Cancelled by the user\./);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
