// Runs the model's commands for one run: consent, the shadow kept in step with the ChangeSet, the sandbox,
// one process group per command, and the files a command changed staged back, labelled with the command.
import type { ChangeSet } from '../changes/changeSet';
import { decodeFile } from '../changes/fileText';
import { isSecretPath } from '../changes/secretPaths';
import { commandEnv, secretValues } from './commandEnv';
import { needsConsent, type CommandConsent, type CommandSettings } from './commandPolicy';
import { describeOutcome, notRunOutcome, type CommandOutcome, type CommandRecord } from './commandResult';
import { CopyShadow } from './copyShadow';
import { OverlayShadow } from './overlayShadow';
import { ProcessGroups, runProcessGroup, type ProcessLaunch } from './processGroup';
import {
  bwrapArgs, detectSandbox, homeSecrets, overlayLaunch, overlayPathProblem, pickShell, shellArgs, type SandboxSupport,
} from './sandboxLaunch';
import { IgnoredPaths, type Shadow } from './shadow';
import { NetworkProxy } from './networkProxy';
import type { TreeScan } from './treeScan';

export interface CommandInput {
  command: string;
  timeoutSeconds?: number;
  description?: string;
  todoId?: string;
  /** The user already approved this exact command (a PRP's gates, approved as one list): no second question. */
  approved?: boolean;
}

/** What the UIs hear: a section per command with its live output and its end. */
export interface CommandListener {
  onStart?(command: string, sandboxed: boolean): void;
  onOutput?(text: string): void;
  onEnd?(record: CommandRecord): void;
}

export interface CommandRunnerOptions {
  changes: ChangeSet;
  settings: CommandSettings;
  consent: CommandConsent;
  listener?: CommandListener;
  /** Removes the key and whatever the log redacts from output (applied on top of the environment's secrets). */
  redact?: (text: string) => string;
  env?: NodeJS.ProcessEnv;
  /** Overridable for tests; by default probed once per process. */
  support?: () => Promise<SandboxSupport>;
  graceMs?: number;
  /** Whose secret places to hide (default: the user's home). */
  homeDir?: string;
}

export class CommandRunner {
  private shadow: Shadow | undefined;
  private shadowPending: Promise<Shadow> | undefined;
  private workspaceSecrets: string[] = [];
  private proxy: NetworkProxy | undefined;
  private readonly groups = new ProcessGroups();
  private readonly env: NodeJS.ProcessEnv;
  private readonly secrets: string[];
  private readonly unsubscribe: () => void;

  constructor(private readonly options: CommandRunnerOptions) {
    const base = options.env ?? process.env;
    this.env = commandEnv(base);
    this.secrets = secretValues(base).sort((a, b) => b.length - a.length);
    // Applied or discarded: nothing staged is left, so the shadow goes; the next command makes a fresh one.
    this.unsubscribe = options.changes.onDidChange(() => {
      if (options.changes.size === 0) void this.dropShadow();
    });
  }

  /** Whether commands run sandboxed here (the setting and what this machine supports). */
  async sandboxed(): Promise<boolean> {
    return this.options.settings.useSandbox && (await (this.options.support ?? detectSandbox)()).sandbox;
  }

  async run(input: CommandInput, signal?: AbortSignal): Promise<CommandOutcome> {
    const { settings, consent } = this.options;
    const command = input.command;
    const support = await (this.options.support ?? detectSandbox)();
    const sandboxed = settings.useSandbox && support.sandbox;
    const refused = consent.refuse?.(command);
    if (refused !== undefined) return this.ended(notRunOutcome(command, refused, sandboxed));
    if (!input.approved && needsConsent(settings, sandboxed, consent, command)) {
      const answer = await consent.ask(
        { command, ...(input.description ? { description: input.description } : {}), sandboxed, ...(sandboxed ? {} : { sandboxProblem: settings.useSandbox ? support.problem : 'the sandbox is turned off (--no-sandbox)' }) },
        signal,
      );
      if (signal?.aborted) return this.ended(notRunOutcome(command, 'the run was cancelled', sandboxed));
      if (answer === 'deny') return this.ended(notRunOutcome(command, 'the user declined to run this command. Do not retry it; continue without it or ask the user.', sandboxed));
      if (answer === 'always') await consent.allow(command);
    }
    const timeoutSeconds = input.timeoutSeconds ?? settings.timeoutSeconds;
    let shadow: Shadow;
    try {
      shadow = await this.ensureShadow(support);
      await shadow.sync();
    } catch (error) {
      return this.ended(notRunOutcome(command, `the shadow workspace could not be prepared (${error instanceof Error ? error.message : String(error)})`, sandboxed));
    }
    const network = sandboxed ? await this.networkRule() : 'full network';
    const launch = this.launchFor(shadow, command, sandboxed);
    this.options.listener?.onStart?.(command, sandboxed);
    const before = await shadow.scan();
    const result = await runProcessGroup(launch, {
      timeoutMs: timeoutSeconds * 1000,
      signal,
      groups: this.groups,
      ...(this.options.graceMs !== undefined ? { graceMs: this.options.graceMs } : {}),
      onOutput: (text) => this.options.listener?.onOutput?.(this.redact(text)),
    });
    if (result.ended === 'spawn-failed') {
      return this.ended(notRunOutcome(command, `it could not start (${result.spawnError ?? 'unknown error'})`, sandboxed));
    }
    const { staged, unstaged } = await this.stageChanges(shadow, before, command, input.todoId);
    const record: CommandRecord = {
      command,
      exitCode: result.ended === 'exited' ? result.exitCode : null,
      timedOut: result.ended === 'timeout',
      cancelled: result.ended === 'cancelled',
      durationMs: result.durationMs,
      sandboxed,
      changedPaths: staged,
    };
    return this.ended(describeOutcome({ record, timeoutSeconds, output: result.output.text(), unstaged, network }));
  }

  /** The run ended: every command still running is stopped (SIGTERM, then SIGKILL). */
  async endRun(): Promise<void> {
    await this.groups.endAll();
  }

  /** Ends the processes and removes the shadow. */
  async dispose(): Promise<void> {
    this.unsubscribe();
    await this.groups.endAll();
    await this.proxy?.close();
    await this.dropShadow();
  }

  /** Every text the model gets goes through the redaction, the command's own echo included. */
  private ended(outcome: CommandOutcome): CommandOutcome {
    this.options.listener?.onEnd?.(outcome.record);
    return { ...outcome, content: this.redact(outcome.content), summary: this.redact(outcome.summary) };
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('***');
    out = out.replace(/sk-ant-[A-Za-z0-9_-]+/g, 'sk-ant-***');
    return this.options.redact ? this.options.redact(out) : out;
  }

  private async ensureShadow(support: SandboxSupport): Promise<Shadow> {
    if (this.shadow) return this.shadow;
    this.shadowPending ??= (async () => {
      const { changes } = this.options;
      const overlay = support.overlay && overlayPathProblem(changes.workspace.root) === undefined;
      const shadow = overlay ? await OverlayShadow.create(changes) : await CopyShadow.create(changes);
      this.workspaceSecrets = await listSecretFiles(changes);
      this.shadow = shadow;
      return shadow;
    })();
    try {
      return await this.shadowPending;
    } finally {
      this.shadowPending = undefined;
    }
  }

  private async dropShadow(): Promise<void> {
    const shadow = this.shadow;
    this.shadow = undefined;
    await shadow?.dispose();
  }

  private async networkRule(): Promise<string> {
    const domains = this.options.settings.allowedDomains;
    if (domains.length === 0) return 'no network';
    this.proxy ??= await NetworkProxy.start(domains);
    return `network only to ${domains.join(', ')}`;
  }

  private launchFor(shadow: Shadow, command: string, sandboxed: boolean): ProcessLaunch {
    const shell = shellArgs(command, pickShell(this.env));
    const root = shadow.runRoot;
    if (!(shadow instanceof OverlayShadow)) return { file: shell[0] ?? 'sh', args: shell.slice(1), cwd: root, env: this.env };
    const overlay = { workspaceRoot: root, upperDir: shadow.upperDir, workDir: shadow.workDir, deletes: shadow.stagedDeletes() };
    if (!sandboxed) return overlayLaunch(overlay, shell, this.env);
    const home = homeSecrets(this.options.homeDir);
    const proxy = this.proxy;
    const inner = bwrapArgs(
      root,
      {
        network: false,
        hiddenDirs: home.dirs,
        hiddenFiles: [...home.files, ...this.workspaceSecrets.map((p) => `${root}/${p}`)],
        ...(proxy ? { writableBinds: [proxy.socketDir] } : {}),
      },
      proxy ? proxy.wrap(shell) : shell,
    );
    return overlayLaunch(overlay, inner, proxy ? { ...this.env, ...proxy.env } : this.env);
  }

  /** Stages what the command changed in non-ignored paths; a change that cannot be staged is undone in the shadow. */
  private async stageChanges(shadow: Shadow, before: TreeScan, command: string, todoId: string | undefined): Promise<{ staged: string[]; unstaged: string[] }> {
    const staged: string[] = [];
    const unstaged: string[] = [];
    const { changes } = this.options;
    for (const change of await shadow.changesSince(before)) {
      let why: string | undefined;
      if (change.bytes === undefined) {
        const result = (await changes.workspace.stat(change.path)) || changes.get(change.path) ? await changes.delete(change.path, todoId, command) : undefined;
        if (result && !result.ok) why = result.error;
      } else {
        const decoded = decodeFile(change.bytes);
        if (decoded.kind === 'binary') why = `it is binary (${decoded.reason})`;
        else {
          const result = await changes.write(change.path, decoded.text, todoId, command);
          if (!result.ok) why = result.error;
        }
      }
      if (why === undefined) staged.push(change.path);
      else {
        unstaged.push(`${change.path} (${why})`);
        await shadow.reset(change.path);
      }
    }
    return { staged, unstaged };
  }
}

/** Secret-looking workspace files (`.env`, keys), hidden inside the sandbox. Ignored directories are not walked. */
export async function listSecretFiles(changes: ChangeSet): Promise<string[]> {
  const ignored = new IgnoredPaths(changes);
  await ignored.prepare(['']);
  const files = await changes.workspace.listFiles({ descend: (dir) => ignored.descend(dir) });
  return files.filter((path) => isSecretPath(path));
}
