// Restricted Mode: planning works, runs do not, and an untrusted workspace's .claude/agents are never loaded.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { defaultAgentSources, loadAgents } from '../../../src/core/agents';
import { RESTRICTED_MODE_RUN_MESSAGE, trustPolicy } from '../../../src/core/run/workspaceTrust';
import { AGENT_FIXTURES } from '../agents/agentPaths';

const PRECEDENCE = join(AGENT_FIXTURES, 'precedence');

describe('workspace trust policy', () => {
  it('plans in both modes, runs and loads workspace agents only when trusted', () => {
    assert.deepEqual(trustPolicy(true), { canPlan: true, canRun: true, loadWorkspaceAgents: true });
    assert.deepEqual(trustPolicy(false), { canPlan: true, canRun: false, loadWorkspaceAgents: false });
    assert.match(RESTRICTED_MODE_RUN_MESSAGE, /Restricted Mode.*only plans.*Trust the workspace/);
  });

  it('an untrusted workspace contributes no agent: its dev-backend.md does not shadow the user one', async () => {
    const options = { workspaceRoot: join(PRECEDENCE, 'workspace'), homeDir: join(PRECEDENCE, 'home'), bundledDir: join(PRECEDENCE, 'bundled') };
    const trusted = await loadAgents(defaultAgentSources({ ...options, workspaceTrusted: true }));
    assert.equal(trusted.agents.get('dev-backend')?.source.kind, 'workspace');

    const untrusted = await loadAgents(defaultAgentSources({ ...options, workspaceTrusted: trustPolicy(false).loadWorkspaceAgents }));
    assert.equal(untrusted.agents.get('dev-backend')?.source.kind, 'user');
    assert.ok([...untrusted.agents.values()].every((agent) => agent.source.kind !== 'workspace'));
    assert.ok(defaultAgentSources({ ...options, workspaceTrusted: false }).every((source) => source.kind !== 'workspace'));
  });
});
