import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { OUTPUT_MAX_CHARS } from '../../../src/core/commands/outputCapture';
import { ProcessGroups, runProcessGroup, type ProcessLaunch } from '../../../src/core/commands/processGroup';
import { shellArgs } from '../../../src/core/commands/sandboxLaunch';

describe('commands: process groups', function () {
  this.timeout(30_000);
  let dir: string;

  before(async () => {
    dir = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-proc-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function script(name: string, source: string): Promise<string> {
    const file = nodePath.join(dir, name);
    await writeFile(file, source);
    return file;
  }

  function bash(command: string): ProcessLaunch {
    const [file = 'bash', ...args] = shellArgs(command, 'bash');
    return { file, args, cwd: dir, env: process.env };
  }

  /** Running, not a zombie waiting for its reaper (the process was ended either way). */
  function alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
      return process.platform !== 'linux';
    }
  }
  /** A SIGKILLed process can close its pipes a moment before the kernel has finished it: allow that moment. */
  async function goneSoon(pid: number): Promise<boolean> {
    for (let waited = 0; waited < 2000; waited += 50) {
      if (!alive(pid)) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return !alive(pid);
  }


  it('reports the exit code, and a zero exit', async () => {
    const failed = await runProcessGroup(bash('node -e "process.exit(3)"'), { timeoutMs: 10_000 });
    assert.equal(failed.ended, 'exited');
    assert.equal(failed.exitCode, 3);
    const ok = await runProcessGroup(bash('true'), { timeoutMs: 10_000 });
    assert.equal(ok.exitCode, 0);
  });

  it('keeps stdout and stderr in arrival order, with ANSI codes stripped', async () => {
    const file = await script(
      'order.js',
      `const wait = () => new Promise((r) => setTimeout(r, 30));
       (async () => { for (let i = 1; i <= 3; i++) { process.stdout.write('\\x1b[32mout' + i + '\\x1b[0m\\n'); await wait(); process.stderr.write('err' + i + '\\n'); await wait(); } })();`,
    );
    const live: string[] = [];
    const result = await runProcessGroup(bash(`node ${file}`), { timeoutMs: 10_000, onOutput: (t) => live.push(t) });
    assert.equal(result.output.text(), 'out1\nerr1\nout2\nerr2\nout3\nerr3\n');
    assert.equal(live.join(''), result.output.text());
  });

  it('cuts long output in the middle with a line saying how much was cut', async () => {
    const file = await script('long.js', `for (let i = 0; i < 10000; i++) console.log(String(i).padStart(9, '0'));`);
    const result = await runProcessGroup(bash(`node ${file}`), { timeoutMs: 10_000 });
    const text = result.output.text();
    assert.equal(result.output.length, 100_000);
    assert.ok(text.startsWith('000000000\n000000001\n'));
    assert.ok(text.endsWith('000009999\n'));
    const cut = /\n\.\.\. \[(\d+) characters cut from the middle of the output\] \.\.\.\n/.exec(text);
    assert.ok(cut, text.slice(14_000, 16_000));
    assert.equal(Number(cut[1]), 100_000 - OUTPUT_MAX_CHARS);
    assert.equal(text.length - cut[0].length, OUTPUT_MAX_CHARS);
  });

  it('keeps the heap bounded while a command prints 200 MB', async () => {
    const file = await script(
      'flood.js',
      `const line = 'x'.repeat(1023) + '\\n'; const chunk = line.repeat(1024); let left = 200;
       const pump = () => { while (left > 0) { left--; if (!process.stdout.write(chunk)) return process.stdout.once('drain', pump); } };
       pump();`,
    );
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    let seen = 0;
    const result = await runProcessGroup(bash(`node ${file}`), { timeoutMs: 60_000, onOutput: (t) => (seen += t.length) });
    clearInterval(sampler);
    assert.equal(result.exitCode, 0);
    assert.equal(result.output.length, 200 * 1024 * 1024);
    assert.equal(seen, 200 * 1024 * 1024);
    assert.ok(result.output.text().length < OUTPUT_MAX_CHARS + 200);
    assert.ok(peak - baseline < 64 * 1024 * 1024, `heap grew by ${Math.round((peak - baseline) / 1e6)} MB`);
  });

  const stubborn = `process.on('SIGTERM', () => {}); console.log('grandchild ' + process.pid); setInterval(() => {}, 1000);`;

  it('on timeout ends the whole group, including a grandchild that ignores SIGTERM', async () => {
    const file = await script('stubborn.js', stubborn);
    const result = await runProcessGroup(bash(`node ${file} & wait`), { timeoutMs: 800, graceMs: 300 });
    assert.equal(result.ended, 'timeout');
    assert.equal(result.exitCode, null);
    const pid = Number(/grandchild (\d+)/.exec(result.output.text())?.[1]);
    assert.ok(pid > 0, result.output.text());
    assert.equal(await goneSoon(pid), true, `pid ${pid} is still running`);
  });

  it('on cancel ends the whole group', async () => {
    const file = await script('stubborn2.js', stubborn);
    const abort = new AbortController();
    const pending = runProcessGroup(bash(`node ${file} & wait`), {
      timeoutMs: 30_000,
      graceMs: 300,
      signal: abort.signal,
      onOutput: (text) => {
        if (text.includes('grandchild')) abort.abort();
      },
    });
    const result = await pending;
    assert.equal(result.ended, 'cancelled');
    const pid = Number(/grandchild (\d+)/.exec(result.output.text())?.[1]);
    assert.equal(await goneSoon(pid), true, `pid ${pid} is still running`);
  });

  it('ends what a finished command left running with &, and a run end ends live groups', async () => {
    const file = await script('stubborn3.js', stubborn);
    const result = await runProcessGroup(bash(`node ${file} &\nsleep 0.3; exit 0`), { timeoutMs: 30_000, graceMs: 300 });
    assert.equal(result.exitCode, 0);
    const pid = Number(/grandchild (\d+)/.exec(result.output.text())?.[1]);
    assert.equal(await goneSoon(pid), true, `pid ${pid} is still running`);

    const groups = new ProcessGroups();
    let started = '';
    const pending = runProcessGroup(bash(`node ${file} & wait`), { timeoutMs: 30_000, graceMs: 300, groups, onOutput: (t) => (started += t) });
    while (!started.includes('grandchild')) await new Promise((r) => setTimeout(r, 20));
    assert.equal(groups.size, 1);
    await groups.endAll();
    const ended = await pending;
    assert.equal(await goneSoon(Number(/grandchild (\d+)/.exec(ended.output.text())?.[1])), true);
  });

  it('says why a command could not start', async () => {
    const result = await runProcessGroup({ file: nodePath.join(dir, 'no-such-shell'), args: [], cwd: dir, env: process.env }, { timeoutMs: 5_000 });
    assert.equal(result.ended, 'spawn-failed');
    assert.match(result.spawnError ?? '', /ENOENT/);
  });
});
