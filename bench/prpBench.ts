// PRP parse + offline plan time: the two sample PRPs and generated PRPs of 50 KB and 500 KB
// (target: under 5 ms at 50 KB, growing linearly). Run directly, it prints its table.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planFromPrp } from '../src/core/plan/offlinePlanner';
import { parsePrp } from '../src/core/prp/prpParser';
import { repoRoot } from './benchFixtures';
import { machineInfo, renderTable, type BenchRow, type SectionResult } from './report';
import { summarize, type SampleSummary } from './stats';

export const PRP_BENCH_TITLE = 'PRP parse + offline plan';

export interface PrpTiming {
  name: string;
  bytes: number;
  tasks: number;
  todos: number;
  /** Wall-clock milliseconds per parse + plan. */
  timing: SampleSummary;
  /** CPU milliseconds per parse + plan (steadier than wall time on a busy machine). */
  cpu: SampleSummary;
}

export interface PrpBenchFigures {
  timings: PrpTiming[];
  /** Median CPU time at 500 KB over that at 50 KB (10 when the cost is linear in the size). */
  growth500over50: number;
}

/** A v2-style PRP of at least `bytes` bytes: references, gotchas, tasks, pseudocode, levels and a checklist grow together. */
export function generatePrp(bytes: number): string {
  const refs: string[] = [];
  const gotchas: string[] = [];
  const tasks: string[] = [];
  const pseudo: string[] = [];
  const frame = 1500; // the fixed parts below, in bytes
  let size = frame;
  for (let i = 1; size < bytes; i++) {
    const ref = `- file: src/services/service${i}.ts\n  why: pattern for module ${i}, repository injection and error mapping\n`;
    const gotcha = `// CRITICAL: module${i} must release its pool connection in finally; see src/db/pool.ts\n`;
    const task = [
      `Task ${i}:`,
      `CREATE src/features/feature${i}/handler.ts:`,
      `  - MIRROR pattern from: src/services/service${i}.ts`,
      `  - IMPLEMENT create, read, update and delete for feature ${i}`,
      `  - VALIDATE every body with the shared schema helpers`,
      `MODIFY src/app.ts:`,
      `  - FIND pattern: "app.use('/notes'"`,
      `  - INJECT before it: app.use('/feature${i}', feature${i}Router)`,
      '',
    ].join('\n');
    const code = `# Task ${i}\nasync def feature_${i}(req: Request) -> Response:\n    data = await validate(req, Feature${i}Schema)  # raises 400\n    return await repo_${i}.save(data)\n`;
    refs.push(ref);
    gotchas.push(gotcha);
    tasks.push(task);
    pseudo.push(code);
    size += ref.length + gotcha.length + task.length + code.length;
  }
  return [
    'name: "Generated PRP for the parser benchmark"',
    'description: |',
    '  Many features, each with a handler, a route and tests.',
    '',
    '## Goal',
    'Every feature gets CRUD endpoints that follow the notes service.',
    '',
    '### Success Criteria',
    '- [ ] Every endpoint validates its input',
    '- [ ] Every endpoint has tests',
    '',
    '## All Needed Context',
    '',
    '### Documentation & References',
    '```yaml',
    ...refs,
    '```',
    '',
    '### Known Gotchas of our codebase & Library Quirks',
    '```typescript',
    ...gotchas,
    '```',
    '',
    '## Implementation Blueprint',
    '',
    '### list of tasks to be completed to fulfill the PRP in the order they should be completed',
    '',
    '```yaml',
    ...tasks,
    '```',
    '',
    '### Per task pseudocode as needed added to each task',
    '```python',
    ...pseudo,
    '```',
    '',
    '## Validation Loop',
    '',
    '### Level 1: Syntax & Style',
    '```bash',
    'npx tsc --noEmit',
    'npx eslint src test',
    '# Expected: No errors. If errors, READ the error and fix.',
    '```',
    '',
    '### Level 2: Unit Tests',
    '```bash',
    'npx vitest run',
    '```',
    '',
    '## Final validation Checklist',
    '- [ ] All tests pass: `npx vitest run`',
    '- [ ] No type errors: `npx tsc --noEmit`',
    '',
  ].join('\n');
}

function time(name: string, text: string, samples: number): PrpTiming {
  let result = planFromPrp(parsePrp(text), name);
  for (let i = 0; i < 3; i++) result = planFromPrp(parsePrp(text), name); // warm-up
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    result = planFromPrp(parsePrp(text), name);
    const used = process.cpuUsage(cpuStart);
    ms.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  const prp = parsePrp(text);
  return { name, bytes: Buffer.byteLength(text), tasks: prp.tasks.length, todos: result.todos.length, timing: summarize(ms), cpu: summarize(cpu) };
}

/** Times parse + plan of each input; `scale` < 1 takes fewer samples (for a quick check). */
export function measurePrpBench(scale = 1): PrpBenchFigures {
  const prps = path.join(repoRoot(), 'test', 'fixtures', 'prps');
  const n = (count: number): number => Math.max(5, Math.round(count * scale));
  const timings = [
    time('auth-api.md', fs.readFileSync(path.join(prps, 'auth-api.md'), 'utf8'), n(300)),
    time('payment-webhooks.md', fs.readFileSync(path.join(prps, 'payment-webhooks.md'), 'utf8'), n(300)),
    time('generated 50 KB', generatePrp(50 * 1024), n(200)),
    time('generated 500 KB', generatePrp(500 * 1024), n(30)),
  ];
  return { timings, growth500over50: timings[3].cpu.median / timings[2].cpu.median };
}

/** The bench section for `npm run bench`. */
export async function prpBench(): Promise<SectionResult> {
  const figures = measurePrpBench();
  const rows: BenchRow[] = figures.timings.map((t) => ({
    metric: `${t.name} (${(t.bytes / 1024).toFixed(1)} KB): median parse + plan`,
    value: t.timing.median,
    unit: 'ms',
    ...(t.name === 'generated 50 KB' ? { target: { op: '<', value: 5 } as const } : {}),
    note: `CPU ${t.cpu.median.toFixed(2)} ms, p95 ${t.timing.p95.toFixed(2)} ms, ${t.tasks} tasks -> ${t.todos} todos, n=${t.timing.n}`,
  }));
  rows.push({ metric: '500 KB / 50 KB CPU time', value: figures.growth500over50, unit: 'ratio', note: 'about 10 when linear in size' });
  return {
    title: PRP_BENCH_TITLE,
    rows,
    method:
      'parsePrp + planFromPrp in this process, after 3 warm-up runs: wall-clock median (CPU time in the note, and for the ' +
      'growth ratio, as it is steadier on a shared machine); the generated PRPs are v2-style (references, gotchas, ' +
      'Task N blocks with two actions, pseudocode, levels, checklist) grown to the size.',
    details: figures,
  };
}

if (require.main === module) {
  const started = performance.now();
  prpBench().then(
    (section) => {
      const report = { startedAt: new Date().toISOString(), durationMs: performance.now() - started, machine: machineInfo(), sections: [section] };
      console.log(renderTable(report));
    },
    (error: unknown) => {
      console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    },
  );
}
