// What `implement --continue` resumes from: the last run's conversation, plan and staged changes for this workspace
// and PRP, kept in the user's state folder (never in the workspace: nothing lands there without --apply).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as nodePath from 'node:path';
import type { ChangeSetJson } from '../core/changes/changeEntry';
import type { Plan } from '../core/plan/todo';
import type { StoredTranscript } from '../core/session/sessionPorts';

export interface CliRunState {
  version: 1;
  transcript: StoredTranscript;
  plan: Plan;
  changes: ChangeSetJson;
}

/** $XDG_STATE_HOME/dev-backend/runs (default ~/.local/state/dev-backend/runs). */
export function runStateFile(env: Record<string, string | undefined>, root: string, prpPath: string): string {
  const base = env.XDG_STATE_HOME?.trim() || nodePath.join(env.HOME?.trim() || homedir(), '.local', 'state');
  const name = createHash('sha256').update(JSON.stringify([root, prpPath])).digest('hex').slice(0, 32);
  return nodePath.join(base, 'dev-backend', 'runs', `${name}.json`);
}

/** The saved state, undefined when there is none; throws a readable error when the file is damaged. */
export async function readRunState(file: string): Promise<CliRunState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed: unknown = JSON.parse(text);
  if (!isRunState(parsed)) throw new Error(`the saved run state ${file} is not one this version wrote`);
  return parsed;
}

export async function writeRunState(file: string, state: CliRunState): Promise<void> {
  await mkdir(nodePath.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(state), { mode: 0o600 });
  await rename(temp, file);
}

function isRunState(value: unknown): value is CliRunState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CliRunState>;
  return v.version === 1 && typeof v.transcript?.prpPath === 'string' && Array.isArray(v.transcript.messages) && Array.isArray(v.plan?.todos) && typeof v.changes === 'object';
}
