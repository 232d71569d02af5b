// Where a ripgrep binary is, without ever downloading one: the one VS Code ships (the extension), or `rg` on
// PATH (the CLI; Debian's `ripgrep` package in CI).
import { accessSync, constants, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { Workspace } from '../workspace/workspace';
import { RipgrepEngine } from './ripgrepEngine';
import type { SearchEngine } from './searchEngine';
import { WorkspaceScanEngine } from './workspaceScanEngine';

/** `rg` on the PATH of `env`, or undefined. */
export function ripgrepOnPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const name = platform === 'win32' ? 'rg.exe' : 'rg';
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter((d) => d !== '');
  return dirs.map((dir) => nodePath.join(dir, name)).find(isExecutableFile);
}

/**
 * VS Code's own ripgrep under its `appRoot`: `@vscode/ripgrep-universal` (every platform's binary, VS Code 1.139
 * and code-server 4.139) or the older `@vscode/ripgrep`, unpacked beside the asar archive in desktop builds.
 */
export function ripgrepInVscode(appRoot: string, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string | undefined {
  const name = platform === 'win32' ? 'rg.exe' : 'rg';
  const candidates = ['node_modules', 'node_modules.asar.unpacked'].flatMap((modules) => [
    nodePath.join(appRoot, modules, '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, name),
    nodePath.join(appRoot, modules, '@vscode', 'ripgrep', 'bin', name),
  ]);
  return candidates.find(isExecutableFile);
}

/** ripgrep over the workspace root when a binary is given, else the in-process scan. */
export function searchEngineFor(workspace: Workspace, ripgrep: string | undefined): SearchEngine {
  return ripgrep ? new RipgrepEngine({ binary: ripgrep, root: workspace.root }) : new WorkspaceScanEngine(workspace);
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
