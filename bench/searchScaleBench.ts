// Section 6: search and list_files on a generated monorepo (20,000 files; 100,000 with --large), through the tool
// (ripgrep engine, the CLI's rg from PATH) beside `rg` itself on the same files in the same run.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChangeSet } from '../src/core/changes/changeSet';
import { RipgrepEngine } from '../src/core/search/ripgrepEngine';
import { ripgrepOnPath } from '../src/core/search/ripgrepLocator';
import { runTool, type ToolContext } from '../src/core/tools';
import { NodeWorkspace } from '../src/core/workspace/nodeWorkspace';
import { tempFolder } from './benchFixtures';
import type { BenchRow, SectionResult } from './report';
import { median } from './stats';

const RUNS = 5;

interface Case {
  name: string;
  tool: { name: 'search' | 'list_files'; input: Record<string, unknown> };
  rg: string[];
}

const CASES: Case[] = [
  { name: 'literal search', tool: { name: 'search', input: { query: 'needleUnique' } }, rg: ['--no-require-git', '-n', 'needleUnique'] },
  { name: 'regex search', tool: { name: 'search', input: { query: 'needle[A-Z]\\w+que', regex: true } }, rg: ['--no-require-git', '-n', 'needle[A-Z]\\w+que'] },
  { name: 'glob listing', tool: { name: 'list_files', input: { pattern: '**/file5*.ts' } }, rg: ['--no-require-git', '--files', '-g', '**/file5*.ts'] },
];

/** `count` TypeScript files of about 2 KB in nested packages, a gitignored node_modules, one file with the needle. */
function generate(root: string, count: number): void {
  fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules/\ndist/\n');
  const body = Array.from({ length: 40 }, (_, i) => `export function handler${i}(input: string): string { return input.trim(); }`).join('\n');
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, 'packages', `pkg${i % 100}`, 'src', `module${Math.floor(i / 100) % 50}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `file${i}.ts`), `${i === Math.floor(count / 2) ? 'const needleUnique = 1;\n' : ''}${body}\n`);
  }
  const ignored = path.join(root, 'node_modules', 'lib');
  fs.mkdirSync(ignored, { recursive: true });
  for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(ignored, `dep${i}.js`), 'const needleUnique = 0;\n');
}

function timeRg(rg: string, root: string, args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(rg, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - started));
  });
}

async function measure(rg: string, count: number): Promise<{ count: number; tool: number[]; rg: number[]; summaries: string[] }> {
  const folder = tempFolder('dev-backend-bench-search-');
  try {
    generate(folder.dir, count);
    const workspace = new NodeWorkspace(folder.dir);
    const ctx: ToolContext = {
      changes: new ChangeSet(workspace),
      workspace,
      allowSecretFiles: false,
      onTodoWrite: () => ({ ok: true, message: '' }),
      searchEngine: new RipgrepEngine({ binary: rg, root: folder.dir }),
    };
    const tool: number[] = [];
    const direct: number[] = [];
    const summaries: string[] = [];
    for (const c of CASES) {
      await timeRg(rg, folder.dir, c.rg); // warm the page cache
      const toolRuns: number[] = [];
      const rgRuns: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        rgRuns.push(await timeRg(rg, folder.dir, c.rg));
        const started = performance.now();
        const result = await runTool(c.tool.name, c.tool.input, ctx);
        toolRuns.push(performance.now() - started);
        if (result.isError) throw new Error(`${c.name}: ${result.content}`);
        if (run === 0) summaries.push(result.summary);
      }
      tool.push(median(toolRuns));
      direct.push(median(rgRuns));
    }
    return { count, tool, rg: direct, summaries };
  } finally {
    folder.dispose();
  }
}

export async function searchScaleBench(): Promise<SectionResult> {
  const rg = ripgrepOnPath(process.env);
  if (!rg) throw new Error('ripgrep (rg) is not on PATH (Debian: apt-get install ripgrep)');
  const large = process.argv.includes('--large');
  const sizes = large ? [20_000, 100_000] : [20_000];
  const results = [];
  for (const count of sizes) results.push(await measure(rg, count));
  const rows: BenchRow[] = [];
  for (const r of results) {
    CASES.forEach((c, i) => {
      const tool = r.tool[i] ?? 0;
      const direct = r.rg[i] ?? 0;
      rows.push({ metric: `${c.name}, ${r.count.toLocaleString('en-US')} files, tool`, value: tool, unit: 'ms', note: r.summaries[i] });
      rows.push({ metric: `  rg ${c.rg.slice(1).join(' ')}`, value: direct, unit: 'ms' });
      rows.push({ metric: '  tool / rg', value: tool / direct, unit: 'ratio', target: { op: '<=', value: 1.5 } });
    });
  }
  const [small, big] = results;
  if (small && big) {
    CASES.forEach((c, i) => {
      const growth = (big.tool[i] ?? 0) / (small.tool[i] ?? 1);
      rows.push({ metric: `${c.name}: cost growth 20k -> 100k files`, value: growth, unit: 'ratio', target: { op: '<=', value: 5 }, note: 'files grew 5x' });
    });
  }
  return {
    title: `Search and listing at scale (${sizes.map((s) => s.toLocaleString('en-US')).join(' and ')} files)`,
    method:
      `A generated workspace of ~2 KB TypeScript files in 100 packages (plus 1,000 gitignored node_modules files); each query ` +
      `through runTool with the ripgrep engine (${rg}) and as a bare rg process (with --no-require-git, as the generated folder is no git repository) on the same files, median of ${RUNS} warm runs each. ` +
      `${large ? '' : 'Run `npm run bench -- --large` for 100,000 files and the growth rows.'}`,
    rows,
    details: results,
  };
}
