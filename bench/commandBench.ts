// Section 6: commands. Per-command overhead of shadow + sandbox over running `node -e 0` directly, shadow setup
// for 1,000 / 10,000 / 50,000 files (overlay: what runs; copy: the fallback, for comparison), heap after 500 commands.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ChangeSet } from '../src/core/changes/changeSet';
import { CommandRunner, listSecretFiles } from '../src/core/commands/commandRunner';
import type { CommandConsent } from '../src/core/commands/commandPolicy';
import { CopyShadow } from '../src/core/commands/copyShadow';
import { OverlayShadow } from '../src/core/commands/overlayShadow';
import { runProcessGroup } from '../src/core/commands/processGroup';
import { detectSandbox, shellArgs } from '../src/core/commands/sandboxLaunch';
import { NodeWorkspace } from '../src/core/workspace/nodeWorkspace';
import type { SectionResult } from './report';
import { median } from './stats';

const consent: CommandConsent = { isAllowed: () => true, ask: () => Promise.resolve('run'), allow: () => undefined };

async function makeWorkspace(files: number): Promise<string> {
  const root = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-bench-ws-'));
  await writeFile(nodePath.join(root, '.gitignore'), 'node_modules/\n');
  for (let d = 0; d < Math.ceil(files / 100); d++) {
    const dir = nodePath.join(root, 'src', `m${d}`);
    await mkdir(dir, { recursive: true });
    const count = Math.min(100, files - d * 100);
    await Promise.all(Array.from({ length: count }, (_, i) => writeFile(nodePath.join(dir, `f${i}.ts`), `export const v${i} = ${i};\n`)));
  }
  return root;
}

async function timed(task: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await task();
  return performance.now() - t;
}

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export async function commandBench(): Promise<SectionResult> {
  const support = await detectSandbox();
  const rows: SectionResult['rows'] = [];
  const root = await makeWorkspace(200);
  const changes = new ChangeSet(new NodeWorkspace(root));
  await changes.write('src/staged.ts', 'export const staged = 1;\n');
  const runner = new CommandRunner({
    changes,
    consent,
    settings: { approval: 'sandboxed', allowedDomains: [], timeoutSeconds: 60, useSandbox: true },
  });
  const direct: number[] = [];
  const shadowed: number[] = [];
  try {
    await runner.run({ command: 'node -e 0' });
    for (let i = 0; i < 15; i++) {
      const [file = 'bash', ...args] = shellArgs('node -e 0', 'bash');
      direct.push(await timed(() => runProcessGroup({ file, args, cwd: root, env: process.env }, { timeoutMs: 60_000 })));
      shadowed.push(await timed(() => runner.run({ command: 'node -e 0' })));
    }
    const overhead = median(shadowed) - median(direct);
    rows.push({ metric: `node -e 0 directly (median of ${direct.length})`, value: median(direct), unit: 'ms' });
    rows.push({
      metric: `node -e 0 in the shadow, ${support.sandbox ? 'sandboxed' : 'NOT sandboxed'} (median)`,
      value: median(shadowed),
      unit: 'ms',
    });
    rows.push({ metric: 'overhead per command (shadow + sandbox)', value: overhead, unit: 'ms', target: { op: '<', value: 150 } });
    rows.push({ metric: 'ratio shadowed / direct', value: median(shadowed) / median(direct), unit: 'ratio' });

    const commands = Number(process.env.DEV_BACKEND_BENCH_COMMANDS ?? 500);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < commands; i++) await runner.run({ command: 'echo x' });
    gc();
    rows.push({ metric: `heap growth after ${commands} commands`, value: process.memoryUsage().heapUsed - heapBefore, unit: 'bytes', target: { op: '<', value: 5 * 1024 * 1024 } });
  } finally {
    await runner.dispose();
    await rm(root, { recursive: true, force: true });
  }

  const setup: Record<number, { overlay: number; copy: number }> = {};
  for (const files of [1_000, 10_000, 50_000]) {
    const ws = await makeWorkspace(files);
    const set = new ChangeSet(new NodeWorkspace(ws));
    try {
      let overlay = Number.NaN;
      if (support.overlay) {
        overlay = await timed(async () => {
          const shadow = await OverlayShadow.create(set);
          await listSecretFiles(set);
          await shadow.dispose();
        });
      }
      const copy = await timed(async () => {
        const shadow = await CopyShadow.create(set);
        await shadow.dispose();
      });
      setup[files] = { overlay, copy };
      rows.push({
        metric: `shadow setup, ${files} files (overlay, used)`,
        value: overlay,
        unit: 'ms',
        ...(files === 10_000 ? { target: { op: '<' as const, value: 300 } } : {}),
        ...(support.overlay ? {} : { note: 'no overlay here' }),
      });
      rows.push({ metric: `shadow setup, ${files} files (copy, fallback)`, value: copy, unit: 'ms' });
    } finally {
      await rm(ws, { recursive: true, force: true });
    }
  }
  return {
    title: 'Commands (shadow + sandbox)',
    rows,
    method:
      `Each command through CommandRunner (${support.sandbox ? 'overlay shadow + bubblewrap sandbox' : `no sandbox: ${support.problem ?? ''}`}) ` +
      'against the same command spawned directly with bash -c; medians of 15 pairs. Setup: creating the shadow (and listing secret files) ' +
      'over generated workspaces; the copy column is the fallback where no overlay mount is possible. Heap measured after a forced GC.',
    details: { direct, shadowed, setup },
  };
}
