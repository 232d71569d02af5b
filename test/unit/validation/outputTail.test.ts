// The output tail a gate keeps for its tooltip, report and JSON: the last lines, led by the lines naming what failed
// when they scrolled out of the last lines.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { tail } from '../../../src/core/validation/validationRun';

const numbered = (from: number, to: number, text = 'ok'): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${text} ${from + i}`);

describe('the output tail of a gate command', () => {
  it('keeps a short output whole', () => {
    assert.equal(tail('line 1\nline 2\n\n'), 'line 1\nline 2');
  });

  it('keeps the last 30 lines when no line names a failure', () => {
    assert.equal(tail(numbered(1, 100).join('\n')), numbered(71, 100).join('\n'));
  });

  it('leads with the failing test that scrolled out, then the last lines with the totals', () => {
    const output = [...numbered(1, 19), 'not ok 20 - login rejects a wrong password', ...numbered(21, 80, '  diagnostic'), '# pass 79', '# fail 1'].join('\n');
    const lines = tail(output).split('\n');
    assert.equal(lines[0], 'not ok 20 - login rejects a wrong password');
    assert.equal(lines[1], '…');
    assert.deepEqual(lines.slice(-2), ['# pass 79', '# fail 1']);
    assert.equal(lines.length, 30);
  });

  it('names each failure once, the first ten, from the formats gates print', () => {
    const failures = [
      'src/auth.ts(3,7): error TS2322: Type string is not assignable to type number.',
      '✖ refresh token reuse revokes the session (4.1ms)',
      'FAIL test/notes.test.ts',
      '--- FAIL: TestLogin (0.00s)',
      'FAILED tests/test_auth.py::test_login - assert 401 == 200',
      'error[E0308]: mismatched types',
      'main.c:3:5: error: expected ; before return',
      'AssertionError: expected 201, got 500',
      '  × returns 401 without a token',
      '  ● notes › only the owner sees a note',
      'not ok 12 - logout',
      'not ok 13 - the eleventh failure is left out',
    ];
    const output = [...failures, 'not ok 12 - logout', ...numbered(1, 60, 'detail'), 'done'].join('\n');
    const lines = tail(output).split('\n');
    assert.deepEqual(lines.slice(0, 10), failures.slice(0, 10));
    assert.equal(lines[10], '…');
    assert.equal(lines.at(-1), 'done');
    assert.equal(lines.length, 30);
  });

  it('does not repeat a failure line that is among the last lines anyway', () => {
    const output = [...numbered(1, 60), 'not ok 61 - near the end', ...numbered(62, 70)].join('\n');
    assert.equal(tail(output), [...numbered(41, 60), 'not ok 61 - near the end', ...numbered(62, 70)].join('\n'));
  });

  it('stays within 3,000 characters, the failure names first', () => {
    const output = ['not ok 1 - the one that failed', ...Array.from({ length: 200 }, (_, i) => `${i} ${'x'.repeat(300)}`)].join('\n');
    const kept = tail(output);
    assert.ok(kept.length <= 3000, `${kept.length} characters`);
    assert.ok(kept.startsWith('not ok 1 - the one that failed\n…\n'));
  });

  it("keeps the failing test's name from a real `node --test` run with 60 passing tests after it", function () {
    this.timeout(20_000);
    const dir = mkdtempSync(nodePath.join(tmpdir(), 'dev-backend-tail-'));
    try {
      const tests = ["const test = require('node:test');", "const assert = require('node:assert');", "test('login rejects a wrong password', () => assert.equal(401, 200));"];
      for (let i = 1; i <= 60; i++) tests.push(`test('passing ${i}', () => {});`);
      writeFileSync(nodePath.join(dir, 'auth.test.js'), tests.join('\n'));
      const run = spawnSync(process.execPath, ['--test', nodePath.join(dir, 'auth.test.js')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.notEqual(run.status, 0, 'the test run did not fail');
      const output = run.stdout + run.stderr;
      const whole = output.trimEnd().split('\n');
      assert.ok(!whole.slice(-30).some((l) => l.includes('login rejects a wrong password')), 'the failure is in the last 30 lines anyway: the case is not tested');
      assert.match(tail(output), /login rejects a wrong password/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
