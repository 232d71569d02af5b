// `dev-backend implement <PRP.md>`: the same AgentRun as the extension, headless, for terminals and CI.
// Progress goes to stderr; the staged ChangeSet goes out as a unified diff (or JSON). Disk is untouched unless --apply.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as nodePath from 'node:path';
import { defaultAgentSources, loadAgents } from '../core/agents';
import { ChangeSet, type ApplyResult } from '../core/changes/changeSet';
import { changeEntriesForReport } from '../core/changes/changeSetJson';
import { formatUnifiedDiff } from '../core/changes/unifiedDiff';
import { AnthropicModelClient } from '../core/llm/anthropicClient';
import { formatUsd, resolveModel } from '../core/llm/modelCatalog';
import { parsePrp } from '../core/prp/prpParser';
import { formatPrpWarning } from '../core/prp/prp';
import { counted } from '../core/text/plural';
import type { RunOutcome } from '../core/run/agentEvents';
import { ripgrepOnPath, searchEngineFor } from '../core/search/ripgrepLocator';
import { NodeWorkspace } from '../core/workspace/nodeWorkspace';
import { applyStaged, deliver, reportNotApplied } from './applyOutput';
import { CliInputError, parsePrpArgs, type CliIo } from './cliIo';
import { apiKeyFromEnvironment, checkOutFile, checkWorkspaceFolder } from './implementChecks';
import { stripControls } from './terminalText';
import type { CommandRecord } from '../core/commands/commandResult';
import { cliCommandRunner, commandJson, parseCommandsMode, type CliCommandFlags } from './cliCommands';
import { openTodos } from '../core/plan/planOps';
import type { Usage } from '../core/llm/modelClient';
import { fixedModel, MemoryPlanRepository, MemoryTranscripts } from '../core/session/memoryPorts';
import { outcomeOf, RunSession, type SessionEvent } from '../core/session/runSession';
import type { RunLimits } from '../core/run/agentRun';
import { readRunState, runStateFile, writeRunState } from './cliRunState';
import { reportValidationEnd, reportValidationEvent } from './implementValidation';
import { allGatesPassed, validationJson } from '../core/validation/validationReport';
import { DEFAULT_MAX_FIX_ROUNDS } from '../core/validation/validationRun';

export const IMPLEMENT_USAGE =
  'usage: dev-backend implement <PRP.md> [--workspace DIR] [--agent NAME] [--out FILE] [--apply] [--json]\n' +
  '         [--stream-idle-timeout SECONDS] [--max-retry-wait SECONDS]\n' +
  '         [--commands none|validation|all] [--allow-domain DOMAIN]... [--no-sandbox] [--max-fix-rounds N]\n' +
  '         [--continue] [--max-turns N] [--max-tokens N]';

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
  const workspace = new NodeWorkspace(root);
  const stateFile = runStateFile(env, root, prpPath);
  const saved = args.continue ? await readRunState(stateFile).catch((error: unknown) => {
    throw new CliInputError(error instanceof Error ? error.message : String(error));
  }) : undefined;
  if (args.continue && !saved) throw new CliInputError(`there is no earlier run of ${prpPath} in ${root} to continue`);
  const changes = saved ? ChangeSet.fromJSON(workspace, saved.changes) : new ChangeSet(workspace);
  const ripgrep = ripgrepOnPath(env);
  if (!ripgrep) io.stderr('dev-backend: ripgrep (rg) is not on PATH; search and list_files use the slower built-in scan (install ripgrep for large workspaces).\n');
  const model = resolveModel(env.DEV_BACKEND_MODEL || agent.model, {});
  const client = new AnthropicModelClient({
    apiKey: async () => apiKey,
    baseURL: env.ANTHROPIC_BASE_URL || undefined,
    streamIdleTimeoutMs,
    maxRetryWaitMs,
  });
  const plans = new MemoryPlanRepository(saved ? [saved.plan] : []);
  const transcripts = new MemoryTranscripts(saved ? [saved.transcript] : []);
  const commandRecords: CommandRecord[] = [];
  const gatesOn = args.commandFlags.mode !== 'none';
  const session = new RunSession({
    changes,
    loadAgent: () => Promise.resolve(agent),
    models: fixedModel(client, model),
    transcripts,
    plans,
    searchEngine: searchEngineFor(workspace, ripgrep),
    commands: () => cliCommandRunner(args.commandFlags, prp, changes, io, commandRecords),
    ...(gatesOn && { gates: { consent: { approve: () => Promise.resolve('run' as const) }, maxFixRounds: args.maxFixRounds, fixRoundsLimitName: '--max-fix-rounds', networkAllowed: args.commandFlags.allowDomains.length > 0 } }),
    limits: args.limits,
  });
  io.stderr(`dev-backend: ${agent.name} on ${prpPath} with ${model}${saved ? ', continuing the last run' : ''}\n`);
  const report = await session.run({ prp: { path: prpPath, text: prpText }, resume: args.continue, ...(io.signal && { signal: io.signal }), onEvent: (event) => reportProgress(event, io) });
  if ('missingKey' in report) throw new CliInputError('no API key');
  if (!gatesOn) io.stderr('validation: gates not run: commands are off (--commands none).\n');
  else if (report.validationSkipped) io.stderr(`validation: gates not run: ${report.validationSkipped}.\n`);
  else if (report.validation) reportValidationEnd(report.validation, io);
  const transcript = await transcripts.get(prpPath);
  if (transcript) await writeRunState(stateFile, { version: 1, transcript, plan: report.plan, changes: changes.toJSON() });
  const validation = report.validation ?? { gates: [], fixRounds: [] };
  const { usage, costUsd } = report;
  const outcome = outcomeOf(report);
  const todosDone = openTodos(report.plan).length === 0;

  const staged = changes.entries();
  const apply = args.apply ? await applyStaged(changes, staged) : undefined;
  const notApplied = apply ? [...apply.stale, ...apply.failed.map((f) => f.path)] : [];
  const shown = apply ? staged.filter((entry) => apply.applied.includes(entry.path)) : staged;
  const output = args.json
    ? `${JSON.stringify(
        {
          outcome,
          plan: report.plan,
          usage,
          costUsd,
          changes: changeEntriesForReport(staged),
          applied: apply?.applied ?? [],
          stale: apply?.stale ?? [],
          failed: apply?.failed ?? [],
          commands: commandRecords.map(commandJson),
          validation: validationJson(validation),
          fixRounds: validation.fixRounds,
          fixUsage: report.fixUsage,
          fixCostUsd: report.fixCostUsd,
        },
        null,
        2,
      )}\n`
    : formatUnifiedDiff(shown);
  await deliver(output, outFile, args.json, io);
  if (apply) reportNotApplied(apply, staged, io);
  io.stderr(summaryLine(outcome, staged.length, apply, usage, costUsd));
  return outcome.status === 'completed' && todosDone && allGatesPassed(validation) && notApplied.length === 0 ? 0 : 1;
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
  /** Resume the last run of this PRP in this workspace (its conversation, plan and staged changes). */
  continue: boolean;
  limits: Partial<RunLimits>;
}

/** A positive number of seconds from a flag or its environment variable; `fallback` when neither is given. */
function seconds(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new CliInputError(`${flag} must be a number of seconds above 0, got "${value}"`);
  return parsed;
}

function parseImplementArgs(argv: readonly string[]): ImplementArgs {
  const parsed = parsePrpArgs(argv, {
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
    continue: { type: 'boolean', default: false },
    'max-turns': { type: 'string' },
    'max-tokens': { type: 'string' },
  });
  const { prp } = parsed;
  const { workspace, agent, out, apply, json } = parsed.values;
  const streamIdleTimeout = parsed.values['stream-idle-timeout'];
  const maxRetryWait = parsed.values['max-retry-wait'];
  const commandFlags: CliCommandFlags = {
    mode: parseCommandsMode(parsed.values.commands),
    allowDomains: parsed.values['allow-domain'] ?? [],
    noSandbox: parsed.values['no-sandbox'] ?? false,
  };
  const maxFixRounds = wholeNumber('--max-fix-rounds', parsed.values['max-fix-rounds'], 0) ?? DEFAULT_MAX_FIX_ROUNDS;
  const maxTurns = wholeNumber('--max-turns', parsed.values['max-turns'], 1);
  const maxTokens = wholeNumber('--max-tokens', parsed.values['max-tokens'], 1);
  const limits: Partial<RunLimits> = { ...(maxTurns !== undefined && { maxTurns }), ...(maxTokens !== undefined && { maxTokensPerRun: maxTokens }) };
  const resume = parsed.values.continue ?? false;
  return { prp, workspace, agent, out, apply: apply ?? false, json: json ?? false, streamIdleTimeout, maxRetryWait, commandFlags, maxFixRounds, continue: resume, limits };
}

/**
 * A whole-number flag from `min` up (--max-fix-rounds from 0: gates run, no fix; --max-turns and --max-tokens from 1);
 * undefined when not given (the defaults apply).
 */
function wholeNumber(flag: string, value: string | undefined, min: 0 | 1): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isInteger(parsed) || parsed < min) {
    throw new CliInputError(`${flag} must be a whole number ${min === 0 ? 'from 0 up' : 'above 0'}, got "${value}"`);
  }
  return parsed;
}

function reportProgress(event: SessionEvent, io: CliIo): void {
  switch (event.type) {
    case 'validation':
      reportValidationEvent(event.event, io);
      break;
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
    ? `${counted(apply.applied.length, 'file')} applied${apply.stale.length + apply.failed.length > 0 ? `, ${apply.stale.length + apply.failed.length} NOT applied` : ''}`
    : `${counted(staged, 'file')} changed`;
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
