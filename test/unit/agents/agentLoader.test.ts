import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  defaultAgentSources,
  loadAgents,
  nodeAgentFileReader,
  type AgentFileReader,
  type AgentSource,
} from '../../../src/core/agents';
import { AGENT_FIXTURES, BUNDLED_AGENTS_DIR } from './agentPaths';

const PRECEDENCE = join(AGENT_FIXTURES, 'precedence');
const MIXED = join(AGENT_FIXTURES, 'mixed');

describe('loadAgents', () => {
  it('loads the bundled agent from the default sources when no user or workspace agents exist', async () => {
    const missing = join(AGENT_FIXTURES, 'does-not-exist');
    const { agents, diagnostics } = await loadAgents(
      defaultAgentSources({ workspaceRoot: missing, homeDir: missing, bundledDir: BUNDLED_AGENTS_DIR }),
    );
    const agent = agents.get('dev-backend');
    assert.ok(agent);
    assert.equal(agent.model, 'opus');
    assert.equal(agent.source.kind, 'bundled');
    assert.ok(diagnostics.every((d) => d.severity === 'info'));
  });

  it('lets workspace beat user beat bundled, by name rather than file name', async () => {
    const { agents, diagnostics } = await loadAgents(
      defaultAgentSources({
        workspaceRoot: join(PRECEDENCE, 'workspace'),
        homeDir: join(PRECEDENCE, 'home'),
        bundledDir: join(PRECEDENCE, 'bundled'),
      }),
    );
    assert.deepEqual([...agents.keys()].sort(), ['bundled-only', 'dev-backend', 'shared', 'user-only']);
    const devBackend = agents.get('dev-backend');
    assert.equal(devBackend?.source.kind, 'workspace');
    assert.equal(devBackend?.systemPrompt, 'Workspace prompt.');
    assert.deepEqual(devBackend?.tools, ['read_file', 'edit_file']);
    assert.equal(agents.get('shared')?.source.kind, 'user');
    assert.equal(agents.get('shared')?.systemPrompt, 'User shared.');
    assert.equal(agents.get('user-only')?.source.path, join(PRECEDENCE, 'home', '.claude', 'agents', 'team', 'user-only.md'));
    assert.equal(agents.get('bundled-only')?.source.kind, 'bundled');

    const shadowed = diagnostics.filter((d) => /shadowed/.test(d.reason));
    assert.deepEqual(
      shadowed.map((d) => d.path).sort(),
      [
        join(PRECEDENCE, 'bundled', 'dev-backend.md'),
        join(PRECEDENCE, 'bundled', 'shared.md'),
        join(PRECEDENCE, 'home', '.claude', 'agents', 'my-backend.md'),
      ].sort(),
    );
    assert.ok(shadowed.every((d) => d.severity === 'info'));
    assert.equal(diagnostics.length, shadowed.length);
  });

  it('orders sources by kind even when given lowest first', async () => {
    const sources: AgentSource[] = [
      { kind: 'bundled', dir: join(PRECEDENCE, 'bundled') },
      { kind: 'user', dir: join(PRECEDENCE, 'home', '.claude', 'agents') },
    ];
    const { agents } = await loadAgents(sources);
    assert.equal(agents.get('dev-backend')?.source.kind, 'user');
  });

  it('skips each broken file with its reason and loads the rest', async () => {
    const { agents, diagnostics } = await loadAgents([{ kind: 'workspace', dir: MIXED }]);
    assert.deepEqual([...agents.keys()].sort(), ['api-reviewer', 'tool-picky']);
    const skipped = new Map(
      diagnostics.filter((d) => d.severity === 'error').map((d) => [d.path.slice(MIXED.length + 1), d.reason]),
    );
    const expected: [string, RegExp][] = [
      ['bad-name.md', /name "Dev Backend" must be lower-case/],
      ['binary.md', /binary file/],
      ['broken-yaml.md', /broken YAML front matter at line \d+/],
      ['empty.md', /empty file/],
      ['missing-description.md', /missing "description"/],
      ['missing-name.md', /missing "name"/],
      ['no-front-matter.md', /no YAML front matter/],
      ['unclosed.md', /not closed/],
    ];
    assert.deepEqual([...skipped.keys()].sort(), expected.map(([file]) => file));
    for (const [file, reason] of expected) assert.match(skipped.get(file) ?? '', reason, file);
    assert.ok([...skipped.values()].every((reason) => reason.startsWith('skipped: ')));
    const toolWarnings = diagnostics.filter((d) => d.path.endsWith('unknown-tools.md'));
    assert.equal(toolWarnings.length, 3);
    assert.ok(toolWarnings.every((d) => d.severity === 'warning'));
  });

  it('keeps loading when one file cannot be read or a folder cannot be listed', async () => {
    const reader: AgentFileReader = {
      findMarkdownFiles: async (dir) => {
        if (dir === '/broken-dir') throw new Error('EACCES: permission denied');
        return ['/agents/a.md', '/agents/unreadable.md', '/agents/b.md'];
      },
      readText: async (path) => {
        if (path.endsWith('unreadable.md')) throw new Error('EIO: i/o error');
        const name = path.slice('/agents/'.length, -'.md'.length);
        return `---\nname: ${name}\ndescription: ${name}\n---\nPrompt ${name}.`;
      },
    };
    const { agents, diagnostics } = await loadAgents(
      [
        { kind: 'workspace', dir: '/broken-dir' },
        { kind: 'user', dir: '/agents' },
      ],
      reader,
    );
    assert.deepEqual([...agents.keys()], ['a', 'b']);
    assert.deepEqual(
      diagnostics.map((d) => [d.path, d.severity]),
      [
        ['/broken-dir', 'warning'],
        ['/agents/unreadable.md', 'error'],
      ],
    );
    assert.match(diagnostics[1].reason, /cannot read file: EIO/);
  });

  it('warns when two files in one folder define the same name, keeping the first by path', async () => {
    const reader: AgentFileReader = {
      findMarkdownFiles: async () => ['/agents/z.md', '/agents/a.md'],
      readText: async (path) => `---\nname: twin\ndescription: d\n---\nfrom ${path}`,
    };
    const { agents, diagnostics } = await loadAgents([{ kind: 'user', dir: '/agents' }], reader);
    assert.equal(agents.get('twin')?.systemPrompt, 'from /agents/a.md');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].path, '/agents/z.md');
    assert.equal(diagnostics[0].severity, 'warning');
    assert.match(diagnostics[0].reason, /defined twice/);
  });

  it('finds nothing in a folder that does not exist', async () => {
    assert.deepEqual(await nodeAgentFileReader.findMarkdownFiles(join(AGENT_FIXTURES, 'nope')), []);
  });

  it('builds the default sources, without a workspace when none is open', () => {
    assert.deepEqual(defaultAgentSources({ workspaceRoot: '/ws', homeDir: '/home/u', bundledDir: '/ext/agents' }), [
      { kind: 'workspace', dir: join('/ws', '.claude', 'agents'), boundary: '/ws' },
      { kind: 'user', dir: join('/home/u', '.claude', 'agents') },
      { kind: 'bundled', dir: '/ext/agents' },
    ]);
    assert.deepEqual(
      defaultAgentSources({ homeDir: '/home/u', bundledDir: '/ext/agents' }).map((s) => s.kind),
      ['user', 'bundled'],
    );
  });
});
