// What an untrusted workspace (VS Code's Restricted Mode) may do: plan, yes (offline, nothing leaves the machine);
// run the agent, no (a run sends the repository's files to a model, and would follow the repository's own agents).

export interface TrustPolicy {
  canPlan: boolean;
  canRun: boolean;
  /** Whether the workspace's `.claude/agents` may be loaded. */
  loadWorkspaceAgents: boolean;
}

export function trustPolicy(trusted: boolean): TrustPolicy {
  return { canPlan: true, canRun: trusted, loadWorkspaceAgents: trusted };
}

export const RESTRICTED_MODE_RUN_MESSAGE =
  "This workspace is in Restricted Mode, so Dev Backend only plans here: running the agent would send the repository's files to a model and use its .claude/agents. Trust the workspace to run it (Manage Workspace Trust).";
