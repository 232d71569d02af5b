import assert from 'node:assert/strict';
import { ALL_TOOL_NAMES, parseAgentFile, parseToolsField, resolveAgentTools, toToolName } from '../../../src/core/agents';

describe('agent tools', () => {
  it('maps Claude Code tool names onto ours', () => {
    const table: [string, string][] = [
      ['Read', 'read_file'],
      ['Write', 'write_file'],
      ['Edit', 'edit_file'],
      ['MultiEdit', 'edit_file'],
      ['Glob', 'list_files'],
      ['LS', 'list_files'],
      ['Grep', 'search'],
      ['TodoWrite', 'todo_write'],
    ];
    for (const [claude, ours] of table) assert.equal(toToolName(claude), ours, claude);
    for (const ours of ALL_TOOL_NAMES) assert.equal(toToolName(ours), ours);
    assert.equal(toToolName('Bash'), 'run_command');
    assert.equal(toToolName('Bash(npm test:*)'), 'run_command');
    assert.equal(toToolName('Read_File'), undefined);
  });

  it('accepts a comma-separated string or a list, and removes duplicates', () => {
    const fromString = parseToolsField(' Read , Edit,MultiEdit,, search ');
    assert.deepEqual(fromString, { ok: true, tools: ['read_file', 'edit_file', 'search'], dropped: [] });
    const fromList = parseToolsField(['Glob', 'LS', 'todo_write']);
    assert.deepEqual(fromList, { ok: true, tools: ['list_files', 'todo_write'], dropped: [] });
  });

  it('reads permission-style entries by their tool name', () => {
    const result = parseToolsField('Read(src/**), Bash(npm test:*), WebFetch');
    assert.ok(result.ok);
    assert.deepEqual(result.tools, ['read_file', 'run_command']);
    assert.equal(result.dropped.length, 1);
  });

  it('treats an absent or empty tools field as all tools', () => {
    assert.deepEqual(parseToolsField(undefined), { ok: true, tools: undefined, dropped: [] });
    assert.deepEqual(parseToolsField(null), { ok: true, tools: undefined, dropped: [] });
    assert.deepEqual(parseToolsField(' '), { ok: true, tools: undefined, dropped: [] });
  });

  it('offers all tools to an agent without a tools field', () => {
    const result = parseAgentFile('---\nname: a\ndescription: d\n---\nb', '/a.md', 'workspace');
    assert.ok(result.ok);
    assert.deepEqual(resolveAgentTools(result.agent, ALL_TOOL_NAMES), [...ALL_TOOL_NAMES]);
  });

  it('offers only the allowed tools, in the order of the full list, and only ones that exist', () => {
    const result = parseAgentFile('---\nname: a\ndescription: d\ntools: Edit, Read\n---\nb', '/a.md', 'workspace');
    assert.ok(result.ok);
    assert.deepEqual(resolveAgentTools(result.agent, ALL_TOOL_NAMES), ['read_file', 'edit_file']);
    assert.deepEqual(resolveAgentTools(result.agent, ['edit_file', 'search']), ['edit_file']);
    assert.deepEqual(resolveAgentTools({ tools: [] }, ALL_TOOL_NAMES), []);
  });
});
