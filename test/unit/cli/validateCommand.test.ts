// `dev-backend validate`: the PRP's gates against a small Node project whose tests run offline with node --test.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { nodeIo, type CliIo } from '../../../src/cli/cliIo';
import { validateCommand } from '../../../src/cli/validateCommand';
import { detectSandbox } from '../../../src/core/commands/sandboxLaunch';

const PRP = `# PRP: math helpers

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

const TEST = `const { test } = require('node:test');
const assert = require('node:assert');
const { add } = require('../src/math.js');
test('adds numbers', () => assert.strictEqual(add(2, 2), 4));
`;

interface Report {
  prp: string;
  validation: Array<{ level: number; title: string; status: string; attempts: number; commands: Array<{ command: string; exitCode: number | null; durationMs: number; status: string; outputTail: string }> }>;
}

describe('dev-backend validate', function () {
  this.timeout(60_000);
  let root: string;
  let out: string[];
  let err: string[];

  beforeEach(async () => {
    root = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-validate-'));
    await mkdir(nodePath.join(root, 'src'));
    await mkdir(nodePath.join(root, 'test'));
    await mkdir(nodePath.join(root, 'PRPs'));
    await writeFile(nodePath.join(root, 'PRPs', 'math.md'), PRP);
    await writeFile(nodePath.join(root, 'test', 'math.test.js'), TEST);
    out = [];
    err = [];
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const io = (): CliIo => ({ ...nodeIo, cwd: root, env: {}, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) });

  it('exits 0 when every gate passes, with the JSON report', async () => {
    await writeFile(nodePath.join(root, 'src', 'math.js'), 'exports.add = (a, b) => a + b;\n');
    const code = await validateCommand(['PRPs/math.md', '--json', '--no-sandbox'], io());
    assert.equal(code, 0, err.join(''));
    const report = JSON.parse(out.join('')) as Report;
    assert.equal(report.prp, 'PRPs/math.md');
    assert.deepEqual(report.validation.map((g) => [g.level, g.status, g.attempts]), [[1, 'passed', 1], [2, 'passed', 1]]);
    assert.deepEqual(report.validation[1].commands.map((c) => [c.command, c.exitCode, c.status]), [['node --test test/', 0, 'passed']]);
    assert.match(err.join(''), /Validation: all 2 levels passed\./);
  });

  it('exits 1 when a gate fails, with the tail of its output; the workspace is left as it was', async () => {
    await writeFile(nodePath.join(root, 'src', 'math.js'), 'exports.add = (a, b) => a - b;\n');
    const before = await readFile(nodePath.join(root, 'src', 'math.js'), 'utf8');
    const code = await validateCommand(['PRPs/math.md', '--no-sandbox'], io());
    assert.equal(code, 1);
    const markdown = out.join('');
    assert.match(markdown, /Level 1: Syntax \(passed/);
    assert.match(markdown, /Level 2: Unit tests \(failed/);
    assert.match(markdown, /`node --test test\/`: failed, exit 1/);
    assert.match(markdown, /# fail 1/);
    assert.equal(await readFile(nodePath.join(root, 'src', 'math.js'), 'utf8'), before);
  });

  it('a gate whose program is missing could not run, and says what to install', async () => {
    await writeFile(nodePath.join(root, 'src', 'math.js'), 'exports.add = (a, b) => a + b;\n');
    await writeFile(nodePath.join(root, 'PRPs', 'math.md'), `${PRP}\n### Level 3: Lint\n\n\`\`\`bash\ndev-backend-no-such-linter src/\n\`\`\`\n`);
    const code = await validateCommand(['PRPs/math.md', '--json', '--no-sandbox'], io());
    assert.equal(code, 1);
    const report = JSON.parse(out.join('')) as Report;
    assert.equal(report.validation[2].status, 'could_not_run');
    assert.match(out.join(''), /dev-backend-no-such-linter/);
  });

  it('runs sandboxed by default where the sandbox can start', async function () {
    const support = await detectSandbox();
    if (!support.sandbox) {
      console.log(`      (skipped: the sandbox cannot start here: ${support.problem ?? 'unknown'})`);
      this.skip();
    }
    await writeFile(nodePath.join(root, 'src', 'math.js'), 'exports.add = (a, b) => a + b;\n');
    const code = await validateCommand(['PRPs/math.md'], io());
    assert.equal(code, 0, err.join('') + out.join(''));
    assert.match(out.join(''), /`node --test test\/`: passed, exit 0, .*, sandboxed/);
  });

  it('exits 2 on bad input', async () => {
    assert.equal(await validateCommand([], io()), 2);
    assert.equal(await validateCommand(['PRPs/nope.md'], io()), 2);
    assert.match(err.join(''), /nope\.md/);
  });
});
