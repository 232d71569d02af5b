// `dev-backend` command line over src/core alone: a dispatcher to one file per subcommand.
import { nodeIo, type CliCommand, type CliIo } from './cliIo';
import { implementCommand } from './implementCommand';
import { planCommand } from './planCommand';
import { validateCommand } from './validateCommand';

const COMMANDS: Record<string, CliCommand> = {
  plan: planCommand,
  implement: implementCommand,
  validate: validateCommand,
};

const USAGE = `usage: dev-backend <command> [options]

Commands:
${Object.keys(COMMANDS)
  .map((name) => `  ${name}`)
  .join('\n')}

Run "dev-backend <command> --help" for a command's options.
`;

export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`dev-backend: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return command(rest, io);
}

if (require.main === module) {
  // Ctrl+C cancels a run cleanly (the staged diff is still printed); a second Ctrl+C exits at once.
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  main(process.argv.slice(2), { ...nodeIo, signal: interrupt.signal }).then(
    (code) => {
      process.exitCode = code;
      // After Ctrl+C, do not wait for the HTTP client's idle keep-alive sockets (seconds): exit once output is flushed.
      if (interrupt.signal.aborted) process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
    },
    (err: unknown) => {
      process.stderr.write(`dev-backend: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
