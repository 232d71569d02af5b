// `dev-backend implement <PRP.md>`: the same AgentRun as the extension, headless, for terminals and CI.
// Progress goes to stderr; the staged ChangeSet goes out as a unified diff (or JSON). Disk is untouched unless --apply.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as nodePath from 'node:path';
import { parseArgs } from 'node:util';
import { defaultAgentSources, loadAgents } from '../core/agents';
import { ChangeSet } from '../core/changes/changeSet';
import { AnthropicModelClient } from '../core/llm/anthropicClient';
import { formatUsd, resolveModel } from '../core/llm/modelCatalog';
import { planFromPrp } from '../core/plan/offlinePlanner';
import { parsePrp } from '../core/prp/prpParser';
import type { AgentEvent, RunOutcome } from '../core/run/agentEvents';
import { AgentRun } from '../core/run/agentRun';
import { NodeWorkspace } from '../core/workspace/nodeWorkspace';
import { CliInputError, type CliIo } from './cliIo';
import { runAgentOf } from '../core/run/runAgent';
import type { CommandRecord } from '../core/commands/commandResult';
import { cliCommandRunner, commandJson, parseCommandsMode, type CliCommandFlags } from './cliCommands';

export const IMPLEMENT_USAGE =
  'usage: dev-backend implement <PRP.md> [--workspace DIR] [--agent NAME] [--out FILE] [--apply] [--json]\n' +
  '       [--commands none|validation|all] [--allow-domain DOMAIN]... [--no-sandbox]';

/** Exit codes: 0 done, 1 run failed or stopped with todos open, 2 bad usage or input. */
export async function implementCommand(argv: string[], io: CliIo): Promise<number> {
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
  const root = nodePath.resolve(io.cwd, args.workspace ?? '.');
  if (!existsSync(root)) throw new CliInputError(`workspace folder not found: ${root}`);
  const prpFile = nodePath.resolve(io.cwd, args.prp);
  const prpText = await io.readTextFile(prpFile);
  const env = io.env ?? {};
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) throw new CliInputError('ANTHROPIC_API_KEY is not set; export it (the key is never read from a file or argument).');

  const loaded = await loadAgents(defaultAgentSources({ workspaceRoot: root, homeDir: homedir(), bundledDir: bundledAgentsDir() }));
  for (const d of loaded.diagnostics.filter((x) => x.severity !== 'info')) io.stderr(`agents: ${d.path}: ${d.reason}\n`);
  const agentName = args.agent ?? 'dev-backend';
  const agent = loaded.agents.get(agentName);
  if (!agent) {
    throw new CliInputError(`no agent named "${agentName}"; available: ${[...loaded.agents.keys()].join(', ') || 'none'}`);
  }

  const prp = parsePrp(prpText);
  for (const warning of prp.warnings) io.stderr(`prp: ${warning}\n`);
  const prpPath = toWorkspacePath(root, prpFile);
  const plan = planFromPrp(prp, prpPath);
  const workspace = new NodeWorkspace(root);
  const changes = new ChangeSet(workspace);
  const model = resolveModel(env.DEV_BACKEND_MODEL || agent.model, {});
  const client = new AnthropicModelClient({ apiKey: async () => apiKey, baseURL: env.ANTHROPIC_BASE_URL || undefined });
  io.stderr(`dev-backend: ${agent.name} on ${prpPath} with ${model} (${plan.todos.length} todos)\n`);

  const commandRecords: CommandRecord[] = [];
  const commands = await cliCommandRunner(args.commandFlags, prp, changes, io, commandRecords);
  const run = new AgentRun({
    ...(commands ? { commands } : {}),
    agent: runAgentOf(agent),
    model,
    prp: { path: prpPath, text: prpText },
    plan,
    client,
    workspace,
    changes,
    signal: io.signal,
    onEvent: (event) => reportProgress(event, io),
  });
  let outcome: RunOutcome;
  try {
    outcome = await run.start();
  } finally {
    await commands?.dispose();
  }

  let applied: string[] = [];
  if (args.apply) {
    const result = await changes.applyToDisk();
    applied = result.applied;
    for (const path of result.stale) io.stderr(`not applied (changed on disk since it was staged): ${path}\n`);
    for (const f of result.failed) io.stderr(`not applied: ${f.path}: ${f.reason}\n`);
  }
  const output = args.json
    ? `${JSON.stringify({ outcome, plan: run.plan, usage: outcome.usage, costUsd: outcome.costUsd, changes: changes.entries(), applied, commands: commandRecords.map(commandJson) }, null, 2)}\n`
    : changes.unifiedDiff();
  if (args.out) await writeFile(nodePath.resolve(io.cwd, args.out), output);
  else io.stdout(output);
  io.stderr(summaryLine(outcome, changes.size));
  return outcome.status === 'completed' ? 0 : 1;
}

interface ImplementArgs {
  prp: string;
  workspace?: string;
  agent?: string;
  out?: string;
  apply: boolean;
  json: boolean;
  commandFlags: CliCommandFlags;
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
        commands: { type: 'string' },
        'allow-domain': { type: 'string', multiple: true },
        'no-sandbox': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new CliInputError(error instanceof Error ? error.message : String(error));
  }
  const [prp, ...extra] = parsed.positionals;
  if (!prp) throw new CliInputError('missing the PRP file');
  if (extra.length > 0) throw new CliInputError(`unexpected arguments: ${extra.join(' ')}`);
  const { workspace, agent, out, apply, json } = parsed.values;
  const commandFlags: CliCommandFlags = {
    mode: parseCommandsMode(parsed.values.commands),
    allowDomains: parsed.values['allow-domain'] ?? [],
    noSandbox: parsed.values['no-sandbox'] ?? false,
  };
  return { prp, workspace, agent, out, apply: apply ?? false, json: json ?? false, commandFlags };
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
    case 'error':
      io.stderr(`error: ${event.message}\n`);
      break;
    default:
      break;
  }
}

function summaryLine(outcome: RunOutcome, changed: number): string {
  const u = outcome.usage;
  const tokens = `${u.inputTokens + u.cacheCreationInputTokens + u.cacheReadInputTokens} in (${u.cacheReadInputTokens} cached), ${u.outputTokens} out`;
  const open = outcome.openTodos.length ? `; open: ${outcome.openTodos.map((t) => t.content).join('; ')}` : '';
  return `${outcome.status}: ${outcome.reason} ${changed} file(s) changed; ${tokens}; ${formatUsd(outcome.costUsd)}${open}\n`;
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
