// `npm start`: the extension in a real VS Code with a sample workspace holding a PRP.
// Offline host (code-server) by default: prints a URL and serves until Ctrl+C.
// `npm start -- --desktop` opens a desktop `code` from PATH instead; `--port N` fixes the port.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from './host/codeServer';
import { HostSetupError } from './host/hostSetupError';
import { devBackendCacheRoot, OFFLINE_HOST_NAME } from './host/hostVersions';
import { ensureOfflineHost } from './host/installHost';
import { ensureSampleWorkspace } from './host/sampleWorkspace';

const repoRoot = path.resolve(__dirname, '..', '..');
const print = (line: string): void => console.log(line);

interface StartArgs {
  port: number;
  desktop: boolean;
}

function parseArgs(argv: readonly string[]): StartArgs {
  const args: StartArgs = { port: Number(process.env.DEV_BACKEND_PORT ?? 0), desktop: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--desktop') args.desktop = true;
    else if (argv[i] === '--port') args.port = Number(argv[++i]);
    else throw new HostSetupError(`Unknown option ${argv[i]}. Usage: npm start [-- --port N] [-- --desktop]`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new HostSetupError(`--port (or DEV_BACKEND_PORT) must be a port number, got "${String(args.port)}"`);
  }
  return args;
}

function prepareWorkspace(): string {
  const workspace = path.join(devBackendCacheRoot(), 'sample-workspace', 'notes-api');
  if (ensureSampleWorkspace(repoRoot, workspace)) print(`Sample workspace copied to ${workspace}`);
  else print(`Sample workspace: ${workspace} (kept from an earlier run; delete it for a fresh copy)`);
  return workspace;
}

function findOnPath(tool: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, tool);
    if (dir && fs.existsSync(file)) return file;
  }
  return undefined;
}

async function startDesktop(workspace: string): Promise<number> {
  const code = findOnPath('code');
  if (!code) throw new HostSetupError('--desktop: no `code` on PATH. Run `npm start` without it for the offline host.');
  print(`Opening desktop VS Code (${code}) with the extension in development mode...`);
  const child = spawn(code, [`--extensionDevelopmentPath=${repoRoot}`, workspace], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)));
}

async function startOffline(workspace: string, port: number): Promise<number> {
  const host = await ensureOfflineHost({ print });
  const logFile = path.join(devBackendCacheRoot(), 'start-code-server.log');
  fs.writeFileSync(logFile, '');
  const server = await startCodeServer({
    host,
    workspaceFolder: workspace,
    port,
    onOutput: (line) => fs.appendFileSync(logFile, `${line}\n`),
    // Installed from the package, not loaded in development mode: development mode needs the smoke-test driver,
    // which hides every notification toast (progress, review offers) from the user.
    installVsix: path.join(repoRoot, 'dist', 'dev-backend.vsix'),
  });
  const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}`;
  print('');
  print(`${OFFLINE_HOST_NAME} is running with Dev Backend installed from dist/dev-backend.vsix.`);
  print(`Open this URL in a browser (the Dev Backend icon is in the activity bar; the PRP is PRPs/auth-api.md):`);
  print('');
  print(`  ${url}`);
  print('');
  print(`Server log: ${logFile}. After changing the extension, stop and run \`npm start\` again.`);
  if (findOnPath('code')) print('A desktop `code` is on PATH too: `npm start -- --desktop` opens it instead.');
  print('Press Ctrl+C to stop.');

  return new Promise((resolve) => {
    let stopping = false;
    const stop = (): void => {
      stopping = true;
      print('\nStopping...');
      void server.stop().then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    void server.exited.then((how) => {
      if (stopping) return;
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      print(`code-server ${how}; see ${logFile}.`);
      void server.stop().then(() => resolve(1));
    });
  });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const workspace = prepareWorkspace();
  return args.desktop ? startDesktop(workspace) : startOffline(workspace, args.port);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    print(err instanceof HostSetupError ? err.message : `npm start failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
