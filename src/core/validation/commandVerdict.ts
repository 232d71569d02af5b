// Whether a gate command passed, failed, or could not run at all. A command that could not run (a missing program
// or interpreter, no network in the sandbox, a timeout) says nothing about the code: it is never sent to the model
// to fix, it is reported with what the user can do.
import type { GateStatus } from './gate';
import type { GateCommandResult } from './gateCommandRunner';

export interface CommandVerdict {
  status: GateStatus;
  /** For the user: why it failed or could not run. */
  reason?: string;
  /** For the user: what to do about a command that could not run. */
  advice?: string;
}

// `bash: foo: command not found`, `sh: 1: foo: not found`, `/usr/bin/env: 'python': No such file or directory`.
const MISSING_PROGRAM = [
  /(?:^|\n)(?:\S*(?:bash|sh|zsh)(?:: line \d+)?: )(?:\d+: )?([^\s:]+): (?:command )?not found/,
  /(?:^|\n)\S*env: [‘'"]?([^\s'’"]+)[’'"]?: No such file or directory/,
];
// What a resolver or a refused connection prints when the sandbox has no network.
const NO_NETWORK = /ENOTFOUND|EAI_AGAIN|getaddrinfo|Could not resolve host|Temporary failure in name resolution|Network is unreachable|ENETUNREACH/;

export function commandVerdict(command: string, result: GateCommandResult): CommandVerdict {
  if (result.notRun !== undefined) return { status: 'not_run', reason: result.notRun };
  if (result.cancelled) return { status: 'not_run', reason: 'cancelled' };
  if (result.timedOut) {
    return {
      status: 'could_not_run',
      reason: `stopped after ${Math.round(result.durationMs / 1000)} s: timeout`,
      advice: 'Raise devBackend.commands.timeoutSeconds if the command needs longer, or run it yourself.',
    };
  }
  if (result.exitCode === 0) return { status: 'passed' };
  const missing = missingProgram(result);
  if (missing !== undefined) {
    return {
      status: 'could_not_run',
      reason: `${missing} is not installed or not on PATH`,
      advice: `Install ${missing} (or add it to PATH), then run the gates again.`,
    };
  }
  if (result.exitCode === 126) {
    return { status: 'could_not_run', reason: `${firstWord(command)} cannot be executed (exit 126: not executable or permission denied)` };
  }
  if (result.sandboxed && result.networkAllowed !== true && NO_NETWORK.test(result.output)) {
    return {
      status: 'could_not_run',
      reason: 'it needs the network, which the sandbox does not allow',
      advice: 'Add the domains it needs to devBackend.commands.allowedDomains (or --allow-domain in the CLI), then run the gates again.',
    };
  }
  return { status: 'failed', reason: result.exitCode === null ? 'ended without an exit code' : `exit ${result.exitCode}` };
}

function missingProgram(result: GateCommandResult): string | undefined {
  for (const pattern of MISSING_PROGRAM) {
    const match = pattern.exec(result.output);
    if (match) return match[1];
  }
  return result.exitCode === 127 ? 'a program it runs' : undefined;
}

function firstWord(command: string): string {
  return command.trim().split(/\s+/)[0] ?? command;
}
