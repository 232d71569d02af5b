// The sandbox with bubblewrap: these tests skip, with the reason printed, where it cannot start.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import { CommandRunner } from '../../../src/core/commands/commandRunner';
import { isAllowedHost } from '../../../src/core/commands/networkProxy';
import { detectSandbox } from '../../../src/core/commands/sandboxLaunch';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { hashTree, RecordingConsent, settings } from './commandFixtures';

describe('commands: the bubblewrap sandbox', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let home: string;
  let server: Server;
  let port: number;
  let diskHash: string;
  const runners: CommandRunner[] = [];

  before(async function () {
    const support = await detectSandbox();
    if (!support.sandbox) {
      console.log(`      skipped: the sandbox cannot start here: ${support.problem ?? ''}`);
      this.skip();
    }
    server = createServer((_req, res) => res.end('reached the host\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server?.close();
  });

  beforeEach(async () => {
    ws = await makeTempWorkspace({ 'src/a.js': 'a\n', '.env': 'DB_PASSWORD=hunter2\n', '.gitignore': '.env\n' });
    home = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-home-'));
    await mkdir(nodePath.join(home, '.ssh'));
    await writeFile(nodePath.join(home, '.ssh', 'id_rsa'), 'PRIVATE KEY\n');
    await writeFile(nodePath.join(home, '.netrc'), 'machine x password y\n');
    diskHash = await hashTree(ws.root);
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.dispose();
    assert.equal(await hashTree(ws.root), diskHash, 'the workspace on disk changed');
    await ws.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  function sandboxed(allowedDomains: string[] = []): CommandRunner {
    const runner = new CommandRunner({
      changes: new ChangeSet(ws.workspace),
      consent: new RecordingConsent('deny'),
      settings: settings({ allowedDomains }),
      homeDir: home,
      graceMs: 300,
    });
    runners.push(runner);
    return runner;
  }

  it('runs without asking, writes land in the shadow (staged), writes outside it fail', async () => {
    // Outside /tmp, which the sandbox replaces with its own: a directory the command could otherwise write. The
    // checkout itself may live under /tmp (a CI clone), so the home folder comes first.
    const writable = [homedir(), process.cwd()].find((dir) => !dir.startsWith('/tmp/') && !dir.startsWith(`${tmpdir()}/`)) ?? process.cwd();
    const elsewhere = await mkdtemp(nodePath.join(writable, '.sandbox-test-'));
    const outside = nodePath.join(elsewhere, 'escape.txt');
    const out = await sandboxed().run({ command: `echo inside > src/b.js; echo escape > ${outside}; echo tmp > /tmp/t && cat /tmp/t` });
    const escaped = existsSync(outside);
    await rm(elsewhere, { recursive: true, force: true });
    assert.equal(escaped, false);
    assert.match(out.content, /sandboxed \(no network\)/);
    assert.match(out.content, /Read-only file system/);
    assert.match(out.content, /\ntmp\n/);
    assert.deepEqual(out.record.changedPaths, ['src/b.js']);
    assert.equal(await ws.bytes('src/b.js'), undefined);
  });

  it('cannot read ~/.ssh/id_rsa, ~/.netrc or the workspace .env', async () => {
    const out = await sandboxed().run({ command: `cat ${home}/.ssh/id_rsa; cat ${home}/.netrc; cat .env; echo done` });
    assert.ok(!out.content.includes('PRIVATE KEY'), out.content);
    assert.ok(!out.content.includes('password y'), out.content);
    assert.ok(!out.content.includes('hunter2'), out.content);
    assert.match(out.content, /No such file or directory/);
  });

  it('cannot connect to 127.0.0.1 when no domain is allowed', async () => {
    const out = await sandboxed().run({ command: `curl -sS --max-time 3 http://127.0.0.1:${port}/ || echo blocked` });
    assert.ok(!out.content.includes('reached the host'), out.content);
    assert.match(out.content, /blocked/);
  });

  it('reaches an allowed host through the proxy and nothing else', async () => {
    const runner = sandboxed(['localhost']);
    const allowed = await runner.run({ command: `curl -sS --max-time 5 http://localhost:${port}/` });
    assert.match(allowed.content, /reached the host/);
    assert.match(allowed.content, /network only to localhost/);
    const denied = await runner.run({ command: `curl -sS --max-time 5 http://127.0.0.1:${port}/ || echo blocked` });
    assert.ok(!denied.content.includes('reached the host'), denied.content);
  });

  it('matches allowed domains exactly or by a *. wildcard', () => {
    assert.equal(isAllowedHost('registry.npmjs.org', ['registry.npmjs.org']), true);
    assert.equal(isAllowedHost('evil-registry.npmjs.org.attacker.io', ['registry.npmjs.org']), false);
    assert.equal(isAllowedHost('a.pypi.org', ['*.pypi.org']), true);
    assert.equal(isAllowedHost('pypi.org.evil.io', ['*.pypi.org']), false);
  });
});
