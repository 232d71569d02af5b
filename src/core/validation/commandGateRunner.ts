// Gates run their commands through the run's CommandRunner: the same shadow (disk + staged changes), sandbox,
// process groups and output caps as the model's run_command.
import type { CommandRunner } from '../commands/commandRunner';
import type { GateCommandRunner } from './gateCommandRunner';

/** `approved`: the user approved the PRP's gate commands as one list (the editor's gate consent; the CLI's flags). */
export function gateRunnerOf(runner: CommandRunner, options: { networkAllowed: boolean; approved?: boolean }): GateCommandRunner {
  return {
    async run(command, { signal, label }) {
      const outcome = await runner.run({ command, description: `PRP validation gate (${label})`, ...(options.approved && { approved: true }) }, signal);
      const { record } = outcome;
      return {
        exitCode: record.exitCode,
        timedOut: record.timedOut,
        cancelled: record.cancelled,
        ...(record.notRun !== undefined && { notRun: record.notRun }),
        output: outcome.output,
        durationMs: record.durationMs,
        sandboxed: record.sandboxed,
        networkAllowed: options.networkAllowed,
      };
    },
  };
}
