// `dev-backend implement --commands ...`: which commands run, and how they are reported.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { nodeIo, type CliIo } from '../../../src/cli/cliIo';
import { cliCommandRunner } from '../../../src/cli/cliCommands';
import { implementCommand } from '../../../src/cli/implementCommand';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import type { CommandRecord } from '../../../src/core/commands/commandResult';
import type { SandboxSupport } from '../../../src/core/commands/sandboxLaunch';
import { parsePrp } from '../../../src/core/prp/prpParser';
import { NodeWorkspace } from '../../../src/core/workspace/nodeWorkspace';
import { FakeAnthropicServer } from '../../fakes/fakeAnthropicServer';
import { hashTree } from '../commands/commandFixtures';

const KEY = 'sk-ant-cli-test';
const VALIDATION = `node -e "console.log('validated')"`;
const PRP = `# PRP: tiny\n\n## Goal\nSay hello.\n\n## Validation Loop\n\n### Level 1: Syntax\n\`\`\`bash\n${VALIDATION}\n\`\`\`\n`;

describe('dev-backend implement --commands', function () {
  this.timeout(60_000);
  let server: FakeAnthropicServer;
  let root: string;
  let out: string[];
  let err: string[];

  beforeEach(async () => {
    server = new FakeAnthropicServer({ requireKey: KEY });
    await server.start();
    root = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-cli-cmd-'));
    await writeFile(nodePath.join(root, 'PRP.md'), PRP);
    out = [];
    err = [];
  });
  afterEach(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  function io(): CliIo {
    return { ...nodeIo, cwd: root, env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.baseURL }, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
  }

  function scriptCommands(): void {
    server.enqueue(
      { toolUses: [{ name: 'run_command', input: { command: VALIDATION } }, { name: 'run_command', input: { command: 'echo made > made.txt' } }] },
      { text: 'done' },
      { text: 'done' },
    );
  }

  it('by default runs only the PRP validation commands, exactly as written, and lists them in --json', async () => {
    scriptCommands();
    const before = await hashTree(root);
    await implementCommand(['PRP.md', '--json', '--no-sandbox'], io());
    const report = JSON.parse(out.join('')) as { commands: { command: string; exitCode: number | null; notRun?: string; sandboxed: boolean; changedPaths: string[]; durationMs: number; timedOut: boolean }[] };
    assert.equal(report.commands.length, 2);
    const [validation, other] = report.commands;
    assert.equal(validation?.command, VALIDATION);
    assert.equal(validation?.exitCode, 0);
    assert.equal(validation?.timedOut, false);
    assert.match(other?.notRun ?? '', /only the PRP's own validation commands/);
    const results = (server.messageRequests[1]?.body?.messages ?? []).flatMap((m) => (Array.isArray(m.content) ? m.content : []));
    assert.ok(JSON.stringify(results).includes('validated'));
    assert.match(err.join(''), /\$ node -e/);
    assert.equal(await hashTree(root), before);
  });

  it('--commands all runs any command; its file comes back staged', async () => {
    scriptCommands();
    await implementCommand(['PRP.md', '--json', '--commands', 'all', '--no-sandbox'], io());
    const report = JSON.parse(out.join('')) as { commands: { changedPaths: string[] }[]; changes: { path: string }[] };
    assert.deepEqual(report.commands[1]?.changedPaths, ['made.txt']);
    assert.deepEqual(report.changes.map((c) => c.path), ['made.txt']);
  });

  it('--commands none does not offer the tool; a bad mode is a usage error', async () => {
    server.enqueue({ text: 'done' }, { text: 'done' });
    await implementCommand(['PRP.md', '--commands', 'none'], io());
    const offered = (server.messageRequests[0]?.body?.tools ?? []).map((t) => t.name);
    assert.ok(!offered.includes('run_command'));
    assert.equal(await implementCommand(['PRP.md', '--commands', 'some'], io()), 2);
    assert.match(err.join(''), /--commands must be none, validation or all/);
  });

  it('refuses every command where the sandbox cannot start, unless --no-sandbox', async () => {
    const records: CommandRecord[] = [];
    const prp = parsePrp(PRP);
    const changes = new ChangeSet(new NodeWorkspace(root));
    const noSandbox = (): Promise<SandboxSupport> => Promise.resolve({ overlay: false, sandbox: false, problem: 'Install bubblewrap.' });
    const strict = await cliCommandRunner({ mode: 'all', allowDomains: [], noSandbox: false }, prp, changes, io(), records, noSandbox);
    const refused = await strict?.run({ command: VALIDATION });
    await strict?.dispose();
    assert.match(refused?.content ?? '', /not run: the sandbox cannot start here, and unsandboxed commands run only with --no-sandbox\. Install bubblewrap\./);
    assert.match(err.join(''), /commands will not run: Install bubblewrap\./);
    const loose = await cliCommandRunner({ mode: 'all', allowDomains: [], noSandbox: true }, prp, changes, io(), records, noSandbox);
    const ran = await loose?.run({ command: VALIDATION });
    await loose?.dispose();
    assert.match(ran?.content ?? '', /NOT sandboxed[\s\S]*validated/);
  });
});
