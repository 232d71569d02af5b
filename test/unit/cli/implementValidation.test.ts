// `dev-backend implement` runs the PRP's gates after a completed run and lets the model fix a failing level, over the
// fake Anthropic server and real `node` processes on a tiny Node project.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { nodeIo, type CliIo } from '../../../src/cli/cliIo';
import { implementCommand } from '../../../src/cli/implementCommand';
import { FakeAnthropicServer, type RecordedRequest, type Responder } from '../../fakes/fakeAnthropicServer';
import type { WireBlock } from '../../fakes/messagesWire';
import { scriptedImplementer } from '../../fakes/scriptedImplementer';
import { hashTree } from '../commands/commandFixtures';

const KEY = 'sk-ant-cli-test';
const PRP = `# PRP: math helpers

## Goal
add(a, b) returns the sum.

## Validation Loop

### Level 1: Syntax

\`\`\`bash
node --check src/math.js
\`\`\`

### Level 2: Unit tests

\`\`\`bash
node --test test/
\`\`\`
`;
const BUGGY = 'exports.add = (a, b) => a - b;\n';
const TEST = `const { test } = require('node:test');
const assert = require('node:assert');
const { add } = require('../src/math.js');
test('adds numbers', () => assert.strictEqual(add(2, 2), 4));
`;

interface Report {
  outcome: { status: string };
  changes: { path: string }[];
  validation: Array<{ level: number; status: string; attempts: number; commands: Array<{ command: string; exitCode: number | null; status: string }> }>;
  fixRounds: Array<{ round: number; level: number; command: string; summary: string }>;
  fixUsage: { outputTokens: number };
}

function lastMessageText(request: RecordedRequest): string {
  const messages = request.body?.messages ?? [];
  const last = messages[messages.length - 1];
  if (!last) return '';
  return typeof last.content === 'string' ? last.content : last.content.map((b: WireBlock) => (typeof b.text === 'string' ? b.text : '')).join('\n');
}

const isFixRequest = (request: RecordedRequest): boolean => lastMessageText(request).includes('Validation gate Level');

/** Implements the plan like Claude would; asked for a fix, runs `fix` (a script of turns) instead. */
function implementerThatFixes(fix: Responder): Responder {
  const implement = scriptedImplementer({ fileLines: 5 });
  let fixing = false;
  return (request, index) => {
    if (isFixRequest(request)) fixing = true;
    return fixing ? fix(request, index) : implement(request, index);
  };
}

describe('dev-backend implement: validation gates and the fix loop', function () {
  this.timeout(60_000);
  let server: FakeAnthropicServer;
  let root: string;
  let out: string[];
  let err: string[];

  beforeEach(async () => {
    server = new FakeAnthropicServer({ requireKey: KEY });
    await server.start();
    root = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-cli-gates-'));
    await mkdir(nodePath.join(root, 'src'));
    await mkdir(nodePath.join(root, 'test'));
    await writeFile(nodePath.join(root, 'PRP.md'), PRP);
    await writeFile(nodePath.join(root, 'src', 'math.js'), BUGGY);
    await writeFile(nodePath.join(root, 'test', 'math.test.js'), TEST);
    out = [];
    err = [];
  });
  afterEach(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  const io = (): CliIo => ({ ...nodeIo, cwd: root, env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.baseURL }, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) });

  it('a failing Level 2 goes to the model, its staged fix passes the re-run, exit 0; the disk is untouched', async () => {
    let step = 0;
    server.respondWith(
      implementerThatFixes(() => {
        step++;
        if (step === 1) return { toolUses: [{ name: 'read_file', input: { path: 'src/math.js' } }] };
        if (step === 2) return { toolUses: [{ name: 'edit_file', input: { path: 'src/math.js', old_string: 'a - b', new_string: 'a + b' } }] };
        return { text: 'add subtracted; it adds now.' };
      }),
    );
    const before = await hashTree(root);
    const code = await implementCommand(['PRP.md', '--json', '--no-sandbox'], io());
    const stderr = err.join('');
    assert.equal(code, 0, stderr);
    const report = JSON.parse(out.join('')) as Report;
    assert.equal(report.outcome.status, 'completed');
    assert.deepEqual(report.validation.map((g) => [g.level, g.status, g.attempts]), [[1, 'passed', 2], [2, 'passed', 2]]);
    assert.deepEqual(report.fixRounds.map((r) => [r.round, r.level, r.command, r.summary]), [[1, 2, 'node --test test/', 'add subtracted; it adds now.']]);
    assert.ok(report.fixUsage.outputTokens > 0);
    assert.deepEqual(report.changes.map((c) => c.path), ['src/math.js']);
    // Level 2 failed first, then passed after fix round 1.
    assert.match(stderr, /validation: Level 2 failed: node --test test\/[\s\S]*fix round 1[\s\S]*validation: Level 2 passed/);
    assert.match(stderr, /Validation: all 2 levels passed after 1 fix round\./);

    const fixRequests = server.messageRequests.filter(isFixRequest);
    assert.equal(fixRequests.length, 1);
    const ask = lastMessageText(fixRequests[0]);
    assert.match(ask, /Level 2 \(Unit tests\)/);
    assert.match(ask, /exactly as the PRP gives it: node --test test\//);
    assert.match(ask, /exited with code 1/);
    assert.match(ask, /# fail 1/);
    assert.match(ask, /adds numbers/);
    assert.match(ask, /Do not change the PRP's validation commands, and do not skip, delete or weaken tests/);
    // The fix round opens with the failure alone, not the plan kickoff again with the failure tacked on.
    assert.match(ask, /^Validation gate Level 2/);
    assert.doesNotMatch(ask, /Here is the current plan|The user adds/);
    // The fix continues the same conversation: the run's opening message is in its history.
    assert.ok((fixRequests[0].body?.messages ?? []).length > 2);
    assert.match(JSON.stringify(fixRequests[0].body?.messages?.[0]), /Here is the current plan/);

    assert.equal(await hashTree(root), before);
  });

  it('a fix that changes nothing stops the loop (no progress) and exits 1', async () => {
    server.respondWith(implementerThatFixes(() => ({ text: 'I could not find the problem.' })));
    const code = await implementCommand(['PRP.md', '--json', '--no-sandbox'], io());
    const stderr = err.join('');
    assert.equal(code, 1, stderr);
    const report = JSON.parse(out.join('')) as Report;
    assert.equal(report.outcome.status, 'completed');
    assert.deepEqual(report.validation.map((g) => [g.level, g.status]), [[1, 'passed'], [2, 'failed']]);
    assert.equal(report.fixRounds.length, 1);
    assert.match(stderr, /no progress, so the fix loop stopped/);
    assert.equal(server.messageRequests.filter(isFixRequest).length, 1);
  });

  it('--max-fix-rounds 0 runs the gates without asking for a fix', async () => {
    server.respondWith(implementerThatFixes(() => assert.fail('no fix may be asked for')));
    const code = await implementCommand(['PRP.md', '--json', '--no-sandbox', '--max-fix-rounds', '0'], io());
    assert.equal(code, 1);
    const report = JSON.parse(out.join('')) as Report;
    assert.deepEqual(report.validation.map((g) => [g.level, g.status, g.attempts]), [[1, 'passed', 1], [2, 'failed', 1]]);
    assert.deepEqual(report.fixRounds, []);
    assert.match(err.join(''), /after 0 fix rounds \(--max-fix-rounds\)\./);
  });

  it('--commands none runs no gate, says so, and reports validation: []', async () => {
    server.respondWith(scriptedImplementer({ fileLines: 5 }));
    const code = await implementCommand(['PRP.md', '--json', '--commands', 'none'], io());
    assert.equal(code, 1, err.join('')); // no gate passed: their todos stay open
    const report = JSON.parse(out.join('')) as Report;
    assert.deepEqual(report.validation, []);
    assert.match(err.join(''), /gates not run: commands are off \(--commands none\)/);
  });

  it('a bad --max-fix-rounds is a usage error before any model call', async () => {
    assert.equal(await implementCommand(['PRP.md', '--max-fix-rounds', '-1'], io()), 2);
    assert.equal(await implementCommand(['PRP.md', '--max-fix-rounds', 'many'], io()), 2);
    assert.match(err.join(''), /--max-fix-rounds must be a whole number/);
    assert.equal(server.messageRequests.length, 0);
  });
});
