// `dev-backend implement` in a child process, where a hang is a hang and Ctrl+C is a real SIGINT: a model-chosen
// glob that made picomatch backtrack for good on a long file name (issue 10, item 6) now answers at once.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import type { Turn } from '../../fakes/fakeTurns';

const CLI = nodePath.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');
const KEY = 'sk-ant-cli-glob-test';
const EVIL_GLOB = '*a*a*a*a*a*a*a*a*a*a*a*a*b';
const PRP = '# Glob\n\n## Tasks\n- [ ] Task 1: Look around\n';

describe('dev-backend implement (child process): hostile globs', function () {
  this.timeout(20_000);
  let server: FakeAnthropicServer;
  let root: string;

  beforeEach(async () => {
    server = new FakeAnthropicServer({ requireKey: KEY });
    await server.start();
    root = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-cli-glob-'));
    await writeFile(nodePath.join(root, 'PRP.md'), PRP);
    // Contains the glob's letters, so no shortcut decides it: the matcher itself must be linear.
    await writeFile(nodePath.join(root, `b${'a'.repeat(200)}.txt`), 'x\n');
  });

  afterEach(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  function globCalls(next: Turn): void {
    server.respondWith((_request, index) =>
      index === 0
        ? { toolUses: [{ name: 'list_files', input: { pattern: EVIL_GLOB } }, { name: 'search', input: { query: 'x', glob: EVIL_GLOB } }] }
        : next,
    );
  }

  function startCli(): { child: ChildProcess; exit: Promise<{ code: number | null; stderr: string }> } {
    const child = spawn(process.execPath, [CLI, 'implement', 'PRP.md'], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: root, ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.baseURL },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout?.resume();
    const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
    return { child, exit };
  }

  function toolResults(index: number): string[] {
    const last = server.messageRequests[index]?.body?.messages.at(-1);
    const content = Array.isArray(last?.content) ? last.content : [];
    return content.flatMap((block) => (block.type === 'tool_result' && typeof block.content === 'string' ? [block.content] : []));
  }

  it('answers list_files and search with the glob at once and finishes the run', async () => {
    globCalls({ text: 'Nothing to do.' });
    const { exit } = startCli();
    const { stderr } = await exit;
    assert.deepEqual(toolResults(1), [`No files matching ${JSON.stringify(EVIL_GLOB)}. Try a broader pattern, e.g. "**/*.ts".`, `No matches for "x" in ${EVIL_GLOB} in 0 files.`], stderr);
  });

  it('SIGINT after the glob calls ends the CLI while the model stalls', async () => {
    globCalls({ hang: true });
    const { child, exit } = startCli();
    await server.waitForRequests(2);
    const sent = Date.now();
    child.kill('SIGINT');
    const { stderr } = await exit;
    const took = Date.now() - sent;
    // The stall never ends: 10 s tells "interrupted" from "hung" on a busy machine too.
    assert.ok(took < 10_000, `the CLI took ${took} ms to end after SIGINT`);
    assert.match(stderr, /cancelled/i);
  });
});
