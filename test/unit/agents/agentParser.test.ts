import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAgentFile, type ParseAgentResult } from '../../../src/core/agents';
import { AGENT_FIXTURES, BUNDLED_AGENTS_DIR } from './agentPaths';

function parse(text: string): ParseAgentResult {
  return parseAgentFile(text, '/x/agent.md', 'user');
}

function skipReason(text: string): string {
  const result = parse(text);
  assert.equal(result.ok, false, 'expected the file to be skipped');
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.diagnostic.path, '/x/agent.md');
  assert.equal(result.diagnostic.severity, 'error');
  return result.diagnostic.reason;
}

describe('parseAgentFile', () => {
  it('reads the bundled dev-backend agent, whose multi-line description is not strict YAML', () => {
    const path = join(BUNDLED_AGENTS_DIR, 'dev-backend.md');
    const result = parseAgentFile(readFileSync(path, 'utf8'), path, 'bundled');
    assert.ok(result.ok, result.ok ? '' : result.diagnostic.reason);
    const { agent } = result;
    assert.equal(agent.name, 'dev-backend');
    assert.equal(agent.model, 'opus');
    assert.equal(agent.color, 'green');
    assert.equal(agent.tools, undefined);
    assert.deepEqual(agent.source, { kind: 'bundled', path });
    assert.ok(agent.systemPrompt.startsWith('You are a specialized Backend Development agent'));
    assert.equal(agent.systemPrompt, agent.systemPrompt.trim());
    assert.ok(agent.description.startsWith('Specialized backend development agent for server-side logic'));
    // The examples stay part of the description, line breaks kept, and do not leak into other fields.
    assert.match(agent.description, /\nExamples:\n- <example>\n {2}Context: PRP requires implementing user authentication/);
    assert.ok(agent.description.endsWith('</example>'));
    assert.deepEqual(
      result.diagnostics.map((d) => d.severity),
      ['info'],
    );
  });

  it('reads a strict YAML file with all fields and tolerates extra ones', () => {
    const result = parse(readFileSync(join(AGENT_FIXTURES, 'mixed', 'valid.md'), 'utf8'));
    assert.ok(result.ok);
    assert.deepEqual(
      { ...result.agent, source: undefined },
      {
        name: 'api-reviewer',
        description: 'Reviews API handlers for validation and error handling.',
        tools: ['read_file', 'search', 'list_files'],
        model: 'sonnet',
        color: 'blue',
        systemPrompt: 'You review API handlers.',
        source: undefined,
      },
    );
    assert.deepEqual(result.diagnostics, []);
  });

  it('skips a file without front matter', () => {
    assert.match(skipReason('# Title\n\nYou are an agent.\n'), /no YAML front matter/);
  });

  it('skips an empty or blank file', () => {
    assert.match(skipReason(''), /empty file/);
    assert.match(skipReason('  \n\n'), /empty file/);
  });

  it('skips binary garbage', () => {
    assert.match(skipReason('\u0089PNG\r\n\u001a\n\u0000\u0000---\nname: x\n'), /binary/);
  });

  it('skips a missing, empty or non-text name', () => {
    assert.match(skipReason('---\ndescription: d\n---\nbody'), /missing "name"/);
    assert.match(skipReason('---\nname: "  "\ndescription: d\n---\nbody'), /empty "name"/);
    assert.match(skipReason('---\nname: [a, b]\ndescription: d\n---\nbody'), /"name" must be text, not a list/);
    assert.match(skipReason('---\n---\nbody'), /missing "name"/);
  });

  it('skips a missing or empty description', () => {
    assert.match(skipReason('---\nname: a\n---\nbody'), /missing "description"/);
    assert.match(skipReason('---\nname: a\ndescription:\n---\nbody'), /missing "description"/);
    assert.match(skipReason("---\nname: a\ndescription: ''\n---\nbody"), /empty "description"/);
  });

  it('skips a name that is not lower-case words joined by hyphens, suggesting one', () => {
    assert.match(skipReason('---\nname: Dev Backend\ndescription: d\n---\nb'), /name "Dev Backend" must be .*"dev-backend"/);
    assert.match(skipReason('---\nname: dev_backend\ndescription: d\n---\nb'), /must be lower-case/);
    assert.match(skipReason('---\nname: -dev\ndescription: d\n---\nb'), /must be lower-case/);
    assert.ok(parse('---\nname: dev-backend-2\ndescription: d\n---\nb').ok);
  });

  it('skips broken YAML and names the line of the error in the file', () => {
    const text = '---\nname: a\ndescription: d\ntools: [Read, Write\nmodel: opus\n---\nbody';
    const result = parse(text);
    assert.ok(!result.ok);
    assert.match(result.diagnostic.reason, /broken YAML front matter at line \d+: /);
    assert.equal(typeof result.diagnostic.line, 'number');
    // A single-line entry that fails on its own is never rescued by the lenient reading.
    const tab = parse('---\nname: a\ndescription: d\ncolor: "green\n---\nbody');
    assert.ok(!tab.ok);
    assert.match(tab.diagnostic.reason, /broken YAML/);
  });

  it('reports the YAML error on the right line of the file', () => {
    const result = parse('---\nname: a\ndescription: d\nmodel: opus: x\n---\nbody');
    assert.ok(!result.ok);
    assert.equal(result.diagnostic.line, 4);
    assert.match(result.diagnostic.reason, /at line 4: Nested mappings/);
  });

  it('reads a multi-line description leniently, but not a multi-line value of another field', () => {
    const lenient = parse('---\nname: a\ndescription: first\n  user: "quoted"\n  <tag>\nmodel: opus\n---\nbody');
    assert.ok(lenient.ok);
    assert.equal(lenient.agent.description, 'first\n  user: "quoted"\n  <tag>');
    assert.equal(lenient.agent.model, 'opus');
    const strict = parse('---\nname: a\ndescription: d\nmodel: first\n  user: "quoted"\n  <tag>\n---\nbody');
    assert.ok(!strict.ok);
    assert.match(strict.diagnostic.reason, /broken YAML front matter at line \d+/);
  });

  it('skips front matter that is never closed, or is not a mapping', () => {
    assert.match(skipReason('---\nname: a\ndescription: d\n'), /not closed/);
    assert.match(skipReason('---\n- a\n- b\n---\nbody'), /must be a mapping/);
  });

  it('refuses non-YAML front matter without evaluating it', () => {
    const scope = globalThis as { agentFrontMatterRan?: boolean };
    const js = "---js\n({ name: (globalThis.agentFrontMatterRan = true, 'x'), description: 'd' })\n---\nbody";
    assert.match(skipReason(js), /front matter language "js" is not supported/);
    assert.match(skipReason('---coffee\nname: "x"\n---\nbody'), /"coffee" is not supported/);
    assert.equal(scope.agentFrontMatterRan, undefined);
    assert.ok(parse('---yaml\nname: a\ndescription: d\n---\nbody').ok);
  });

  it('skips duplicate keys rather than guessing which one counts', () => {
    assert.match(skipReason('---\nname: a\nname: b\ndescription: d\n---\nbody'), /broken YAML.*unique/);
  });

  it('accepts CRLF line endings and a byte-order mark', () => {
    const result = parse('\uFEFF---\r\nname: crlf\r\ndescription: d\r\n---\r\n\r\nBody line.\r\n');
    assert.ok(result.ok);
    assert.equal(result.agent.name, 'crlf');
    assert.equal(result.agent.systemPrompt, 'Body line.');
  });

  it('drops unknown and unavailable tools with a warning each, keeping the known ones', () => {
    const result = parse(readFileSync(join(AGENT_FIXTURES, 'mixed', 'unknown-tools.md'), 'utf8'));
    assert.ok(result.ok);
    // Bash maps to run_command.
    assert.deepEqual(result.agent.tools, ['read_file', 'run_command', 'edit_file']);
    const reasons = result.diagnostics.map((d) => `${d.severity} ${d.reason}`);
    assert.equal(reasons.length, 3);
    assert.ok(reasons.every((r) => r.startsWith('warning ')));
    assert.ok(reasons.some((r) => /"WebFetch" is not available/.test(r)));
    assert.ok(reasons.some((r) => /"mcp__github__create_issue" is not available/.test(r)));
    assert.ok(reasons.some((r) => /unknown tool "Teleport"/.test(r)));
  });

  it('never grants all tools when none of the named tools exist', () => {
    const result = parse('---\nname: a\ndescription: d\ntools: WebFetch, Teleport\n---\nbody');
    assert.ok(result.ok);
    assert.deepEqual(result.agent.tools, []);
    assert.ok(result.diagnostics.some((d) => /no usable tools/.test(d.reason)));
  });

  it('skips a tools field that is neither text nor a list of names', () => {
    assert.match(skipReason('---\nname: a\ndescription: d\ntools: 3\n---\nb'), /tools must be a comma-separated string or a list/);
    assert.match(skipReason('---\nname: a\ndescription: d\ntools: {Read: true}\n---\nb'), /tools must be/);
  });

  it('ignores a non-text model or color with a warning', () => {
    const result = parse('---\nname: a\ndescription: d\nmodel: 4\ncolor: [red]\n---\nb');
    assert.ok(result.ok);
    assert.equal(result.agent.model, undefined);
    assert.equal(result.agent.color, undefined);
    assert.equal(result.diagnostics.filter((d) => d.severity === 'warning').length, 2);
  });

  it('keeps a full model id and inherit as written', () => {
    const id = parse('---\nname: a\ndescription: d\nmodel: claude-sonnet-4-5-20250929\n---\nb');
    assert.ok(id.ok);
    assert.equal(id.agent.model, 'claude-sonnet-4-5-20250929');
    const inherit = parse('---\nname: a\ndescription: d\nmodel: inherit\n---\nb');
    assert.ok(inherit.ok);
    assert.equal(inherit.agent.model, 'inherit');
  });
});
