// `npm test`'s integration step: one tests module (out/test/integration/index.js), two hosts.
// 1. Offline: VS Code 1.139.1 from code-server, in headless Chromium (installs itself on first use).
//    Then a second window on the sample workspace without its PRPs/ folder runs noPrpWindow/index.js (lazy activation).
// 2. Desktop VS Code via @vscode/test-electron, when one is available; otherwise skipped with the reason.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTestsInCodeServer } from '../scripts/host/codeServerTestRun';
import { runTestsInDesktopVsCode } from '../scripts/host/desktopTestRun';
import { HostSetupError } from '../scripts/host/hostSetupError';
import { copySampleWorkspaceToTemp, copySampleWorkspaceWithoutPrpsToTemp } from '../scripts/host/sampleWorkspace';

const repoRoot = path.resolve(__dirname, '..', '..');
const print = (line: string): void => console.log(line);

async function main(): Promise<number> {
  const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  const noPrpTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'noPrpWindow', 'index.js');
  const extensionBundle = path.join(repoRoot, 'dist', 'extension.js');
  for (const needed of [extensionTestsPath, noPrpTestsPath, extensionBundle]) {
    if (!fs.existsSync(needed)) {
      print(`[integration] ${path.relative(repoRoot, needed)} is missing: run \`npm run build && npm run compile-tests\` first (npm test does it in pretest).`);
      return 1;
    }
  }
  const extensionDevelopmentPaths = [repoRoot, path.join(repoRoot, 'test', 'fixtures', 'fake-lm-extension')];
  const extraEnv = { DEV_BACKEND_TEST: '1' };
  const timeoutMs = Number(process.env.DEV_BACKEND_INTEGRATION_TIMEOUT_MS ?? 12 * 60_000);
  const artifactsDir = path.join(repoRoot, 'out', 'test-artifacts'); // out/ is git-ignored

  const offlineWorkspace = copySampleWorkspaceToTemp(repoRoot);
  let offline: number;
  try {
    offline = await runTestsInCodeServer({ workspaceFolder: offlineWorkspace, extensionDevelopmentPaths, extensionTestsPath, extraEnv, timeoutMs, artifactsDir, print });
  } finally {
    fs.rmSync(path.dirname(offlineWorkspace), { recursive: true, force: true });
  }
  const noPrpWorkspace = copySampleWorkspaceWithoutPrpsToTemp(repoRoot);
  let noPrp: number;
  try {
    noPrp = await runTestsInCodeServer({ workspaceFolder: noPrpWorkspace, extensionDevelopmentPaths, extensionTestsPath: noPrpTestsPath, extraEnv, timeoutMs, artifactsDir, print });
  } finally {
    fs.rmSync(path.dirname(noPrpWorkspace), { recursive: true, force: true });
  }

  const desktopWorkspace = copySampleWorkspaceToTemp(repoRoot);
  let desktop: number | undefined;
  try {
    desktop = await runTestsInDesktopVsCode({ repoRoot, workspaceFolder: desktopWorkspace, extensionDevelopmentPaths, extensionTestsPath, extraEnv, print });
  } finally {
    fs.rmSync(path.dirname(desktopWorkspace), { recursive: true, force: true });
  }
  return [offline, noPrp, desktop ?? 0].find((code) => code !== 0) ?? 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    print(err instanceof HostSetupError ? `[integration] ${err.message}` : `[integration] crashed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exitCode = 1;
  },
);
