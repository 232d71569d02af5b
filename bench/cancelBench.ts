// Section 9: Ctrl+C. How long `dev-backend implement` takes to exit after SIGINT while the API keeps it waiting: a
// stream that stalls mid-answer, and a 30 s retry-after it is waiting out. The CLI tests only check that it ends
// rather than sitting the wait out; the 1 s target is here.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { FakeAnthropicServer, type Responder } from '../test/fakes/fakeAnthropicServer';
import { AUTH_PRP_PATH, copyAuthWorkspace, repoRoot, tempFolder } from './benchFixtures';
import type { BenchRow, SectionResult } from './report';
import { summarize } from './stats';

const SAMPLES = 7;
const TARGET_MS = 1000;

interface Wait {
  name: string;
  respond: Responder;
  /** stderr once the CLI is in the wait. */
  waiting: RegExp;
}

const WAITS: Wait[] = [
  { name: 'a stalled stream', respond: () => ({ hang: true, afterText: 'Working on it' }), waiting: /dev-backend on PRPs\/auth-api\.md/ },
  {
    name: 'a 30 s retry-after',
    respond: () => ({ httpError: { status: 429, type: 'rate_limit_error', message: 'slow down', headers: { 'retry-after': '30' } } }),
    waiting: /waiting: Rate limited by Anthropic/,
  },
];

/** One run: start the CLI, wait until it is in the wait (plus 200 ms for a stream to go quiet), SIGINT, time to exit. */
async function sigintToExit(baseURL: string, waiting: RegExp, cwd: string, home: string): Promise<number> {
  const cli = path.join(repoRoot(), 'out', 'src', 'cli', 'main.js');
  const child = spawn(process.execPath, [cli, 'implement', AUTH_PRP_PATH], {
    cwd,
    env: { PATH: process.env.PATH, HOME: home, XDG_STATE_HOME: path.join(home, 'state'), ANTHROPIC_API_KEY: 'sk-ant-bench-cancel', ANTHROPIC_BASE_URL: baseURL },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(performance.now())));
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (waiting.test(stderr)) resolve();
    });
    void exited.then(() => reject(new Error(`the CLI ended before the wait:\n${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const sent = performance.now();
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const at = await exited;
  clearTimeout(timer);
  if (!/cancelled: Cancelled by the user\./.test(stderr)) throw new Error(`the CLI did not say it was cancelled:\n${stderr}`);
  return at - sent;
}

export async function cancelBench(): Promise<SectionResult> {
  const rows: BenchRow[] = [];
  const details: Record<string, number[]> = {};
  for (const wait of WAITS) {
    const server = new FakeAnthropicServer();
    server.respondWith(wait.respond);
    const baseURL = await server.start();
    const workspace = copyAuthWorkspace();
    const home = tempFolder('dev-backend-bench-home-');
    try {
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i++) samples.push(await sigintToExit(baseURL, wait.waiting, workspace.dir, home.dir));
      const s = summarize(samples);
      details[wait.name] = samples;
      rows.push({ metric: `SIGINT to exit during ${wait.name}, median of ${SAMPLES}`, value: s.median, unit: 'ms', target: { op: '<', value: TARGET_MS } });
      rows.push({ metric: `SIGINT to exit during ${wait.name}, slowest`, value: s.max, unit: 'ms' });
    } finally {
      await server.stop();
      workspace.dispose();
      home.dispose();
    }
  }
  return {
    title: 'Ctrl+C while the API keeps the CLI waiting',
    rows,
    method: `the built CLI (out/src/cli/main.js) on a copy of the fixture workspace against the fake server; SIGINT 200 ms into the wait; wall-clock ms from kill() to the exit event, ${SAMPLES} runs each`,
    details,
  };
}
