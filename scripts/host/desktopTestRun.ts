// The second host: a desktop VS Code through @vscode/test-electron, when one can be had without downloading.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

export interface DesktopTestRunOptions {
  readonly repoRoot: string;
  readonly workspaceFolder: string;
  readonly extensionDevelopmentPaths: readonly string[];
  readonly extensionTestsPath: string;
  readonly extraEnv?: Readonly<Record<string, string>>;
  readonly print: (line: string) => void;
}

export type DesktopExecutable = { readonly path: string; readonly from: string } | { readonly skipped: string };

/** VSCODE_EXECUTABLE, else a cached @vscode/test-electron download under .vscode-test/, else why there is none. */
export function findDesktopVsCode(repoRoot: string): DesktopExecutable {
  const fromEnv = process.env.VSCODE_EXECUTABLE;
  if (fromEnv) return { path: fromEnv, from: 'VSCODE_EXECUTABLE' };
  const cacheDir = path.join(repoRoot, '.vscode-test');
  const candidates = fs.existsSync(cacheDir)
    ? fs.readdirSync(cacheDir).filter((name) => name.startsWith('vscode-')).sort().reverse()
    : [];
  for (const name of candidates) {
    for (const binary of ['code', 'Visual Studio Code.app/Contents/MacOS/Electron', 'Code.exe']) {
      const file = path.join(cacheDir, name, binary);
      if (fs.existsSync(file)) return { path: file, from: `cached download ${path.join('.vscode-test', name)}` };
    }
  }
  return { skipped: 'no desktop VS Code here (set VSCODE_EXECUTABLE, or cache one in .vscode-test/; this machine cannot download it)' };
}

/** Runs the tests module in a desktop VS Code; resolves with the exit code, or undefined when skipped. */
export async function runTestsInDesktopVsCode(options: DesktopTestRunOptions): Promise<number | undefined> {
  const { print } = options;
  const found = findDesktopVsCode(options.repoRoot);
  if ('skipped' in found) {
    print(`[integration] @vscode/test-electron host: skipped: ${found.skipped}.`);
    return undefined;
  }
  if (!fs.existsSync(found.path)) {
    print(`[integration] @vscode/test-electron host: FAILED: ${found.from} points to ${found.path}, which does not exist.`);
    return 1;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    print(`[integration] @vscode/test-electron host: skipped: ${found.path} needs a display (DISPLAY is unset; run under xvfb-run).`);
    return undefined;
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-backend-desktop-'));
  print(`[integration] Host: desktop VS Code via @vscode/test-electron (${found.from}: ${found.path})`);
  try {
    const code = await runTests({
      vscodeExecutablePath: found.path,
      extensionDevelopmentPath: [...options.extensionDevelopmentPaths],
      extensionTestsPath: options.extensionTestsPath,
      extensionTestsEnv: { ...options.extraEnv },
      launchArgs: [options.workspaceFolder, '--user-data-dir', userDataDir, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-extensions'],
    });
    print(`[integration] desktop VS Code: tests exited with code ${code}`);
    return code;
  } catch (err) {
    print(`[integration] desktop VS Code: FAILED: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}
