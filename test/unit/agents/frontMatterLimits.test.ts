// A hostile workspace agent file (an alias bomb, huge or deeply nested front matter) is a diagnostic, never a crash.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAgentSources, loadAgents, parseAgentFile } from '../../../src/core/agents';
import { BUNDLED_AGENTS_DIR } from './agentPaths';

/** Nine anchors, each a list of nine aliases of the one before: 9^9 strings once expanded. */
function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
  return `---\nname: bomb\ndescription: d\n${lines.join('\n')}\n---\nbody\n`;
}

function skipReason(text: string): string {
  const result = parseAgentFile(text, '/ws/.claude/agents/x.md', 'workspace');
  assert.ok(!result.ok, 'expected the file to be skipped');
  assert.equal(result.diagnostic.severity, 'error');
  return result.diagnostic.reason;
}

describe('agent front matter limits', () => {
  it('skips an alias bomb with a reason instead of throwing', () => {
    assert.match(skipReason(aliasBomb()), /^skipped: front matter expands YAML aliases \(\*name\) more than 50 times; write the values out instead$/);
  });

  it('skips an alias bomb hidden in a multi-line description (the lenient reading) too', () => {
    const bomb = aliasBomb().replace('description: d\n', 'description: first line\n  <example>\n');
    assert.match(skipReason(bomb), /^skipped: /);
  });

  it('still reads a few aliases', () => {
    const result = parseAgentFile('---\nname: a\ndescription: &d Reads files\ncolor: *d\n---\nbody', '/x.md', 'user');
    assert.ok(result.ok);
    assert.equal(result.agent.color, 'Reads files');
  });

  it('skips front matter over 16 KB, and deep nesting within it, with a reason', () => {
    const long = `---\nname: a\ndescription: ${'x'.repeat(17 * 1024)}\n---\nbody`;
    assert.match(skipReason(long), /^skipped: front matter is 18 KB; at most 16 KB is read/);
    const deep = `---\nname: a\ndescription: ${'['.repeat(7_000)}${']'.repeat(7_000)}\n---\nbody`;
    assert.match(skipReason(deep), /^skipped: broken YAML front matter at line 3: values are nested too deeply to read$/);
  });

  it('loads the other agents of a workspace whose .claude/agents holds an alias bomb', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dev-backend-agents-'));
    try {
      await mkdir(join(root, '.claude', 'agents'), { recursive: true });
      await writeFile(join(root, '.claude', 'agents', 'bomb.md'), aliasBomb());
      await writeFile(join(root, '.claude', 'agents', 'fine.md'), '---\nname: fine\ndescription: A fine agent\n---\nPrompt.\n');
      const missing = join(root, 'no-home');
      const { agents, diagnostics } = await loadAgents(defaultAgentSources({ workspaceRoot: root, homeDir: missing, bundledDir: BUNDLED_AGENTS_DIR }));
      assert.ok(agents.has('fine') && agents.has('dev-backend'));
      assert.ok(!agents.has('bomb'));
      const bomb = diagnostics.find((d) => d.path.endsWith('bomb.md'));
      assert.equal(bomb?.severity, 'error');
      assert.match(bomb?.reason ?? '', /YAML aliases/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
