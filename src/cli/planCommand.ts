// `dev-backend plan <PRP.md> [--json] [--strict]`: parse a PRP and print its offline plan.
import * as path from 'node:path';
import { planOfPrp } from '../core/plan/prpPlan';
import { formatPlanMarkdown } from '../core/report/planMarkdown';
import { formatPrpWarning } from '../core/prp/prp';
import { CliInputError, type CliIo } from './cliIo';
import { escapeControls, escapeJsonControls, stripControls } from './terminalText';

export const PLAN_USAGE = `usage: dev-backend plan <PRP.md> [--json] [--strict]

Reads a PRP (markdown spec) and prints the task checklist the extension would plan from it.
  --json     print {"prp": ..., "plan": ...} instead of the checklist
  --strict   exit 1 when the parser had warnings (for checking PRPs in CI)
Warnings go to stderr. Exit codes: 0 ok, 1 warnings with --strict, 2 bad usage or unreadable file.
`;

interface PlanOptions {
  file: string;
  json: boolean;
  strict: boolean;
}

function readOptions(args: string[]): PlanOptions | 'help' {
  const files: string[] = [];
  let json = false;
  let strict = false;
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--json') json = true;
    else if (arg === '--strict') strict = true;
    else if (arg.startsWith('-') && arg !== '-') throw new CliInputError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length === 0) throw new CliInputError('missing the PRP file');
  if (files.length > 1) throw new CliInputError(`expected one PRP file, got ${files.length}: ${files.join(' ')}`);
  return { file: files[0], json, strict };
}

export async function planCommand(args: string[], terminalIo: CliIo): Promise<number> {
  // The PRP may come from anyone: its text never drives the terminal (see terminalText.ts).
  const io: CliIo = { ...terminalIo, stderr: (text) => terminalIo.stderr(stripControls(text)) };
  let options: PlanOptions | 'help';
  try {
    options = readOptions(args);
  } catch (err) {
    io.stderr(`dev-backend plan: ${err instanceof Error ? err.message : String(err)}\n\n${PLAN_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    io.stdout(PLAN_USAGE);
    return 0;
  }

  let text: string;
  try {
    text = await io.readTextFile(path.resolve(io.cwd, options.file));
  } catch (err) {
    const message = err instanceof CliInputError ? err.message.replace(path.resolve(io.cwd, options.file), options.file) : String(err);
    io.stderr(`dev-backend plan: ${message}\n`);
    return 2;
  }

  const prpPath = options.file.split(path.sep).join('/');
  const { prp, plan } = planOfPrp(text, prpPath);
  for (const warning of prp.warnings) io.stderr(`${formatPrpWarning(prpPath, warning)}\n`);
  io.stdout(options.json ? escapeJsonControls(`${JSON.stringify({ prp, plan }, null, 2)}\n`) : escapeControls(formatPlanMarkdown(plan)));
  return options.strict && prp.warnings.length > 0 ? 1 : 0;
}
