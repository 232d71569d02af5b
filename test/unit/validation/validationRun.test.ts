import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { parsePrp } from '../../../src/core/prp/prpParser';
import { commandVerdict } from '../../../src/core/validation/commandVerdict';
import { failureSignature } from '../../../src/core/validation/failureSignature';
import { gateCommands, gatesOf, type Gate } from '../../../src/core/validation/gate';
import { gateConsentKey, gateConsentQuestion } from '../../../src/core/validation/gateConsent';
import type { GateCommandResult, GateCommandRunner } from '../../../src/core/validation/gateCommandRunner';
import { validationJson, validationMarkdown, validationSummary } from '../../../src/core/validation/validationReport';
import { runValidation, type GateFailure } from '../../../src/core/validation/validationRun';

const FIXTURES = nodePath.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures');

/** Runs commands with bash for real; `state` is exported to them so a "fix" can change what they see. */
class BashRunner implements GateCommandRunner {
  readonly ran: string[] = [];
  constructor(private readonly env: Record<string, string> = {}) {}
  run(command: string, options: { signal?: AbortSignal }): Promise<GateCommandResult> {
    this.ran.push(command);
    const started = Date.now();
    return new Promise((resolve) => {
      const child = spawn('bash', ['-c', command], { env: { ...process.env, ...this.env }, signal: options.signal });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('error', () => undefined); // abort: reported through 'close'
      child.on('close', (code) => {
        const cancelled = options.signal?.aborted === true;
        resolve({ exitCode: cancelled ? null : code, timedOut: false, cancelled, output, durationMs: Date.now() - started, sandboxed: false });
      });
    });
  }
  set(name: string, value: string): void {
    this.env[name] = value;
  }
}

const gate = (level: number, ...commands: string[]): Gate => ({ level, title: `Level ${level} checks`, line: level * 10, commands });

describe('validation gates', function () {
  this.timeout(20000);

  it('gates are the PRP levels with commands, exactly as written; one consent key per exact list', async () => {
    const prp = parsePrp(await readFile(nodePath.join(FIXTURES, 'prps', 'auth-api.md'), 'utf8'));
    const gates = gatesOf(prp);
    assert.ok(gates.length >= 2);
    assert.deepEqual(gates.map((g) => g.level), prp.validationLevels.filter((l) => l.commands.length > 0).map((l) => l.level));
    assert.deepEqual(gates[0].commands, prp.validationLevels.find((l) => l.level === gates[0].level)?.commands);
    const commands = gateCommands(gates);
    assert.equal(gateConsentKey('PRPs/a.md', commands), gateConsentKey('PRPs/a.md', [...commands]));
    assert.notEqual(gateConsentKey('PRPs/a.md', commands), gateConsentKey('PRPs/a.md', [...commands, 'npm test']));
    assert.equal(gateConsentQuestion(['npm test', 'npm run lint'], true), 'Run these 2 commands from the PRP, sandboxed, against the staged changes?');
    assert.equal(gateConsentQuestion(['npm test'], false), 'Run this command from the PRP, NOT sandboxed, against the staged changes?');
  });

  it('runs the levels in order; all passing needs no model', async () => {
    const runner = new BashRunner();
    let asked = 0;
    const report = await runValidation([gate(1, 'true', 'echo lint ok'), gate(2, 'exit 0')], {
      runner,
      fixer: async () => String(++asked),
      maxFixRounds: 3,
    });
    assert.deepEqual(report.gates.map((g) => [g.level, g.status, g.attempts]), [[1, 'passed', 1], [2, 'passed', 1]]);
    assert.deepEqual(runner.ran, ['true', 'echo lint ok', 'exit 0']);
    assert.equal(asked, 0);
    assert.match(validationSummary(report), /all 2 levels passed/);
  });

  it('a missing program is "could not run", with what to do, and never reaches the model', async () => {
    const runner = new BashRunner();
    let asked = 0;
    const report = await runValidation([gate(1, 'dev-backend-no-such-tool --check'), gate(2, 'true')], {
      runner,
      fixer: async () => String(++asked),
      maxFixRounds: 3,
    });
    assert.equal(asked, 0);
    assert.equal(report.gates[0].status, 'could_not_run');
    assert.equal(report.gates[0].commands[0].exitCode, 127);
    assert.match(report.gates[0].commands[0].reason ?? '', /dev-backend-no-such-tool is not installed or not on PATH/);
    assert.match(report.gates[0].commands[0].advice ?? '', /Install dev-backend-no-such-tool/);
    assert.equal(report.gates[1].status, 'passed', 'a level that could not run does not stop the later ones');
  });

  it('a failed level goes to the model with its command and output, then it and the levels before run again', async () => {
    const runner = new BashRunner({ FIXED: '0' });
    const failures: GateFailure[] = [];
    const report = await runValidation(
      [gate(1, 'true'), gate(2, 'if [ "$FIXED" = 1 ]; then echo ok; else echo "not ok 1 - adds numbers"; exit 1; fi'), gate(3, 'true')],
      {
        runner,
        fixer: async (failure) => {
          failures.push(failure);
          runner.set('FIXED', '1');
          return 'Fixed add() in src/math.js';
        },
        maxFixRounds: 3,
      },
    );
    assert.equal(failures.length, 1);
    assert.equal(failures[0].gate.level, 2);
    assert.match(failures[0].output, /not ok 1 - adds numbers/);
    assert.equal(failures[0].exitCode, 1);
    assert.deepEqual(report.gates.map((g) => [g.status, g.attempts]), [['passed', 2], ['passed', 2], ['passed', 1]]);
    assert.deepEqual(report.fixRounds, [{ round: 1, level: 2, command: failures[0].command, summary: 'Fixed add() in src/math.js' }]);
    assert.equal(report.stoppedBecause, undefined);
    const markdown = validationMarkdown(report, 'PRPs/math.md');
    assert.match(markdown, /Level 2: Level 2 checks \(passed, .*2 attempts\)/);
    assert.match(markdown, /1\. Level 2, `.*`: Fixed add\(\) in src\/math\.js/);
  });

  it('stops when a round makes no progress: the same failure twice, whatever the timings and temp paths', async () => {
    const runner = new BashRunner();
    let asked = 0;
    const command = 'echo "not ok 1 - parses dates ($RANDOM ms) at /tmp/shadow-$RANDOM/x.js"; echo "src/date.js:12:3 TS2345"; exit 1';
    const report = await runValidation([gate(1, command), gate(2, 'true')], {
      runner,
      fixer: async () => String(++asked),
      maxFixRounds: 3,
    });
    assert.equal(asked, 1);
    assert.equal(report.gates[0].status, 'failed');
    assert.equal(report.gates[0].attempts, 2);
    assert.match(report.stoppedBecause ?? '', /failed the same way after a fix: no progress/);
    assert.equal(report.gates[1].status, 'not_run');
  });

  it('stops at the round limit when every round fails differently', async () => {
    const runner = new BashRunner({ ROUND: '0' });
    let round = 0;
    const report = await runValidation([gate(1, 'echo "not ok 1 - case $ROUND"; exit 1')], {
      runner,
      fixer: async () => {
        runner.set('ROUND', String(++round));
        return `round ${round}`;
      },
      maxFixRounds: 2,
    });
    assert.equal(report.fixRounds.length, 2);
    assert.equal(report.gates[0].status, 'failed');
    assert.equal(report.gates[0].attempts, 3);
    assert.match(report.stoppedBecause ?? '', /still fails after 2 fix rounds \(/);
    const json = validationJson(report);
    assert.deepEqual(Object.keys(json[0]).sort(), ['attempts', 'commands', 'level', 'status', 'title']);
    assert.deepEqual(Object.keys(json[0].commands[0]).sort(), ['command', 'durationMs', 'exitCode', 'outputTail', 'status']);
    assert.match(json[0].commands[0].outputTail, /not ok 1 - case 2/);
  });

  it('a fix that breaks an earlier level sends the loop back to it', async () => {
    const runner = new BashRunner({ STEP: '0' });
    const levels: number[] = [];
    const report = await runValidation([gate(1, '[ "$STEP" != 1 ] || { echo "lint: src/a.js:1 E0001"; exit 1; }'), gate(2, '[ "$STEP" = 2 ] || { echo "not ok 1 - t$STEP"; exit 1; }')], {
      runner,
      fixer: async (failure) => {
        levels.push(failure.gate.level);
        runner.set('STEP', String(levels.length));
        return 'changed';
      },
      maxFixRounds: 3,
    });
    assert.deepEqual(levels, [2, 1]);
    assert.deepEqual(report.gates.map((g) => g.status), ['passed', 'passed']);
  });

  it('cancelling during a gate stops it and runs nothing more', async () => {
    const runner = new BashRunner();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const report = await runValidation([gate(1, 'sleep 30'), gate(2, 'true')], { runner, maxFixRounds: 3, signal: controller.signal });
    assert.ok(Date.now() - started < 10_000);
    assert.equal(report.gates[0].status, 'not_run');
    assert.equal(report.gates[0].commands[0].reason, 'cancelled');
    assert.equal(report.gates[1].status, 'not_run');
    assert.equal(report.stoppedBecause, 'cancelled');
    assert.deepEqual(runner.ran, ['sleep 30']);
  });

  it('without a fixer (validate), a failure is reported and the later levels still run', async () => {
    const report = await runValidation([gate(1, 'exit 3'), gate(2, 'true')], { runner: new BashRunner(), maxFixRounds: 3 });
    assert.deepEqual(report.gates.map((g) => g.status), ['failed', 'passed']);
    assert.equal(report.gates[0].commands[0].reason, 'exit 3');
  });
});

describe('gate verdicts and failure signatures', () => {
  const result = (over: Partial<GateCommandResult>): GateCommandResult => ({
    exitCode: 1, timedOut: false, cancelled: false, output: '', durationMs: 5, sandboxed: true, ...over,
  });

  it('timeouts, non-executables, missing interpreters and no network could not run', () => {
    assert.equal(commandVerdict('npm test', result({ exitCode: null, timedOut: true, durationMs: 120_000 })).status, 'could_not_run');
    assert.match(commandVerdict('npm test', result({ exitCode: null, timedOut: true, durationMs: 120_000 })).reason ?? '', /stopped after 120 s: timeout/);
    assert.equal(commandVerdict('./x.sh', result({ exitCode: 126 })).status, 'could_not_run');
    const env = commandVerdict('./manage.py test', result({ exitCode: 127, output: "/usr/bin/env: 'python': No such file or directory\n" }));
    assert.match(env.reason ?? '', /^python is not installed/);
    const offline = commandVerdict('npm ci', result({ output: 'npm ERR! getaddrinfo EAI_AGAIN registry.npmjs.org' }));
    assert.equal(offline.status, 'could_not_run');
    assert.match(offline.advice ?? '', /devBackend\.commands\.allowedDomains/);
    assert.equal(commandVerdict('npm ci', result({ sandboxed: false, output: 'getaddrinfo EAI_AGAIN x' })).status, 'failed');
    assert.equal(commandVerdict('x', result({ notRun: 'the user declined' })).status, 'not_run');
  });

  it('signatures ignore timings, addresses, dates and temp paths, and keep tests, codes and locations', () => {
    const a = failureSignature(1, '✖ adds numbers (12.5ms)\nat /tmp/dev-backend-shadow-abc/src/a.js:3:9\nsrc/a.ts:4:1 - error TS2322 0x7ffe12\n2026-12-01T10:00:00Z');
    const b = failureSignature(1, '✖ adds numbers (3ms)\nat /tmp/dev-backend-shadow-xyz/src/a.js:3:9\nsrc/a.ts:4:1 - error TS2322 0x7ffe99\n2026-12-02T11:00:00Z');
    assert.equal(a, b);
    assert.match(a, /test:adds numbers/);
    assert.match(a, /code:TS2322/);
    assert.match(a, /at:src\/a\.ts:4/);
    assert.notEqual(a, failureSignature(1, '✖ subtracts numbers (3ms)\nsrc/a.ts:4:1 - error TS2322'));
    assert.notEqual(a, failureSignature(2, '✖ adds numbers (12.5ms)\nsrc/a.ts:4:1 - error TS2322'));
  });
});
