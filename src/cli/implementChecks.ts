// What `dev-backend implement` checks before the paid run, so a bad flag costs nothing: each throws a
// CliInputError (exit 2) with what to do.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { checkApiKeyShape } from '../core/llm/apiKeyShape';
import { CliInputError } from './cliIo';

/** The workspace folder, which must exist and be a folder. */
export async function checkWorkspaceFolder(root: string): Promise<string> {
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new CliInputError(`workspace folder not found: ${root}`);
  if (!info.isDirectory()) throw new CliInputError(`--workspace must be a folder; ${root} is a file`);
  return root;
}

/** The --out file: its folder must exist and be writable, and it must not be a folder itself. */
export async function checkOutFile(file: string): Promise<string> {
  const dir = nodePath.dirname(file);
  const dirInfo = await stat(dir).catch(() => undefined);
  if (!dirInfo?.isDirectory()) throw new CliInputError(`--out: the folder ${dir} does not exist; create it first`);
  if ((await stat(file).catch(() => undefined))?.isDirectory()) throw new CliInputError(`--out: ${file} is a folder; name a file`);
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new CliInputError(`--out: the folder ${dir} is not writable`);
  }
  return file;
}

/** ANTHROPIC_API_KEY, trimmed; refused (never printed) when it is missing or not shaped like a key. */
export function apiKeyFromEnvironment(env: NodeJS.ProcessEnv): string {
  const raw = env.ANTHROPIC_API_KEY ?? '';
  if (raw.trim() === '') {
    throw new CliInputError('ANTHROPIC_API_KEY is not set; export it (the key is never read from a file or argument).');
  }
  const checked = checkApiKeyShape(raw);
  if (!checked.ok) throw new CliInputError(`ANTHROPIC_API_KEY is not a valid API key: ${checked.reason}. Export the key alone, on one line.`);
  return checked.key;
}
