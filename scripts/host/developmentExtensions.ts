// Several development extensions in one `extensionDevelopmentPath`: the web workbench reads the URL payload
// into a Map, so repeated keys collapse to the last one. A folder without package.json is scanned for
// extensions in its subfolders, so several extensions load from one folder of symlinks.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface DevelopmentExtensionsFolder {
  /** The one path to pass as `extensionDevelopmentPath`. */
  readonly folder: string;
  dispose(): void;
}

/** One path as-is; several as symlinks in a temp folder (removed by dispose). */
export function developmentExtensionsFolder(extensionPaths: readonly string[]): DevelopmentExtensionsFolder {
  if (extensionPaths.length === 1) return { folder: extensionPaths[0], dispose: () => undefined };
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-backend-dev-extensions-'));
  extensionPaths.forEach((extensionPath, index) => {
    fs.symlinkSync(path.resolve(extensionPath), path.join(folder, `${index}-${extensionName(extensionPath)}`), 'dir');
  });
  return { folder, dispose: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

function extensionName(extensionPath: string): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { publisher?: string; name?: string };
    if (manifest.publisher && manifest.name) return `${manifest.publisher}.${manifest.name}`;
  } catch {
    // fall back to the folder name; VS Code reports a broken manifest itself
  }
  return path.basename(extensionPath);
}
