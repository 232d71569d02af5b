// run_command: runs a shell command in the run's shadow workspace (disk + staged changes), sandboxed where
// possible; files it changes come back as staged changes. Claude Code's `Bash` maps here.
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from '../commands/commandPolicy';
import { defineTool, failure, success } from './toolTypes';

const input = {
  type: 'object',
  properties: {
    command: { type: 'string', minLength: 1, maxLength: 10_000, description: 'The command line, run with bash (sh where bash is missing) at the workspace root.' },
    timeout_s: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_TIMEOUT_SECONDS,
      description: `Seconds before the command is stopped (default ${DEFAULT_TIMEOUT_SECONDS} or the user's setting).`,
    },
    description: { type: 'string', maxLength: 500, description: 'Why you run it, in a few words; shown to the user when they are asked.' },
  },
  required: ['command'],
  additionalProperties: false,
} as const;

export const runCommandTool = defineTool({
  name: 'run_command',
  description:
    'Run a shell command (tests, linters, type checks, builds, formatters) in a private copy of the workspace that includes every ' +
    'change staged so far; the user\'s files are not touched. Files the command creates, changes or deletes come back as staged ' +
    'changes for review. Usually sandboxed: no network unless the user allowed a domain, writes only inside the workspace and /tmp. ' +
    'Returns the exit code, the output (cut in the middle when long) and the files it changed. Use it to run the PRP\'s validation ' +
    'commands; do not start servers or watchers (the command is stopped at its timeout). A non-zero exit is reported as an error.',
  input,
  label: 'Running a command',
  describe: ({ command }) => `Running ${command.length > 80 ? `${command.slice(0, 77)}...` : command}`,
  run: async ({ command, timeout_s, description }, ctx) => {
    if (!ctx.commands) {
      return failure('not run: commands are turned off here (devBackend.commands.approval is "never" or --commands none).', 'run_command: off');
    }
    const outcome = await ctx.commands.run(
      {
        command,
        ...(timeout_s !== undefined ? { timeoutSeconds: timeout_s } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(ctx.todoId !== undefined ? { todoId: ctx.todoId } : {}),
      },
      ctx.signal,
    );
    const alsoStaged = outcome.record.changedPaths.flatMap((path) => {
      const kind = ctx.changes.get(path)?.kind;
      return kind ? [{ path, kind, ...(ctx.todoId !== undefined ? { todoId: ctx.todoId } : {}) }] : [];
    });
    const result = outcome.isError ? failure(outcome.content, outcome.summary) : success(outcome.content, outcome.summary);
    return alsoStaged.length > 0 ? { ...result, alsoStaged } : result;
  },
});
