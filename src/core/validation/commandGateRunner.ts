// Gates run their commands through the run's CommandRunner: the same shadow (disk + staged changes), sandbox,
// process groups and output caps as the model's run_command.
import type { CommandRunner } from '../commands/commandRunner';
import type { GateCommandRunner } from './gateCommandRunner';

export function gateRunnerOf(runner: CommandRunner, options: { networkAllowed: boolean }): GateCommandRunner {
  return {
    async run(command, { signal, label }) {
      const outcome = await runner.run({ command, description: `PRP validation gate (${label})` }, signal);
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
