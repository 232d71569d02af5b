// How a command is started. Linux: `unshare` gives the command a user + mount namespace where the overlay
// shadow is mounted at the workspace's own path; inside it, bubblewrap makes everything else read-only, gives
// a private /tmp, hides the secret places, and (without allowed domains) cuts the network. Elsewhere, or with
// the sandbox off: the command's shell runs directly (in the copy shadow, or the overlay without bubblewrap).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { homedir, platform, tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import type { ProcessLaunch } from './processGroup';

/** Home-relative places that hold credentials; never readable inside the sandbox. */
export const HOME_SECRET_DIRS = ['.ssh', '.aws', '.gnupg', '.config/gcloud', '.azure', '.kube', '.docker', '.config/gh'];
export const HOME_SECRET_FILES = ['.netrc', '.npmrc', '.pypirc', '.git-credentials', '.pgpass'];

export interface SandboxSupport {
  /** An overlay mount in a user namespace works: the shadow needs no copy. */
  overlay: boolean;
  /** bubblewrap starts: commands can be sandboxed. */
  sandbox: boolean;
  /** Why not, and what to install, when either is false. */
  problem?: string;
}

/** The command's shell: bash, or POSIX sh where bash is missing. Stderr joins stdout so output keeps its order. */
export function shellArgs(command: string, shell: string): string[] {
  return [shell, '-c', `exec 2>&1\n${command}`];
}

export interface OverlayLaunch {
  workspaceRoot: string;
  upperDir: string;
  workDir: string;
  /** Staged deletes, removed inside the mount before the command runs. */
  deletes: readonly string[];
}

export interface SandboxRules {
  /** False: no network at all. True: the network as the machine has it. */
  network: boolean;
  /** Absolute paths to hide: directories get an empty tmpfs, files /dev/null. */
  hiddenDirs: readonly string[];
  hiddenFiles: readonly string[];
  /** Extra read-write binds (e.g. the proxy socket's directory). */
  writableBinds?: readonly string[];
}

/** unshare + overlay mount, then `inner` (bubblewrap or the shell). */
export function overlayLaunch(overlay: OverlayLaunch, inner: readonly string[], env: NodeJS.ProcessEnv): ProcessLaunch {
  const script =
    'ws=$1; mount -t overlay overlay -o "lowerdir=$1,upperdir=$2,workdir=$3" "$1" || exit 125; shift 3; ' +
    'while [ "$1" != "--" ]; do rm -f -- "$ws/$1"; shift; done; shift; cd "$ws" && exec "$@"';
  return {
    file: 'unshare',
    args: [
      '--user', '--map-root-user', '--mount', '--', 'sh', '-c', script, 'sh',
      overlay.workspaceRoot, overlay.upperDir, overlay.workDir, ...overlay.deletes, '--', ...inner,
    ],
    cwd: tmpdir(),
    env,
  };
}

/** bubblewrap arguments around `shell`: read-only system, writable workspace, private /tmp, secrets hidden. */
export function bwrapArgs(workspaceRoot: string, rules: SandboxRules, shell: readonly string[]): string[] {
  const args = ['bwrap', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'];
  args.push('--bind', workspaceRoot, workspaceRoot);
  for (const bind of rules.writableBinds ?? []) args.push('--bind', bind, bind);
  for (const dir of rules.hiddenDirs) args.push('--tmpfs', dir);
  for (const file of rules.hiddenFiles) args.push('--ro-bind', '/dev/null', file);
  if (!rules.network) args.push('--unshare-net');
  args.push('--unshare-pid', '--unshare-ipc', '--die-with-parent', '--setenv', 'TMPDIR', '/tmp', '--chdir', workspaceRoot, '--', ...shell);
  return args;
}

/** The home secret places that exist (bubblewrap can only mount over what is there). */
export function homeSecrets(home = homedir()): { dirs: string[]; files: string[] } {
  return {
    dirs: HOME_SECRET_DIRS.map((d) => nodePath.join(home, d)).filter((p) => existsSync(p)),
    files: HOME_SECRET_FILES.map((f) => nodePath.join(home, f)).filter((p) => existsSync(p)),
  };
}

/** Overlay mount options cannot express these characters in a path. */
export function overlayPathProblem(root: string): string | undefined {
  return /[,:\\\n]/.test(root) ? `the workspace path ${root} contains a character an overlay mount cannot take (, : \\)` : undefined;
}

let probed: Promise<SandboxSupport> | undefined;

/** Checks once per process, by trying it, whether the overlay and bubblewrap work here. */
export function detectSandbox(): Promise<SandboxSupport> {
  probed ??= probe();
  return probed;
}

async function probe(): Promise<SandboxSupport> {
  if (platform() !== 'linux') {
    return {
      overlay: false,
      sandbox: false,
      problem:
        platform() === 'win32'
          ? 'Commands cannot be sandboxed on Windows; run VS Code in WSL (Ubuntu: sudo apt-get install bubblewrap) to sandbox them.'
          : 'Commands cannot be sandboxed on this system yet (the sandbox uses Linux namespaces); they run in a copy of the workspace after you approve each one.',
    };
  }
  const base = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-probe-'));
  try {
    const dirs = ['lower', 'upper', 'work'].map((d) => nodePath.join(base, d));
    await Promise.all(dirs.map((d) => mkdir(d)));
    const [lower = '', upper = '', work = ''] = dirs;
    const overlay = { workspaceRoot: lower, upperDir: upper, workDir: work, deletes: [] };
    const plain = await tryLaunch(overlayLaunch(overlay, ['true'], process.env));
    if (!plain.ok) {
      return {
        overlay: false,
        sandbox: false,
        problem: `Commands cannot be sandboxed: an overlay mount in a user namespace failed (${plain.why}). Enable unprivileged user namespaces (kernel 5.11 or later; sysctl kernel.unprivileged_userns_clone=1) and install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf install bubblewrap).`,
      };
    }
    const rules: SandboxRules = { network: false, hiddenDirs: [], hiddenFiles: [] };
    const sandboxed = await tryLaunch(overlayLaunch(overlay, bwrapArgs(lower, rules, ['true']), process.env));
    if (!sandboxed.ok) {
      return {
        overlay: true,
        sandbox: false,
        problem: `Commands cannot be sandboxed: bubblewrap did not start (${sandboxed.why}). Install it (Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf install bubblewrap; Arch: sudo pacman -S bubblewrap).`,
      };
    }
    return { overlay: true, sandbox: true };
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

function tryLaunch(launch: ProcessLaunch): Promise<{ ok: true } | { ok: false; why: string }> {
  return new Promise((resolve) => {
    execFile(launch.file, [...launch.args], { cwd: launch.cwd, env: launch.env, timeout: 10_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve({ ok: true });
      const why = stderr.trim().split('\n').pop() || error.message;
      resolve({ ok: false, why });
    });
  });
}

/** bash when it is on PATH, else sh. */
export function pickShell(env: NodeJS.ProcessEnv): string {
  const dirs = (env.PATH ?? '').split(nodePath.delimiter);
  return dirs.some((dir) => dir !== '' && existsSync(nodePath.join(dir, 'bash'))) ? 'bash' : 'sh';
}
