// Sections 1 and 5 inside the real VS Code host (the offline code-server host of scripts/host): several fresh
// windows, each with its own extension host, activate a copy of the packaged extension whose manifest has no
// activation events (so nothing activates it before the bench does); the first window also applies 200 files.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { copySampleWorkspaceToTemp } from '../../scripts/host/sampleWorkspace';
import { repoRoot } from '../benchFixtures';
import { filesLoadedOnFirstUse } from '../sizeBench';
import { openHostSession } from './codeServerSession';
import {
  BENCH_DIR_ENV,
  RUNTIME_EXTENSIONS_SHOWN,
  WAITING_FOR_PREVIEW,
  previewReadyFile,
  requestFile,
  sampleFile,
  scrapedFile,
  type HostRequest,
  type HostSample,
  type ScrapedActivation,
} from './hostProtocol';

export interface HostBenchOptions {
  /** Fresh windows (extension hosts), one activation sample each; one more window splits code loading from activate(). */
  windows: number;
  /** Files in the apply measurements (first window). */
  applyFiles: number;
  print: (line: string) => void;
}

export interface HostBenchResult {
  /** By window index; a window that failed has its error set (and may lack figures). */
  samples: HostSample[];
  scraped: ScrapedActivation[];
}

/** The files the .vsix holds (see .vscodeignore), with the manifest's activation events removed. */
function lazyExtensionCopy(root: string, into: string): string {
  const dir = path.join(into, 'dev-backend');
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  manifest.activationEvents = [];
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const bundle of ['extension.js', ...filesLoadedOnFirstUse(root)]) {
    fs.copyFileSync(path.join(root, 'dist', bundle), path.join(dir, 'dist', bundle));
  }
  for (const file of ['README.md', 'LICENSE']) {
    if (fs.existsSync(path.join(root, file))) fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
  for (const folder of ['agents', 'media']) fs.cpSync(path.join(root, folder), path.join(dir, folder), { recursive: true });
  return dir;
}

/** Reads what "Show Running Extensions" says about the extension: VS Code's own activation time. */
async function scrapeActivation(page: Page): Promise<ScrapedActivation> {
  const script = `(() => {
    const rows = [...document.querySelectorAll('.runtime-extensions-editor .monaco-list-row')];
    const row = rows.find((r) => /dev-backend/i.test(r.innerText) && /Activation:/.test(r.innerText));
    return row ? row.innerText : null;
  })()`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const text = (await page.evaluate(script)) as string | null;
    if (text) {
      const match = /Activation:\s*([\d.]+)\s*ms/.exec(text);
      return { text: text.replace(/\s+/g, ' ').trim(), ms: match ? Number(match[1]) : undefined };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { text: 'the Running Extensions editor did not list dev-backend' };
}

/** Waits until the Refactor Preview panel shows rows and an enabled Apply button; resolves with whether it did. */
async function waitForPreviewRows(page: Page): Promise<boolean> {
  const script = `(() => {
    const panel = document.querySelector('.bulk-edit-panel');
    if (!panel || panel.querySelectorAll('.monaco-list-row').length === 0) return false;
    const apply = [...panel.querySelectorAll('.monaco-button')].find((b) => /Apply/.test(b.textContent || ''));
    return !!apply && !apply.classList.contains('disabled');
  })()`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await page.evaluate(script)) === true) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

export async function runHostBench(options: HostBenchOptions): Promise<HostBenchResult> {
  const root = repoRoot();
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build');
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-backend-bench-host-'));
  const workspaceFolder = copySampleWorkspaceToTemp(root);
  const benchDir = path.join(temp, 'exchange');
  fs.mkdirSync(benchDir);
  const extensionPath = lazyExtensionCopy(root, temp);
  const session = await openHostSession({
    workspaceFolder,
    extensionPath,
    testsModule: path.join(__dirname, 'hostBenchModule.js'),
    env: { [BENCH_DIR_ENV]: benchDir },
    print: options.print,
  });
  const result: HostBenchResult = { samples: [], scraped: [] };
  try {
    const total = options.windows + 1;
    for (let index = 0; index < total; index++) {
      const request: HostRequest = {
        index,
        settleMs: 2000,
        applyFiles: index === 0 ? options.applyFiles : 0,
        ...(index === options.windows ? { preloadMain: path.join(extensionPath, 'dist', 'extension.js') } : {}),
      };
      fs.writeFileSync(requestFile(benchDir), JSON.stringify(request));
      const started = Date.now();
      const code = await session.load(400_000, async (line, page) => {
        if (line.startsWith(WAITING_FOR_PREVIEW)) {
          const sequence = line.slice(WAITING_FOR_PREVIEW.length).trim();
          fs.writeFileSync(previewReadyFile(benchDir, sequence), String(await waitForPreviewRows(page)));
          return;
        }
        if (line !== RUNTIME_EXTENSIONS_SHOWN) return;
        const scraped = await scrapeActivation(page);
        result.scraped[index] = scraped;
        fs.writeFileSync(scrapedFile(benchDir, index), JSON.stringify(scraped));
      });
      const file = sampleFile(benchDir, index);
      const sample: HostSample = fs.existsSync(file)
        ? (JSON.parse(fs.readFileSync(file, 'utf8')) as HostSample)
        : { index, vscodeVersion: 'unknown', error: `wrote no results (exit code ${code})` };
      if (code !== 0 && !sample.error) sample.error = `exit code ${code}`;
      result.samples.push(sample);
      if (sample.error) options.print(`[bench]   window ${index + 1}/${total} failed: ${sample.error}`);
      const loaded = sample.activation?.codeLoadMs === undefined ? '' : `require ${sample.activation.codeLoadMs.toFixed(1)} ms, then `;
      options.print(`[bench]   window ${index + 1}/${total}: ${loaded}activate() ${sample.activation?.activateMs.toFixed(1)} ms, VS Code: ${result.scraped[index]?.text ?? '?'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    return result;
  } finally {
    await session.stop();
    fs.rmSync(temp, { recursive: true, force: true });
    fs.rmSync(path.dirname(workspaceFolder), { recursive: true, force: true });
  }
}
