// The commands' consent port and settings. The editor implements the port with a dialog (Run / Run and allow
// this exact command for the workspace / Deny); the CLI with its --commands flags.

/** devBackend.commands.approval: `sandboxed` runs sandboxed commands without asking; `ask` asks for every one; `never` offers no tool. */
export type ApprovalMode = 'sandboxed' | 'ask' | 'never';

export const DEFAULT_TIMEOUT_SECONDS = 120;
export const MAX_TIMEOUT_SECONDS = 600;

export interface CommandSettings {
  approval: ApprovalMode;
  /** Hosts commands may reach (through the sandbox's proxy); empty: no network. */
  allowedDomains: readonly string[];
  timeoutSeconds: number;
  /** False (CLI --no-sandbox): run without the sandbox even where it could start. */
  useSandbox: boolean;
}

/** What the user is asked about: the exact command, the model's reason, and whether it is sandboxed. */
export interface CommandRequest {
  command: string;
  description?: string;
  sandboxed: boolean;
  /** Why it is not sandboxed, with what to install (shown as a warning). */
  sandboxProblem?: string;
}

/** `always`: run, and allow this exact text for the workspace from now on. */
export type ConsentAnswer = 'run' | 'always' | 'deny';

export interface CommandConsent {
  /** True when this exact command text was allowed for the workspace before. */
  isAllowed(command: string): boolean;
  ask(request: CommandRequest, signal?: AbortSignal): Promise<ConsentAnswer>;
  /** Called after `always`. */
  allow(command: string): void | Promise<void>;
  /** A command refused before asking (CLI: not one of the PRP's validation commands); undefined lets it through. */
  refuse?(command: string): string | undefined;
}

/** Whether a command needs the user's answer before it runs. Approvals match the exact text, never a prefix. */
export function needsConsent(settings: CommandSettings, sandboxed: boolean, consent: CommandConsent, command: string): boolean {
  if (consent.isAllowed(command)) return false;
  if (!sandboxed) return true;
  return settings.approval === 'ask';
}
