// `dev-backend plan --json` on every fixture PRP and on the shared sample PRPs gives exactly the expected
// tasks, files, statuses, validation commands, warnings and todos (test/fixtures/prps/expected-plans.json).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeIo, type CliIo } from '../../../src/cli/cliIo';
import { main } from '../../../src/cli/main';
import type { Plan } from '../../../src/core/plan/todo';
import type { Prp } from '../../../src/core/prp/prp';
import { planLists, type PlanLists } from './planLists';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURES = 'test/fixtures/prps';
const EXPECTED = JSON.parse(fs.readFileSync(path.join(ROOT, FIXTURES, 'expected-plans.json'), 'utf8')) as Record<string, PlanLists>;

/** The team's shared sample PRPs, next to the checkout (`../shared/prps` from /work/main, `../../` from a worktree). */
function sharedPrpDir(): string | undefined {
  const candidates = [process.env.DEV_BACKEND_SHARED_PRPS, path.resolve(ROOT, '../shared/prps'), path.resolve(ROOT, '../../shared/prps')];
  return candidates.find((d): d is string => d !== undefined && d !== '' && fs.existsSync(d));
}

function markdownFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []))
    .sort();
}

async function planJson(file: string): Promise<{ prp: Prp; plan: Plan }> {
  let out = '';
  const io: CliIo = { ...nodeIo, cwd: ROOT, stdout: (t) => void (out += t), stderr: () => undefined };
  const code = await main(['plan', '--json', file], io);
  assert.ok(code === 0, `plan --json ${file} exited ${code}`);
  return JSON.parse(out) as { prp: Prp; plan: Plan };
}

describe('dev-backend plan --json gives the expected lists', function () {
  this.timeout(60_000);
  const fixtures = markdownFiles(path.join(ROOT, FIXTURES)).map((f) => path.relative(ROOT, f).split(path.sep).join('/'));

  it('every fixture PRP has its expected lists, and nothing else is expected', () => {
    const keys = Object.keys(EXPECTED).filter((k) => !k.startsWith('shared/'));
    assert.deepEqual(keys.sort(), fixtures.map((f) => f.slice(FIXTURES.length + 1)).sort());
  });

  for (const file of fixtures) {
    it(file.slice(FIXTURES.length + 1), async () => {
      assert.deepEqual(planLists(await planJson(file)), EXPECTED[file.slice(FIXTURES.length + 1)]);
    });
  }

  it('the shared sample PRPs, through the bundled dist/cli.js', function () {
    const dir = sharedPrpDir();
    const prps = dir ? markdownFiles(dir) : [];
    // Without the shared folder (a lone checkout) the copies in the fixtures stand in for it.
    const files = prps.length > 0 ? prps : [`${FIXTURES}/auth-api.md`, `${FIXTURES}/payment-webhooks.md`].map((f) => path.join(ROOT, f));
    for (const file of files) {
      const expected = EXPECTED[`shared/${path.basename(file)}`];
      assert.ok(expected, `no expected lists for the shared PRP ${path.basename(file)}: add them to ${FIXTURES}/expected-plans.json`);
      const run = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'plan', '--json', file], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const lists = planLists(JSON.parse(run.stdout) as { prp: Prp; plan: Plan });
      assert.deepEqual(lists, expected);
    }
  });
});
