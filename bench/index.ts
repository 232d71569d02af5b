// `npm run bench`: every benchmark in one run, one table on stdout, the full results in .bench/latest.json.
// Exits 0 when every section ran (targets missed are reported, not failed), 1 when a section could not run.
import * as path from 'node:path';
import { repoRoot } from './benchFixtures';
import { machineInfo, renderTable, writeJson, type BenchReport, type SectionResult } from './report';
import { loopOverheadBench } from './loopBench';
import { tokenCostBench } from './tokenBench';

interface Section {
  title: string;
  run: () => Promise<SectionResult>;
}

const SECTIONS: Section[] = [
  { title: '3. Agent loop overhead', run: loopOverheadBench },
  { title: '4. Token cost: scripted implementation of auth-api.md', run: tokenCostBench },
];

async function main(): Promise<number> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const only = process.env.DEV_BACKEND_BENCH_ONLY?.split(',').map((s) => s.trim());
  const results: SectionResult[] = [];
  for (const section of SECTIONS) {
    if (only && !only.some((o) => section.title.startsWith(o))) continue;
    console.error(`[bench] ${section.title} ...`);
    const t = performance.now();
    try {
      results.push(await section.run());
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.push({ title: section.title, rows: [], method: 'did not run', error: message });
    }
    console.error(`[bench]   done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const report: BenchReport = { startedAt, durationMs: performance.now() - started, machine: machineInfo(), sections: results };
  const file = path.join(repoRoot(), '.bench', 'latest.json');
  writeJson(file, report);
  console.log(renderTable(report));
  console.log(`\nFull results: ${path.relative(process.cwd(), file) || file}`);
  return results.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`[bench] crashed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  },
);
