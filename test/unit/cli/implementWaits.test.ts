// `dev-backend implement` in a child process while the API keeps it waiting: a stalled stream and a long retry-after
// end within their limits with a clear message, and Ctrl+C (SIGINT) ends either wait instead of sitting it out.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';

const REPO = nodePath.join(__dirname, '..', '..', '..', '..');
const FIXTURE = nodePath.join(REPO, 'test', 'fixtures', 'workspace');
const CLI = nodePath.join(REPO, 'out', 'src', 'cli', 'main.js');

interface Child {
  process: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  exited: Promise<{ code: number | null; at: number }>;
  /** Resolves once stderr contains `pattern`. */
  sawOnStderr(pattern: RegExp): Promise<void>;
}

/** Far below the 30 s retry-after and the endless stall the tests interrupt. */
const INTERRUPTED_WITHIN_MS = 10_000;

describe('dev-backend implement while the API keeps it waiting (child process)', function () {
  this.timeout(20000);
  let server: FakeAnthropicServer;
  let base: string;
  let root: string;
  let children: ChildProcess[];

  beforeEach(async () => {
    server = new FakeAnthropicServer();
    await server.start();
    base = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-cli-waits-'));
    root = nodePath.join(base, 'ws');
    await cp(FIXTURE, root, { recursive: true });
    await mkdir(nodePath.join(base, 'home'));
    children = [];
  });

  afterEach(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await server.stop();
    await rm(base, { recursive: true, force: true });
  });

  function implement(...flags: string[]): Child {
    const child = spawn(process.execPath, [CLI, 'implement', 'PRPs/auth-api.md', ...flags], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: nodePath.join(base, 'home'), ANTHROPIC_API_KEY: 'sk-ant-cli-waits', ANTHROPIC_BASE_URL: server.baseURL },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    const watchers: { pattern: RegExp; resolve: () => void }[] = [];
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      for (const w of watchers.filter((x) => x.pattern.test(stderr))) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
    return {
      process: child,
      stderr: () => stderr,
      stdout: () => stdout,
      exited,
      sawOnStderr: (pattern) => (pattern.test(stderr) ? Promise.resolve() : new Promise((resolve) => watchers.push({ pattern, resolve }))),
    };
  }

  /**
   * SIGINT ends the CLI: it stops waiting, prints its summary and exits (main.ts exits once output is flushed). Each
   * wait interrupted here lasts 30 s or forever, so ending within 10 s tells "interrupted" from "waited it out" on a
   * busy machine too; how fast it ends is a benchmark's business, not a test's.
   */
  async function interruptMidWait(child: Child): Promise<number | null> {
    const sentAt = Date.now();
    child.process.kill('SIGINT');
    await child.sawOnStderr(/cancelled: Cancelled by the user\./);
    const { code, at } = await child.exited;
    assert.ok(at - sentAt < INTERRUPTED_WITHIN_MS, `the process exited ${at - sentAt} ms after SIGINT: it waited instead of stopping`);
    return code;
  }

  it('fails a stalled stream after the idle timeout and its retries, saying what happened', async () => {
    server.respondWith(() => ({ hang: true, afterText: 'Working on it' }));
    const child = implement('--stream-idle-timeout', '0.3');
    const { code } = await child.exited;
    assert.equal(code, 1);
    assert.equal(server.messageRequests.length, 3, 'the first attempt and two retries');
    assert.match(child.stderr(), /waiting: The Anthropic API sent nothing for 300 ms; trying again \(attempt 2 of 3\)\./);
    assert.match(child.stderr(), /failed: The Anthropic API stopped sending: nothing arrived for 300 ms, 3 times in a row\./);
  });

  it('fails at once on a retry-after beyond the bound, with the time to try again', async () => {
    server.respondWith(() => ({ httpError: { status: 429, type: 'rate_limit_error', message: 'slow down', headers: { 'retry-after': '3600' } } }));
    const child = implement();
    const { code } = await child.exited;
    assert.equal(code, 1);
    assert.equal(server.messageRequests.length, 1);
    assert.match(child.stderr(), /error: Rate limited by Anthropic \(429\): the API asked to retry after 3600 s \(1 h\), longer than the 60 s a run waits; try again at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\./);
  });

  it('--continue after SIGINT resumes the interrupted run: its conversation, plan and staged changes', async () => {
    // Run 1: the model stages a file, then the stream stalls and the user presses Ctrl+C.
    server.respondWith((request) =>
      request.body?.messages.length === 1
        ? { text: 'Starting.', toolUses: [{ name: 'write_file', input: { path: 'src/resumed.ts', content: 'export const resumed = 1;\n' } }] }
        : { hang: true, afterText: 'Working on it' },
    );
    const first = implement();
    await server.waitForRequests(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await interruptMidWait(first), 1);
    const firstRun = server.messageRequests.length;

    // Run 2 (--continue): the first request carries run 1's conversation; the diff still has run 1's file.
    server.respondWith(() => ({ text: 'Done for now.' }));
    const second = implement('--continue', '--max-turns', '2');
    const { code } = await second.exited;
    assert.equal(code, 1, 'todos stay open, so the exit is 1');
    assert.match(second.stderr(), /continuing the last run/);
    const resumed = server.messageRequests[firstRun];
    const sent = JSON.stringify(resumed.body?.messages ?? []);
    assert.ok((resumed.body?.messages.length ?? 0) > 2, 'the resumed request carries the earlier turns');
    assert.match(sent, /src\/resumed\.ts/);
    assert.match(second.stdout(), /\+\+\+ b\/src\/resumed\.ts/);
  });

  it('--continue with nothing to continue is bad input (exit 2) and sends no request', async () => {
    const child = implement('--continue');
    const { code } = await child.exited;
    assert.equal(code, 2);
    assert.match(child.stderr(), /there is no earlier run of PRPs\/auth-api\.md/);
    assert.equal(server.messageRequests.length, 0);
  });

  it('ends on SIGINT while a stream is stalled, without waiting for it', async () => {
    server.respondWith(() => ({ hang: true, afterText: 'Working on it' }));
    const child = implement();
    await server.waitForRequests(1);
    await child.sawOnStderr(/dev-backend: dev-backend on PRPs\/auth-api\.md/);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the stream has started and gone quiet
    assert.equal(await interruptMidWait(child), 1);
    assert.match(child.stderr(), /cancelled: Cancelled by the user\./);
    assert.equal(server.messageRequests.length, 1);
  });

  it('ends on SIGINT while it waits out a 30 s retry-after, which it announced', async () => {
    server.respondWith(() => ({ httpError: { status: 429, type: 'rate_limit_error', message: 'slow down', headers: { 'retry-after': '30' } } }));
    const child = implement();
    await child.sawOnStderr(/waiting: Rate limited by Anthropic \(429\); waiting 30 s before trying again \(attempt 2 of 3\)\.\n/);
    assert.equal(await interruptMidWait(child), 1);
    assert.match(child.stderr(), /cancelled: Cancelled by the user\./);
    assert.equal(server.messageRequests.length, 1);
  });

  it('refuses a wait flag that is not a positive number of seconds, before any request', async () => {
    const child = implement('--max-retry-wait', 'soon');
    const { code } = await child.exited;
    assert.equal(code, 2);
    assert.match(child.stderr(), /--max-retry-wait must be a number of seconds above 0, got "soon"/);
    assert.equal(server.messageRequests.length, 0);
  });
});
