// A hostile `.claude/agents`: a link to / or outside the workspace, links inside it, a FIFO, deep or many files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAgentSources, loadAgents } from '../../../src/core/agents';
import { MAX_AGENT_DEPTH, MAX_AGENT_FILES } from '../../../src/core/agents/agentFiles';
import { BUNDLED_AGENTS_DIR } from './agentPaths';

const agentFile = (name: string): string => `---\nname: ${name}\ndescription: ${name} agent\n---\nPrompt of ${name}.\n`;

describe('agent sources that leave their folder', function () {
  this.timeout(20000);
  let base: string;
  let ws: string;
  let home: string;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'dev-backend-agents-'));
    ws = join(base, 'ws');
    home = join(base, 'home');
    await mkdir(join(ws, '.claude'), { recursive: true });
    await mkdir(join(base, 'outside'), { recursive: true });
    await writeFile(join(base, 'outside', 'evil.md'), agentFile('evil'));
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  const load = () => loadAgents(defaultAgentSources({ workspaceRoot: ws, homeDir: home, bundledDir: BUNDLED_AGENTS_DIR }));

  it('does not walk the file system when .claude/agents links to /', async () => {
    await symlink('/', join(ws, '.claude', 'agents'));
    const { agents, diagnostics } = await load();
    assert.deepEqual([...agents.keys()], ['dev-backend']);
    assert.ok(diagnostics.some((d) => d.reason === 'not loaded: it is a link that leads outside the workspace'), JSON.stringify(diagnostics));
  });

  it('does not load a .claude/agents that links outside the workspace', async () => {
    await symlink(join(base, 'outside'), join(ws, '.claude', 'agents'));
    const { agents } = await load();
    assert.equal(agents.has('evil'), false);
  });

  it('skips links inside the folder that lead out of it, and a FIFO, and loads the rest', async () => {
    const dir = join(ws, '.claude', 'agents');
    await mkdir(dir);
    await writeFile(join(dir, 'good.md'), agentFile('good'));
    await symlink(join(base, 'outside'), join(dir, 'more'));
    await symlink(join(base, 'outside', 'evil.md'), join(dir, 'evil.md'));
    await symlink('good.md', join(dir, 'alias.md'));
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    const { agents, diagnostics } = await load();
    assert.equal(agents.has('good'), true);
    assert.equal(agents.has('evil'), false);
    const skipped = diagnostics.filter((d) => d.reason === 'skipped: a link that leads outside the agents folder').map((d) => d.path);
    assert.deepEqual(skipped.sort(), [join(dir, 'evil.md'), join(dir, 'more')]);
  });

  it('caps the depth and the number of files, with a diagnostic', async () => {
    const dir = join(ws, '.claude', 'agents');
    let deep = dir;
    for (let i = 0; i < MAX_AGENT_DEPTH + 2; i++) deep = join(deep, `0d${i}`);
    await mkdir(deep, { recursive: true });
    await writeFile(join(deep, 'deep.md'), agentFile('deep'));
    for (let i = 0; i < MAX_AGENT_FILES + 5; i++) await writeFile(join(dir, `a${String(i).padStart(3, '0')}.md`), agentFile(`a${i}`));
    const { agents, diagnostics } = await load();
    assert.equal(agents.has('deep'), false);
    assert.ok(diagnostics.some((d) => /deeper than 6 folders/.test(d.reason)));
    assert.ok(diagnostics.some((d) => d.reason === `only the first ${MAX_AGENT_FILES} agent files are loaded`));
    assert.equal([...agents.keys()].filter((n) => n.startsWith('a')).length, MAX_AGENT_FILES);
  });
});
