// What several benchmarks share: the repo's paths, the bundled agent, and throwaway copies of the sample workspace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAgentFile } from '../src/core/agents';
import type { AgentDefinition } from '../src/core/agents';

/** The repository root, from out/bench/** (compiled) or bench/** (sources). */
export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'agents'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the repository root above ${__dirname}`);
}

export const AUTH_PRP_PATH = 'PRPs/auth-api.md';

/** agents/dev-backend.md, parsed as the extension bundles it. */
export function bundledAgent(root = repoRoot()): AgentDefinition {
  const file = path.join(root, 'agents', 'dev-backend.md');
  const parsed = parseAgentFile(fs.readFileSync(file, 'utf8'), file, 'bundled');
  if (!parsed.ok) throw new Error(`agents/dev-backend.md does not parse: ${parsed.diagnostic.reason}`);
  return parsed.agent;
}

export interface TempFolder {
  /** The folder to use. */
  dir: string;
  dispose(): void;
}

/** A fresh copy of test/fixtures/workspace (the notes API the auth PRP names) with the PRP at PRPs/auth-api.md. */
export function copyAuthWorkspace(root = repoRoot()): TempFolder {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-backend-bench-'));
  const dir = path.join(parent, 'notes-api');
  fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'PRPs'), { recursive: true });
  fs.copyFileSync(path.join(root, 'test', 'fixtures', 'prps', 'auth-api.md'), path.join(dir, AUTH_PRP_PATH));
  return { dir, dispose: () => fs.rmSync(parent, { recursive: true, force: true }) };
}

/** An empty temp folder. */
export function tempFolder(prefix: string): TempFolder {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
