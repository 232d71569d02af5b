// Starts the offline host's code-server on 127.0.0.1 with throwaway state, and stops it with everything it spawned.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HostSetupError, tailLines } from './hostSetupError';
import type { OfflineHost } from './installHost';
import { installEnv } from './installPrerequisites';

export interface StartCodeServerOptions {
  readonly host: OfflineHost;
  /** Folder the workbench opens by default. */
  readonly workspaceFolder: string;
  /** Added to the server's environment; the extension host inherits it. */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** User settings written before start (merged over quiet defaults). */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** 0 (default): a free port chosen by the kernel. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
  /** Receives every output line of the server (default: kept, shown only on failure). */
  readonly onOutput?: (line: string) => void;
  /** Stop by itself after this long without a browser connected: a safety net for runs killed hard. */
  readonly idleTimeoutSeconds?: number;
  /**
   * Install this .vsix and run without the smoke-test driver (what a user sees: notifications pop up). Default: no
   * install, and the smoke-test driver on, so the `payload` URL parameter can load development extensions and tests.
   */
  readonly installVsix?: string;
}

export interface RunningCodeServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** `127.0.0.1:PORT`, the authority of `vscode-remote://` URIs. */
  readonly authority: string;
  /** Everything the server printed so far (capped). */
  output(): string;
  /** Settles when the server process ends, with how it ended ("exited with code 1"). */
  readonly exited: Promise<string>;
  /** Stops the server and the processes it started (extension host, ...), then removes its temp state. */
  stop(): Promise<void>;
}

const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
};

// Variables that make code-server do something else: open in another instance, require a password, add options.
const SERVER_ENV_DROPPED = ['VSCODE_IPC_HOOK_CLI', 'PASSWORD', 'HASHED_PASSWORD', 'VSCODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'VSCODE_PID', 'VSCODE_CWD'];
const MAX_OUTPUT = 256 * 1024;

/** Starts code-server and resolves once it listens; rejects with its output when it exits or stays silent too long. */
export async function startCodeServer(options: StartCodeServerOptions): Promise<RunningCodeServer> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-backend-code-server-'));
  const userDataDir = path.join(stateDir, 'user-data');
  const extensionsDir = path.join(stateDir, 'extensions');
  const configFile = path.join(stateDir, 'config.yaml');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const bindAddr = `127.0.0.1:${options.port ?? 0}`; // port 0: the kernel picks a free port, read back from the "listening" line
  fs.writeFileSync(configFile, `bind-addr: ${bindAddr}\nauth: none\ncert: false\n`); // ours, so ~/.config/code-server stays untouched
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.userSettings }, null, 2));

  const env = installEnv(process.env);
  for (const key of SERVER_ENV_DROPPED) delete env[key];
  Object.assign(env, options.extraEnv);
  if (options.idleTimeoutSeconds !== undefined) env.CODE_SERVER_IDLE_TIMEOUT_SECONDS = String(options.idleTimeoutSeconds);

  if (options.installVsix) installVsix(options, env, extensionsDir, userDataDir);

  const args = [
    options.host.codeServerEntry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', bindAddr,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
    // Without it the workbench ignores the `payload` URL parameter; with it, notification toasts are never shown.
    ...(options.installVsix ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    options.workspaceFolder,
  ];
  const child = spawn(options.host.nodeBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let pending = '';
  const onChunk = (chunk: Buffer): void => {
    const text = chunk.toString();
    output = (output + text).slice(-MAX_OUTPUT);
    pending += text;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) options.onOutput?.(line);
  };
  child.stdout?.on('data', onChunk);
  child.stderr?.on('data', onChunk);
  const exited = new Promise<string>((resolve) => {
    child.on('error', (err) => resolve(`could not be started: ${err.message}`));
    child.on('exit', (code, signal) => resolve(signal ? `was killed by ${signal}` : `exited with code ${code}`));
  });

  // If this process ends without stop() (an uncaught error, process.exit), take the server down with it.
  const killOnExit = (): void => signalGroup(child, 'SIGKILL');
  process.on('exit', killOnExit);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killOnExit);
    await killGroup(child, exited);
    fs.rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const origin = await waitForListening(() => output, exited, options.startTimeoutMs ?? 60_000);
    return { origin, authority: new URL(origin).host, output: () => output, exited, stop };
  } catch (err) {
    await stop();
    const reason = err instanceof Error ? err.message : String(err);
    throw new HostSetupError([
      `code-server did not start: ${reason}.`,
      `  Command: ${options.host.nodeBin} ${args.join(' ')}`,
      '  Its output:',
      tailLines(output, 40) || '    (nothing)',
      `  If the install looks broken, delete ${options.host.layout.dir} and run again to reinstall it.`,
    ].join('\n'));
  }
}

async function waitForListening(output: () => string, exited: Promise<string>, timeoutMs: number): Promise<string> {
  const started = Date.now();
  let exitReason: string | undefined;
  void exited.then((reason) => { exitReason = reason; });
  for (;;) {
    const match = /HTTP server listening on (http:\/\/[^\s/]+)/.exec(output());
    if (match) return match[1];
    if (exitReason !== undefined) throw new Error(`it ${exitReason} before saying "HTTP server listening"`);
    if (Date.now() - started > timeoutMs) throw new Error(`no "HTTP server listening" line within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM to the whole process group, SIGKILL after a grace period. */
async function killGroup(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.pid === undefined) return;
  signalGroup(child, 'SIGTERM');
  const graceful = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000))]);
  // The extension host may outlive the server briefly: kill what is left of the group either way.
  signalGroup(child, 'SIGKILL');
  if (!graceful) await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
}

/** Signals the server's process group (it was spawned detached, so the group is its own). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function installVsix(options: StartCodeServerOptions, env: NodeJS.ProcessEnv, extensionsDir: string, userDataDir: string): void {
  const vsix = options.installVsix ?? '';
  const args = [options.host.codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'];
  try {
    execFileSync(options.host.nodeBin, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr) : String(error);
    throw new HostSetupError(`code-server could not install ${vsix}.\n  Command: ${options.host.nodeBin} ${args.join(' ')}\n${tailLines(output, 20)}`);
  }
}
