// What a CLI command may touch: output streams and the file system, injected so tests can fake them.
import { promises as fs } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { decodeFile } from '../core/changes/fileText';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 text file; rejects with a message fit for the user. */
  readTextFile(path: string): Promise<string>;
  cwd: string;
  /** Environment for commands that need it (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL). */
  env?: NodeJS.ProcessEnv;
  /** Aborted on Ctrl+C. */
  signal?: AbortSignal;
}

/** A subcommand: its arguments in, an exit code out (0 ok, 1 failed check, 2 bad usage or input). */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Bad usage or unreadable input: printed without a stack, exit code 2. */
export class CliInputError extends Error {}

type FlagOptions = NonNullable<ParseArgsConfig['options']>;
type FlagValues<O extends FlagOptions> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>['values'];

/** A command's flags and its one PRP argument; a usage problem is a CliInputError (exit 2). */
export function parsePrpArgs<O extends FlagOptions>(argv: readonly string[], options: O): { prp: string; values: FlagValues<O> } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options });
  } catch (error) {
    throw new CliInputError(error instanceof Error ? error.message : String(error));
  }
  const [prp, ...extra] = parsed.positionals;
  if (!prp) throw new CliInputError('missing the PRP file');
  if (extra.length > 0) throw new CliInputError(`unexpected arguments: ${extra.join(' ')}`);
  return { prp, values: parsed.values };
}

const MAX_PRP_BYTES = 64 * 1024 * 1024;

export const nodeIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  async readTextFile(path: string): Promise<string> {
    let size: number;
    try {
      const stat = await fs.stat(path);
      if (stat.isDirectory()) throw new CliInputError(`${path} is a directory, not a PRP file`);
      if (!stat.isFile()) throw new CliInputError(`${path} is not a regular file; give a markdown PRP`);
      size = stat.size;
    } catch (err) {
      throw err instanceof CliInputError ? err : new CliInputError(`cannot read ${path}: ${reason(err)}`);
    }
    if (size > MAX_PRP_BYTES) throw new CliInputError(`${path} is ${Math.round(size / 1048576)} MB; a PRP over 64 MB is not read`);
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(path);
    } catch (err) {
      throw new CliInputError(`cannot read ${path}: ${reason(err)}`);
    }
    const decoded = decodeFile(bytes);
    if (decoded.kind === 'binary') throw new CliInputError(`${path} is not a text file (${decoded.reason}); give a markdown PRP`);
    return decoded.text;
  },
};

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return err instanceof Error ? err.message : String(err);
}
