// The port through which gates run their commands: the shadow of the workspace, sandboxed where the OS allows.

/** What running one command gave. */
export interface GateCommandResult {
  /** The exit code; null when the process did not exit by itself (timeout, cancel) or never started. */
  exitCode: number | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Why it never started (the user declined, the workspace is untrusted, no sandbox); absent when it ran. */
  notRun?: string;
  /** Combined stdout and stderr in arrival order, already capped and free of terminal codes. */
  output: string;
  durationMs: number;
  sandboxed: boolean;
  /** Whether the sandbox let the command reach the network. */
  networkAllowed?: boolean;
}

export interface GateCommandRunner {
  run(command: string, options: { signal?: AbortSignal; label: string }): Promise<GateCommandResult>;
}
