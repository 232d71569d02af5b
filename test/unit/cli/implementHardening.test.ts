// `dev-backend implement` as a child process, as CI runs it: exit codes, what --apply reports, input refused
// before the paid run, terminal-safe output, malformed keys.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { FakeAnthropicServer, type Responder } from '../../fakes/fakeAnthropicServer';
import { scriptedImplementer } from '../../fakes/scriptedImplementer';

const FIXTURE = nodePath.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'workspace');
const PRPS = nodePath.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'prps');
const CLI = nodePath.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');
const KEY = 'sk-ant-cli-hardening';
const ESC = '\u001b';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('dev-backend implement (child process)', function () {
  this.timeout(60000);
  let server: FakeAnthropicServer;
  let root: string;

  beforeEach(async () => {
    server = new FakeAnthropicServer({ requireKey: KEY });
    await server.start();
    root = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-cli-child-'));
    await cp(FIXTURE, root, { recursive: true });
  });
  afterEach(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  function cli(args: string[], key: string = KEY): Promise<CliResult> {
    const env = { PATH: process.env.PATH ?? '', HOME: root, ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.baseURL };
    const child = spawn(process.execPath, [CLI, 'implement', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  /** The scripted implementer, plus `atEnd` run when it sends its closing text (after everything is staged). */
  function implementerThen(atEnd: () => Promise<void>): Responder {
    const inner = scriptedImplementer({ fileLines: 5 });
    return async (request, index) => {
      const turn = await inner(request, index);
      if ('text' in turn && !('toolUses' in turn && turn.toolUses?.length)) await atEnd();
      return turn;
    };
  }

  it('--apply prints what it applied, counts it, and exits 1 listing a change it skipped as stale', async () => {
    server.respondWith(implementerThen(() => appendFile(nodePath.join(root, 'src/app.ts'), '// edited by the user meanwhile\n')));
    const result = await cli(['PRPs/auth-api.md', '--apply', '--out', 'applied.diff', '--commands', 'none']);
    assert.equal(result.code, 1, result.stderr);
    const diff = await readFile(nodePath.join(root, 'applied.diff'), 'utf8');
    assert.match(diff, /^\+\+\+ b\/src\/services\/authService\.ts$/m);
    assert.doesNotMatch(diff, /b\/src\/app\.ts/);
    assert.match(result.stderr, /1 file NOT applied:\n {2}src\/app\.ts: changed on disk since it was staged/);
    assert.match(result.stderr, /The changes not applied, as a diff:\ndiff --git a\/src\/app\.ts/);
    const applied = (diff.match(/^diff --git /gm) ?? []).length;
    assert.ok(applied >= 5);
    assert.match(result.stderr, new RegExp(`completed: .* ${applied} files applied, 1 NOT applied;`));
    assert.match(await readFile(nodePath.join(root, 'src/app.ts'), 'utf8'), /edited by the user meanwhile\n$/);
  });

  it('--apply with everything applied prints the applied diff on stdout (exit 1: the gates did not run)', async () => {
    server.respondWith(scriptedImplementer({ fileLines: 5 }));
    const result = await cli(['PRPs/auth-api.md', '--apply', '--commands', 'none']);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^\+\+\+ b\/src\/services\/authService\.ts$/m);
    const applied = (result.stdout.match(/^diff --git /gm) ?? []).length;
    assert.match(result.stderr, new RegExp(`completed: .* ${applied} files applied;`));
  });

  it('refuses a binary PRP, a file as --workspace and --out into a missing folder before any model request', async () => {
    await writeFile(nodePath.join(root, 'PRPs/image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const binary = await cli(['PRPs/image.md']);
    assert.equal(binary.code, 2);
    assert.match(binary.stderr, /image\.md is not a text file \(it contains NUL bytes\)/);

    const fileAsWorkspace = await cli(['PRPs/auth-api.md', '--workspace', 'README.md']);
    assert.equal(fileAsWorkspace.code, 2);
    assert.match(fileAsWorkspace.stderr, /--workspace must be a folder; .*README\.md is a file/);

    const missingOutFolder = await cli(['PRPs/auth-api.md', '--out', 'no/such/dir/out.diff']);
    assert.equal(missingOutFolder.code, 2);
    assert.match(missingOutFolder.stderr, /--out: the folder .*no\/such\/dir does not exist/);
    assert.doesNotMatch(binary.stderr + fileAsWorkspace.stderr + missingOutFolder.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(server.messageRequests.length, 0);
  });

  it('prints PRP warnings as text with their line numbers', async () => {
    await cp(nodePath.join(PRPS, 'unclosed-fence.md'), nodePath.join(root, 'PRPs/unclosed-fence.md'));
    server.respondWith(() => ({ text: 'Nothing to do.' }));
    const result = await cli(['PRPs/unclosed-fence.md']);
    assert.match(result.stderr, /^PRPs\/unclosed-fence\.md:7: warning: Code fence opened at line 7 is never closed/m);
    assert.doesNotMatch(result.stderr, /\[object Object\]/);
  });

  it('strips terminal control sequences from what it prints; the diff shows them escaped, --out keeps the bytes', async () => {
    const hostile = `${ESC}]0;pwned${ESC}\\${ESC}[2J\u009b31mred\rfake`;
    server.respondWith((request) =>
      request.body?.messages.length === 1
        ? {
            text: `Working ${hostile} now.`,
            toolUses: [
              { name: 'write_file', input: { path: 'notes.txt', content: `title: ${hostile}\nend\n` } },
              { name: 'read_file', input: { path: `missing-${ESC}[31m.txt` } },
            ],
          }
        : { httpError: { status: 400, type: 'invalid_request_error', message: `bad ${ESC}[5m request ${ESC}]8;;http://x${ESC}\\` } },
    );
    const shown = await cli(['PRPs/auth-api.md']);
    const raw = await cli(['PRPs/auth-api.md', '--out', 'raw.diff']);
    for (const printed of [shown.stdout, shown.stderr, raw.stderr]) {
      assert.doesNotMatch(printed, /[\u001b\u009b\u0007]|\r(?!\n)/, JSON.stringify(printed));
    }
    assert.match(shown.stderr, /bad {2}request/);
    assert.ok(shown.stdout.includes('+title: \\x1b]0;pwned\\x1b\\\\x1b[2J\\x9b31mred\\x0dfake'), shown.stdout);
    assert.ok((await readFile(nodePath.join(root, 'raw.diff'), 'utf8')).includes(`+title: ${hostile}`));
  });

  it('refuses a key with a line break without printing any part of it; trims a key with spaces around it', async () => {
    const broken = await cli(['PRPs/auth-api.md'], `sk-ant-first\nSECONDHALF`);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /ANTHROPIC_API_KEY is not a valid API key: it contains a line break/);
    assert.ok(!broken.stderr.includes('SECONDHALF') && !broken.stderr.includes('sk-ant-first'));
    assert.equal(server.messageRequests.length, 0);

    server.respondWith(() => ({ text: 'Nothing to do.' }));
    const padded = await cli(['PRPs/auth-api.md'], `  ${KEY}\n`);
    assert.equal(server.messageRequests.length > 0, true, padded.stderr);
    assert.doesNotMatch(padded.stderr, /rejected|invalid/i);
  });
});
