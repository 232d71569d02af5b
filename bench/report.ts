// The benchmark's results: rows with an optional target, printed as one table and saved as JSON.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Unit = 'ms' | 'bytes' | 'tokens' | 'usd' | 'ratio' | 'percent' | 'count';

export interface Target {
  op: '<' | '<=' | '>=';
  value: number;
}

export interface BenchRow {
  metric: string;
  /** In the unit's base: ms, bytes, tokens, US dollars, a ratio, a percentage (0..100), a count. */
  value: number;
  unit: Unit;
  target?: Target;
  note?: string;
}

export interface SectionResult {
  title: string;
  rows: BenchRow[];
  /** How it was measured, one or two sentences (printed under the table, saved in the JSON). */
  method: string;
  /** Raw figures for the JSON (samples, per-request usage, ...). */
  details?: unknown;
  /** Set when the section could not run; its rows may be partial. */
  error?: string;
}

export interface BenchReport {
  startedAt: string;
  durationMs: number;
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryGb: number; loadAverage: number[] };
  sections: SectionResult[];
}

export function machineInfo(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    /** 1, 5 and 15 minute load averages when measured: above the CPU count, every timing here is inflated. */
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function meetsTarget(row: BenchRow): boolean | undefined {
  const t = row.target;
  if (!t || !Number.isFinite(row.value)) return undefined;
  if (t.op === '<') return row.value < t.value;
  if (t.op === '<=') return row.value <= t.value;
  return row.value >= t.value;
}

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return value < 1 ? `${value.toFixed(3)} ms` : value < 100 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`;
    case 'bytes':
      return value < 1024 * 1024 ? `${(value / 1024).toFixed(1)} KB` : `${(value / 1024 / 1024).toFixed(2)} MB`;
    case 'tokens':
      return Math.round(value).toLocaleString('en-US');
    case 'usd':
      return `$${value.toFixed(4)}`;
    case 'ratio':
      return value.toFixed(3);
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'count':
      return Math.round(value).toLocaleString('en-US');
  }
}

function formatTarget(row: BenchRow): string {
  if (!row.target) return '';
  return `${row.target.op} ${formatValue(row.target.value, row.unit)}`;
}

/** The table: one block per section, then each section's method and any errors. */
export function renderTable(report: BenchReport): string {
  const header = ['Metric', 'Value', 'Target', '', 'Note'];
  const lines: string[][] = [];
  const sectionLines = new Set<number>();
  for (const section of report.sections) {
    sectionLines.add(lines.length);
    lines.push([section.title + (section.error ? '  (FAILED TO RUN)' : ''), '', '', '', '']);
    for (const row of section.rows) {
      const ok = meetsTarget(row);
      const status = ok === undefined ? '' : ok ? 'ok' : 'MISSED';
      lines.push([`  ${row.metric}`, formatValue(row.value, row.unit), formatTarget(row), status, row.note ?? '']);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.filter((_, n) => !sectionLines.has(n)).map((l) => l[i].length)));
  const pad = (cells: string[]): string => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [pad(header), rule];
  lines.forEach((l, n) => out.push(sectionLines.has(n) ? l[0] : pad(l)));
  out.push(rule, '', 'How each figure was measured:');
  for (const s of report.sections) {
    out.push(`- ${s.title}: ${s.method}`);
    if (s.error) out.push(`  ERROR: ${s.error}`);
  }
  const m = report.machine;
  out.push(
    '',
    `Machine: ${m.cpus} x ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}; load average ${m.loadAverage.join(' / ')} (1/5/15 min) at the start.`,
    `Total bench time ${(report.durationMs / 1000).toFixed(1)} s.`,
  );
  return out.join('\n');
}

export function writeJson(file: string, report: BenchReport): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
