// The sample backend workspace (test/fixtures/workspace) copied somewhere the host can open and change it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function sampleWorkspaceSource(repoRoot: string): string {
  return path.join(repoRoot, 'test', 'fixtures', 'workspace');
}

/** A fresh copy in a temp folder; the caller removes it. */
export function copySampleWorkspaceToTemp(repoRoot: string): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-backend-workspace-'));
  const target = path.join(parent, 'notes-api');
  fs.cpSync(sampleWorkspaceSource(repoRoot), target, { recursive: true });
  return target;
}

/** A fresh copy without its PRPs/ folder (a workspace that never uses the extension); the caller removes it. */
export function copySampleWorkspaceWithoutPrpsToTemp(repoRoot: string): string {
  const target = copySampleWorkspaceToTemp(repoRoot);
  fs.rmSync(path.join(target, 'PRPs'), { recursive: true, force: true });
  return target;
}

/** Copies the sample to `target` unless it exists already (the user's edits there are kept). Returns whether it copied. */
export function ensureSampleWorkspace(repoRoot: string, target: string): boolean {
  if (fs.existsSync(target)) return false;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.cpSync(sampleWorkspaceSource(repoRoot), target, { recursive: true });
  return true;
}
