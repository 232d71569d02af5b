// `npm run bench`: every benchmark in one run, one table on stdout, the full results in .bench/latest.json.
// Exits 0 when every section ran (a missed target is reported, not failed), 1 when a section could not run.
// DEV_BACKEND_BENCH_ONLY=2,4 runs only those sections; DEV_BACKEND_BENCH_WINDOWS sets the activation samples (default 5);
// `npm run bench -- --large` runs the search section on 100,000 files too.
import * as path from 'node:path';
import { repoRoot } from './benchFixtures';
import { runHostBench, type HostBenchResult } from './host/hostBench';
import { activationSection, applySection } from './hostSections';
import { bundleSplitBench } from './bundleSplitBench';
import { cancelBench } from './cancelBench';
import { commandBench } from './commandBench';
import { loopOverheadBench } from './loopBench';
import { prpBench } from './prpBench';
import { machineInfo, renderTable, writeJson, type BenchReport, type SectionResult } from './report';
import { searchScaleBench } from './searchScaleBench';
import { measureSizes } from './sizeBench';
import { tokenCostBench } from './tokenBench';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The host session serves sections 1 and 5: run it once. */
let hostRun: Promise<HostBenchResult | Error> | undefined;
function host(): Promise<HostBenchResult | Error> {
  const windows = Number(process.env.DEV_BACKEND_BENCH_WINDOWS ?? 5);
  hostRun ??= runHostBench({ windows, applyFiles: 200, print: log }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  return hostRun;
}

const SECTIONS: { id: string; title: string; run: () => Promise<SectionResult> }[] = [
  {
    id: '1',
    title: 'Activation and size',
    run: async () => activationSection(await host(), await measureSizes(repoRoot()).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))),
  },
  { id: '2', title: 'PRP parse + offline plan', run: prpBench },
  { id: '3', title: 'Agent loop overhead', run: loopOverheadBench },
  { id: '4', title: 'Token cost', run: tokenCostBench },
  { id: '5', title: 'Applying 200 files through the review', run: async () => applySection(await host()) },
  { id: '6', title: 'Search and listing at scale', run: searchScaleBench },
  { id: '7', title: 'Commands (shadow + sandbox)', run: commandBench },
  { id: '8', title: 'Libraries apart or in the bundle', run: bundleSplitBench },
  { id: '9', title: 'Ctrl+C while the API keeps the CLI waiting', run: cancelBench },
];

async function main(): Promise<number> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const only = process.env.DEV_BACKEND_BENCH_ONLY?.split(',').map((s) => s.trim());
  const results: SectionResult[] = [];
  for (const section of SECTIONS) {
    if (only && !only.includes(section.id)) continue;
    log(`[bench] ${section.id}. ${section.title} ...`);
    const t = performance.now();
    let result: SectionResult;
    try {
      result = await section.run();
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      result = { title: section.title, rows: [], method: 'did not run', error: message };
    }
    results.push({ ...result, title: `${section.id}. ${result.title}` });
    log(`[bench]   done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const report: BenchReport = { startedAt, durationMs: performance.now() - started, machine, sections: results };
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
    log(`[bench] crashed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  },
);
