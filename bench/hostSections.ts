// Sections 1 (activation and size) and 5 (applying 200 files), from one session in the VS Code host.
import type { HostBenchResult } from './host/hostBench';
import type { BenchRow, SectionResult } from './report';
import type { SizeFigures } from './sizeBench';
import { median } from './stats';

const KB = 1024;
const list = (values: readonly number[]): string => values.map((v) => v.toFixed(0)).join(', ');

export function activationSection(host: HostBenchResult | Error, sizes: SizeFigures | Error): SectionResult {
  const rows: BenchRow[] = [];
  const errors: string[] = [];
  if (host instanceof Error) {
    errors.push(`VS Code host: ${host.message}`);
  } else {
    for (const failed of host.samples.filter((s) => s.error && !s.activation)) errors.push(`window ${failed.index + 1}: ${failed.error}`);
    const timed = host.samples.filter((s) => s.activation && s.activation.codeLoadMs === undefined);
    const fresh = timed.filter((s) => !s.activation?.wasActive);
    const stale = timed.length - fresh.length;
    const split = host.samples.find((s) => s.activation?.codeLoadMs !== undefined);
    const hostMs = host.scraped.filter((s, i) => s?.ms !== undefined && fresh.some((f) => f.index === i)).map((s) => s.ms as number);
    const activateMs = fresh.map((s) => s.activation?.activateMs ?? Number.NaN);
    rows.push(
      {
        metric: `activation, VS Code's figure (median of ${hostMs.length} fresh hosts)`,
        value: median(hostMs),
        unit: 'ms',
        target: { op: '<', value: 30 },
        note: `code loading + activate(), from Running Extensions: ${list(hostMs)} ms`,
      },
      {
        metric: 'activation, await activate() end to end (median)',
        value: median(activateMs),
        unit: 'ms',
        note: `${list(activateMs)} ms${stale ? `; ${stale} window(s) left out: already active` : ''}`,
      },
    );
    if (split?.activation?.codeLoadMs !== undefined) {
      rows.push(
        { metric: 'of which loading the bundle (require)', value: split.activation.codeLoadMs, unit: 'ms', note: 'one more fresh host: the bench requires dist/extension.js first' },
        { metric: 'of which the activate() call', value: host.scraped[split.index]?.ms ?? Number.NaN, unit: 'ms', note: "VS Code's figure in that host, the bundle already loaded" },
      );
    }
    if (hostMs.length < fresh.length) errors.push(`Running Extensions showed no time in ${fresh.length - hostMs.length} window(s)`);
  }
  if (sizes instanceof Error) {
    errors.push(`sizes: ${sizes.message}`);
  } else {
    const top = sizes.composition.slice(0, 3).map((c) => `${c.name} ${Math.round(c.bytes / KB)} KB`).join(', ');
    rows.push({ metric: 'bundle dist/extension.js', value: sizes.bundleBytes, unit: 'bytes', target: { op: '<', value: 1024 * KB }, note: `largest parts: ${top}` });
    for (const apart of sizes.loadedOnFirstUse) {
      rows.push({ metric: `  loaded on first use: dist/${apart.name}`, value: apart.bytes, unit: 'bytes', note: 'not compiled at activation' });
    }
    if (sizes.vsixBytes !== undefined) {
      const note = sizes.vsixError ? 'npm run package failed (see below); this is vsce package with placeholder --baseContentUrl' : undefined;
      rows.push({ metric: '.vsix (npm run package)', value: sizes.vsixBytes, unit: 'bytes', target: { op: '<', value: 2048 * KB }, ...(note ? { note } : {}) });
    }
    if (sizes.vsixError || sizes.vsixBytes === undefined) errors.push(sizes.vsixError ?? 'no .vsix');
  }
  return {
    title: 'Activation and size',
    method:
      'fresh windows of the offline VS Code host (code-server + headless Chromium), each with its own extension host, load a copy ' +
      'of the packaged files whose manifest has no activation events, so nothing activates it before the bench: 2 s after the ' +
      'host starts, the bench module awaits getExtension().activate(); the main figure is what VS Code itself reports in ' +
      'Developer: Show Running Extensions (code loading + the activate call), read from the page. One more host requires the ' +
      'bundle before activating, to split the two. Sizes: dist/extension.js ' +
      'after npm run build; dist/dev-backend.vsix from npm run package; composition from an esbuild metafile.',
    rows,
    details: { host: host instanceof Error ? { error: host.message } : host, sizes: sizes instanceof Error ? { error: sizes.message } : sizes },
    ...(errors.length ? { error: errors.join('; ') } : {}),
  };
}

export function applySection(host: HostBenchResult | Error): SectionResult {
  const sample = host instanceof Error ? undefined : host.samples[0];
  const review = sample?.review;
  const plain = sample?.applyEdit;
  const previewOnly = sample?.previewOnly;
  const rows: BenchRow[] = [];
  if (review) {
    rows.push(
      { metric: `review: Apply -> all ${review.files} files on disk`, value: review.toDiskMs, unit: 'ms', note: `${review.applied} applied, ${review.skipped} skipped` },
      { metric: 'review: Apply -> review done (landing recorded)', value: review.resolvedMs, unit: 'ms' },
      {
        metric: 'review: start -> Refactor Preview showing the changes',
        value: review.previewOpenMs ?? Number.NaN,
        unit: 'ms',
        note: `ours: stale check ${review.staleCheckMs?.toFixed(0)} ms + building the edit ${review.buildEditMs?.toFixed(0)} ms; the rest is VS Code`,
      },
    );
  }
  if (previewOnly) {
    rows.push(
      { metric: 'same edit via VS Code preview alone: Apply -> on disk', value: previewOnly.toDiskMs, unit: 'ms', note: 'applyEdit, entries pre-checked, no ChangeSet or review' },
      { metric: 'same edit via VS Code preview alone: start -> preview', value: previewOnly.previewOpenMs ?? Number.NaN, unit: 'ms' },
    );
  }
  if (plain) {
    rows.push({ metric: `workspace.applyEdit of ${plain.files} createFile, no confirmation -> on disk`, value: plain.toDiskMs, unit: 'ms', note: 'VS Code alone, for comparison' });
  }
  return {
    title: 'Applying 200 files through the review',
    method:
      'in the first host window: 200 staged changes (160 new files, 40 edits of existing files; 80-line files; 10 tasks) in a ' +
      'PendingChanges/ChangeSet, reviewPendingChanges() opens the real Refactor Preview, the bench ticks each task with the ' +
      "preview's own commands and runs refactorPreview.apply; the time runs from Apply until every file is on disk with its " +
      'expected content (polled every 2 ms). For comparison, the same kind of edit handed to the preview by applyEdit directly ' +
      '(entries pre-checked, one extra unchecked entry opens the preview), ' +
      'and 200 plain createFile entries without confirmation. One run each.',
    rows,
    details: sample ? { review, previewOnly, applyEdit: plain } : undefined,
    ...(host instanceof Error
      ? { error: `VS Code host: ${host.message}` }
      : sample?.error
        ? { error: `first window: ${sample.error}` }
        : review
          ? {}
          : { error: 'the host produced no apply figures' }),
  };
}
