// `dev-backend implement <PRP.md>`: the same AgentRun as the extension, headless, for terminals and CI.
// Progress goes to stderr; the staged ChangeSet goes out as a unified diff (or JSON). Disk is untouched unless --apply.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as nodePath from 'node:path';
import { parseArgs } from 'node:util';
import { defaultAgentSources, loadAgents } from '../core/agents';
import { ChangeSet, type ApplyResult } from '../core/changes/changeSet';
import { changeEntriesForReport } from '../core/changes/changeSetJson';
import { formatUnifiedDiff } from '../core/changes/unifiedDiff';
import { AnthropicModelClient } from '../core/llm/anthropicClient';
import { formatUsd, resolveModel } from '../core/llm/modelCatalog';
import { planFromPrp } from '../core/plan/offlinePlanner';
import { parsePrp } from '../core/prp/prpParser';
import { formatPrpWarning } from '../core/prp/prp';
import type { AgentEvent, RunOutcome } from '../core/run/agentEvents';
import { AgentRun } from '../core/run/agentRun';
import { ripgrepOnPath, searchEngineFor } from '../core/search/ripgrepLocator';
import { NodeWorkspace } from '../core/workspace/nodeWorkspace';
import { applyStaged, deliver, reportNotApplied } from './applyOutput';
import { CliInputError, type CliIo } from './cliIo';
import { apiKeyFromEnvironment, checkOutFile, checkWorkspaceFolder } from './implementChecks';
import { stripControls } from './terminalText';
import { runAgentOf } from '../core/run/runAgent';
import type { CommandRecord } from '../core/commands/commandResult';
import { cliCommandRunner, commandJson, parseCommandsMode, type CliCommandFlags } from './cliCommands';
import { noValidation, validateImplementation, type ImplementValidation } from './implementValidation';
import { openTodos } from '../core/plan/planOps';
import { addUsage, type Usage } from '../core/llm/modelClient';
import { allGatesPassed, validationJson } from '../core/validation/validationReport';

export const IMPLEMENT_USAGE =
  'usage: dev-backend implement <PRP.md> [--workspace DIR] [--agent NAME] [--out FILE] [--apply] [--json]\n' +
  '         [--stream-idle-timeout SECONDS] [--max-retry-wait SECONDS]\n' +
  '         [--commands none|validation|all] [--allow-domain DOMAIN]... [--no-sandbox] [--max-fix-rounds N]';

/**
 * Exit codes: 0 done, every validation gate passed (when commands run) and, with --apply, every change applied;
 * 1 run failed, todos open, a gate did not pass or changes not applied; 2 bad usage or input.
 */
export async function implementCommand(argv: string[], terminalIo: CliIo): Promise<number> {
  // Messages carry text from the model, the server and the repository: no control sequence reaches the terminal.
  const io: CliIo = { ...terminalIo, stderr: (text) => terminalIo.stderr(stripControls(text)) };
  try {
    return await implement(argv, io);
  } catch (error) {
    if (error instanceof CliInputError) {
      io.stderr(`dev-backend: ${error.message}\n${IMPLEMENT_USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

async function implement(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseImplementArgs(argv);
  // Every input is checked before the paid run: nothing is lost to a bad --out afterwards.
  const root = await checkWorkspaceFolder(nodePath.resolve(io.cwd, args.workspace ?? '.'));
  const outFile = args.out === undefined ? undefined : await checkOutFile(nodePath.resolve(io.cwd, args.out));
  const prpFile = nodePath.resolve(io.cwd, args.prp);
  const prpText = await io.readTextFile(prpFile);
  const env = io.env ?? {};
  const streamIdleTimeoutMs = seconds('--stream-idle-timeout', args.streamIdleTimeout ?? env.DEV_BACKEND_STREAM_IDLE_TIMEOUT, 90) * 1000;
  const maxRetryWaitMs = seconds('--max-retry-wait', args.maxRetryWait ?? env.DEV_BACKEND_MAX_RETRY_WAIT, 60) * 1000;
  const apiKey = apiKeyFromEnvironment(env);

  const loaded = await loadAgents(defaultAgentSources({ workspaceRoot: root, homeDir: homedir(), bundledDir: bundledAgentsDir() }));
  for (const d of loaded.diagnostics.filter((x) => x.severity !== 'info')) io.stderr(`agents: ${d.path}: ${d.reason}\n`);
  const agentName = args.agent ?? 'dev-backend';
  const agent = loaded.agents.get(agentName);
  if (!agent) {
    throw new CliInputError(`no agent named "${agentName}"; available: ${[...loaded.agents.keys()].join(', ') || 'none'}`);
  }

  const prp = parsePrp(prpText);
  const prpPath = toWorkspacePath(root, prpFile);
  for (const warning of prp.warnings) io.stderr(`${formatPrpWarning(prpPath, warning)}\n`);
  const plan = planFromPrp(prp, prpPath);
  const workspace = new NodeWorkspace(root);
  const changes = new ChangeSet(workspace);
  const ripgrep = ripgrepOnPath(env);
  if (!ripgrep) io.stderr('dev-backend: ripgrep (rg) is not on PATH; search and list_files use the slower built-in scan (install ripgrep for large workspaces).\n');
  const model = resolveModel(env.DEV_BACKEND_MODEL || agent.model, {});
  const client = new AnthropicModelClient({
    apiKey: async () => apiKey,
    baseURL: env.ANTHROPIC_BASE_URL || undefined,
    streamIdleTimeoutMs,
    maxRetryWaitMs,
  });
  io.stderr(`dev-backend: ${agent.name} on ${prpPath} with ${model} (${plan.todos.length} todos)\n`);

  const commandRecords: CommandRecord[] = [];
  const commands = await cliCommandRunner(args.commandFlags, prp, changes, io, commandRecords);
  const runOptions = {
    ...(commands ? { commands } : {}),
    agent: runAgentOf(agent),
    model,
    prp: { path: prpPath, text: prpText },
    client,
    workspace,
    changes,
    searchEngine: searchEngineFor(workspace, ripgrep),
    onEvent: (event: AgentEvent) => reportProgress(event, io),
  };
  const run = new AgentRun({ ...runOptions, plan, signal: io.signal });
  let outcome: RunOutcome;
  let validation: ImplementValidation;
  try {
    outcome = await run.start();
    // The gates run before the diff is shown or applied, so the model's fixes are part of it.
    if (outcome.status === 'completed' && commands) {
      validation = await validateImplementation({
        prp,
        commands,
        networkAllowed: args.commandFlags.allowDomains.length > 0,
        maxFixRounds: args.maxFixRounds,
        run,
        fixRun: runOptions,
        io,
      });
    } else {
      io.stderr(`validation: gates not run: ${commands ? 'the run did not complete' : 'commands are off (--commands none)'}.\n`);
      validation = noValidation(run);
    }
  } finally {
    await commands?.dispose();
  }
  const usage = addUsage(outcome.usage, validation.fixUsage);
  const costUsd = outcome.costUsd + validation.fixCostUsd;
  const todosDone = openTodos(validation.plan).length === 0;

  const staged = changes.entries();
  const apply = args.apply ? await applyStaged(changes, staged) : undefined;
  const notApplied = apply ? [...apply.stale, ...apply.failed.map((f) => f.path)] : [];
  const shown = apply ? staged.filter((entry) => apply.applied.includes(entry.path)) : staged;
  const output = args.json
    ? `${JSON.stringify(
        {
          outcome,
          plan: validation.plan,
          usage,
          costUsd,
          changes: changeEntriesForReport(staged),
          applied: apply?.applied ?? [],
          stale: apply?.stale ?? [],
          failed: apply?.failed ?? [],
          commands: commandRecords.map(commandJson),
          validation: validationJson(validation.report),
          fixRounds: validation.report.fixRounds,
          fixUsage: validation.fixUsage,
          fixCostUsd: validation.fixCostUsd,
        },
        null,
        2,
      )}\n`
    : formatUnifiedDiff(shown);
  await deliver(output, outFile, args.json, io);
  if (apply) reportNotApplied(apply, staged, io);
  io.stderr(summaryLine(outcome, staged.length, apply, usage, costUsd));
  return outcome.status === 'completed' && todosDone && allGatesPassed(validation.report) && notApplied.length === 0 ? 0 : 1;
}

interface ImplementArgs {
  prp: string;
  workspace?: string;
  agent?: string;
  out?: string;
  apply: boolean;
  json: boolean;
  streamIdleTimeout?: string;
  maxRetryWait?: string;
  commandFlags: CliCommandFlags;
  maxFixRounds: number;
}

/** A positive number of seconds from a flag or its environment variable; `fallback` when neither is given. */
function seconds(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new CliInputError(`${flag} must be a number of seconds above 0, got "${value}"`);
  return parsed;
}

function parseImplementArgs(argv: readonly string[]): ImplementArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        agent: { type: 'string' },
        out: { type: 'string' },
        apply: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'stream-idle-timeout': { type: 'string' },
        'max-retry-wait': { type: 'string' },
        commands: { type: 'string' },
        'allow-domain': { type: 'string', multiple: true },
        'no-sandbox': { type: 'boolean', default: false },
        'max-fix-rounds': { type: 'string' },
      },
    });
  } catch (error) {
    throw new CliInputError(error instanceof Error ? error.message : String(error));
  }
  const [prp, ...extra] = parsed.positionals;
  if (!prp) throw new CliInputError('missing the PRP file');
  if (extra.length > 0) throw new CliInputError(`unexpected arguments: ${extra.join(' ')}`);
  const { workspace, agent, out, apply, json } = parsed.values;
  const streamIdleTimeout = parsed.values['stream-idle-timeout'];
  const maxRetryWait = parsed.values['max-retry-wait'];
  const commandFlags: CliCommandFlags = {
    mode: parseCommandsMode(parsed.values.commands),
    allowDomains: parsed.values['allow-domain'] ?? [],
    noSandbox: parsed.values['no-sandbox'] ?? false,
  };
  const maxFixRounds = fixRounds(parsed.values['max-fix-rounds']);
  return { prp, workspace, agent, out, apply: apply ?? false, json: json ?? false, streamIdleTimeout, maxRetryWait, commandFlags, maxFixRounds };
}

/** --max-fix-rounds: a whole number from 0 (gates run, no fix) up; 3 when not given. */
function fixRounds(value: string | undefined): number {
  if (value === undefined) return 3;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isInteger(parsed) || parsed < 0) {
    throw new CliInputError(`--max-fix-rounds must be a whole number from 0 up, got "${value}"`);
  }
  return parsed;
}

function reportProgress(event: AgentEvent, io: CliIo): void {
  switch (event.type) {
    case 'tool_start':
      io.stderr(`  ${event.summary}\n`);
      break;
    case 'tool_end':
      if (!event.ok) io.stderr(`  ! ${event.summary}\n`);
      break;
    case 'todos': {
      const current = event.plan.todos.find((t) => t.status === 'in_progress');
      const done = event.plan.todos.filter((t) => t.status === 'completed').length;
      io.stderr(`[${done}/${event.plan.todos.length}]${current ? ` ${current.activeForm}` : ''}\n`);
      break;
    }
    case 'waiting':
      io.stderr(`waiting: ${event.message}\n`);
      break;
    case 'error':
      io.stderr(`error: ${event.message}\n`);
      break;
    default:
      break;
  }
}

function summaryLine(outcome: RunOutcome, staged: number, apply: ApplyResult | undefined, u: Usage, costUsd: number): string {
  const tokens = `${u.inputTokens + u.cacheCreationInputTokens + u.cacheReadInputTokens} in (${u.cacheReadInputTokens} cached), ${u.outputTokens} out`;
  const open = outcome.openTodos.length ? `; open: ${outcome.openTodos.map((t) => t.content).join('; ')}` : '';
  const files = apply
    ? `${apply.applied.length} file(s) applied${apply.stale.length + apply.failed.length > 0 ? `, ${apply.stale.length + apply.failed.length} NOT applied` : ''}`
    : `${staged} file(s) changed`;
  return `${outcome.status}: ${outcome.reason} ${files}; ${tokens}; ${formatUsd(costUsd)}${open}\n`;
}

function toWorkspacePath(root: string, file: string): string {
  const relative = nodePath.relative(root, file);
  return relative.startsWith('..') || nodePath.isAbsolute(relative) ? file : relative.split(nodePath.sep).join('/');
}

/** The bundled agents/ folder: next to dist/ when bundled, or up from out/src/cli when compiled for tests. */
function bundledAgentsDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = nodePath.join(dir, 'agents');
    if (existsSync(nodePath.join(candidate, 'dev-backend.md'))) return candidate;
    dir = nodePath.dirname(dir);
  }
  return nodePath.join(__dirname, '..', 'agents');
}
