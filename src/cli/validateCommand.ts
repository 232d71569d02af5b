// `dev-backend validate <PRP.md>`: runs the PRP's validation gates against the workspace as it is, sandboxed, without
// any model call. Exit 0 every gate passed, 1 a gate failed or could not run, 2 bad input.
import * as nodePath from 'node:path';
import { ChangeSet } from '../core/changes/changeSet';
import type { CommandRecord } from '../core/commands/commandResult';
import { parsePrp } from '../core/prp/prpParser';
import { gateRunnerOf } from '../core/validation/commandGateRunner';
import { gatesOf } from '../core/validation/gate';
import { allGatesPassed, validationJson, validationMarkdown, validationSummary } from '../core/validation/validationReport';
import { runValidation } from '../core/validation/validationRun';
import { NodeWorkspace } from '../core/workspace/nodeWorkspace';
import { cliCommandRunner } from './cliCommands';
import { CliInputError, parsePrpArgs, type CliIo } from './cliIo';
import { checkWorkspaceFolder } from './implementChecks';
import { escapeControls, escapeJsonControls, stripControls } from './terminalText';

export const VALIDATE_USAGE = `usage: dev-backend validate <PRP.md> [--workspace DIR] [--json] [--allow-domain DOMAIN]... [--no-sandbox]

Runs the PRP's validation levels (its gate commands, exactly as written) in order against the workspace, in the
sandbox (writes go to a throwaway copy; no network unless --allow-domain). Prints a report (markdown, or JSON).
Exit codes: 0 every gate passed, 1 a gate failed or could not run, 2 bad usage or input.`;

export async function validateCommand(argv: string[], terminalIo: CliIo): Promise<number> {
  const io: CliIo = { ...terminalIo, stderr: (text) => terminalIo.stderr(stripControls(text)) };
  try {
    return await validate(argv, io);
  } catch (error) {
    if (error instanceof CliInputError) {
      io.stderr(`dev-backend validate: ${error.message}\n${VALIDATE_USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

async function validate(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseValidateArgs(argv);
  const root = await checkWorkspaceFolder(nodePath.resolve(io.cwd, args.workspace ?? '.'));
  const prpFile = nodePath.resolve(io.cwd, args.prp);
  const prp = parsePrp(await io.readTextFile(prpFile));
  const gates = gatesOf(prp);
  const prpPath = nodePath.relative(root, prpFile).split(nodePath.sep).join('/');
  if (gates.length === 0) io.stderr(`dev-backend validate: ${prpPath} has no validation commands to run.\n`);

  const records: CommandRecord[] = [];
  const changes = new ChangeSet(new NodeWorkspace(root));
  const flags = { mode: 'validation' as const, allowDomains: args.allowDomains, noSandbox: args.noSandbox };
  const runner = await cliCommandRunner(flags, prp, changes, io, records);
  if (!runner) throw new Error('validation commands are always allowed here');
  let report;
  try {
    report = await runValidation(gates, {
      runner: gateRunnerOf(runner, { networkAllowed: args.allowDomains.length > 0 }),
      maxFixRounds: 0,
      signal: io.signal,
      onEvent: (event) => {
        if (event.type === 'gate_started') io.stderr(`Level ${event.gate.level}: ${event.gate.title}\n`);
      },
    });
  } finally {
    await runner.dispose();
  }
  io.stdout(
    args.json
      ? escapeJsonControls(`${JSON.stringify({ prp: prpPath, validation: validationJson(report) }, null, 2)}\n`)
      : escapeControls(validationMarkdown(report, prpPath)),
  );
  io.stderr(`${validationSummary(report)}\n`);
  return allGatesPassed(report) ? 0 : 1;
}

interface ValidateArgs {
  prp: string;
  workspace?: string;
  json: boolean;
  allowDomains: string[];
  noSandbox: boolean;
}

function parseValidateArgs(argv: readonly string[]): ValidateArgs {
  const parsed = parsePrpArgs(argv, {
    workspace: { type: 'string' },
    json: { type: 'boolean', default: false },
    'allow-domain': { type: 'string', multiple: true },
    'no-sandbox': { type: 'boolean', default: false },
  });
  const { prp } = parsed;
  return {
    prp,
    workspace: parsed.values.workspace,
    json: parsed.values.json ?? false,
    allowDomains: parsed.values['allow-domain'] ?? [],
    noSandbox: parsed.values['no-sandbox'] ?? false,
  };
}
