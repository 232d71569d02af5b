// The CLI's side of run_command: --commands none|validation|all, --allow-domain, --no-sandbox. There is no one to
// ask in a terminal, so the flags decide: `validation` lets through only the PRP's own validation commands, exactly
// as written; unsandboxed commands are refused unless --no-sandbox. Progress goes to stderr.
import type { ChangeSet } from '../core/changes/changeSet';
import type { CommandConsent, CommandRequest, ConsentAnswer } from '../core/commands/commandPolicy';
import { DEFAULT_TIMEOUT_SECONDS } from '../core/commands/commandPolicy';
import { CommandRunner } from '../core/commands/commandRunner';
import type { CommandRecord } from '../core/commands/commandResult';
import type { Prp } from '../core/prp/prp';
import { detectSandbox, type SandboxSupport } from '../core/commands/sandboxLaunch';
import { CliInputError, type CliIo } from './cliIo';

export type CommandsMode = 'none' | 'validation' | 'all';

export interface CliCommandFlags {
  mode: CommandsMode;
  allowDomains: readonly string[];
  noSandbox: boolean;
}

export function parseCommandsMode(value: string | undefined): CommandsMode {
  if (value === undefined) return 'validation';
  if (value === 'none' || value === 'validation' || value === 'all') return value;
  throw new CliInputError(`--commands must be none, validation or all (got ${JSON.stringify(value)})`);
}

/** The PRP's validation commands, exactly as written in its validation levels. */
export function validationCommands(prp: Prp): string[] {
  return [...new Set(prp.validationLevels.flatMap((level) => level.commands.map((c) => c.trim())))].filter((c) => c !== '');
}

class CliConsent implements CommandConsent {
  constructor(
    private readonly flags: CliCommandFlags,
    private readonly allowed: readonly string[],
    /** Set when commands would run unsandboxed without --no-sandbox: why, and what to install. */
    private readonly sandboxProblem: string | undefined,
  ) {}

  isAllowed(): boolean {
    return false;
  }

  refuse(command: string): string | undefined {
    if (this.flags.mode === 'validation' && !this.allowed.includes(command.trim())) {
      const list = this.allowed.length > 0 ? ` They are: ${this.allowed.join(' | ')}` : ' This PRP lists none.';
      return `only the PRP's own validation commands may run here (dev-backend implement --commands validation), exactly as written.${list}`;
    }
    if (this.sandboxProblem !== undefined) {
      return `the sandbox cannot start here, and unsandboxed commands run only with --no-sandbox. ${this.sandboxProblem}`;
    }
    return undefined;
  }

  /** Asked only for commands that would run unsandboxed (or, never, with approval `ask`). */
  ask(request: CommandRequest): Promise<ConsentAnswer> {
    return Promise.resolve(request.sandboxed || this.flags.noSandbox ? 'run' : 'deny');
  }

  allow(): void {}
}

/** A runner for the CLI, or undefined with --commands none. `records` collects every command for --json. */
export async function cliCommandRunner(
  flags: CliCommandFlags,
  prp: Prp,
  changes: ChangeSet,
  io: CliIo,
  records: CommandRecord[],
  support: () => Promise<SandboxSupport> = detectSandbox,
): Promise<CommandRunner | undefined> {
  if (flags.mode === 'none') return undefined;
  const env = io.env ?? {};
  const sandbox = await support();
  const sandboxProblem = sandbox.sandbox || flags.noSandbox ? undefined : (sandbox.problem ?? 'The sandbox cannot start.');
  if (sandboxProblem) io.stderr(`dev-backend: commands will not run: ${sandboxProblem} (or pass --no-sandbox)\n`);
  return new CommandRunner({
    changes,
    support,
    env: { ...process.env, ...env },
    consent: new CliConsent(flags, validationCommands(prp), sandboxProblem),
    settings: { approval: 'sandboxed', allowedDomains: flags.allowDomains, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, useSandbox: !flags.noSandbox },
    listener: {
      onStart: (command, sandboxed) => io.stderr(`  $ ${command}${sandboxed ? '' : '  (NOT sandboxed)'}\n`),
      onEnd: (record) => {
        records.push(record);
        const how = record.notRun
          ? `not run: ${record.notRun}`
          : record.timedOut
            ? 'timeout'
            : record.cancelled
              ? 'cancelled'
              : `exit ${record.exitCode ?? 'signal'}`;
        io.stderr(`    ${how} (${(record.durationMs / 1000).toFixed(1)} s)${record.changedPaths.length ? `; staged ${record.changedPaths.join(', ')}` : ''}\n`);
      },
    },
  });
}

/** The --json form of a command record. */
export function commandJson(record: CommandRecord): { command: string; exitCode: number | null; timedOut: boolean; durationMs: number; sandboxed: boolean; changedPaths: string[]; notRun?: string } {
  return {
    command: record.command,
    exitCode: record.exitCode,
    timedOut: record.timedOut,
    durationMs: record.durationMs,
    sandboxed: record.sandboxed,
    changedPaths: record.changedPaths,
    ...(record.notRun ? { notRun: record.notRun } : {}),
  };
}
