import assert from 'node:assert/strict';
import { ALL_TOOL_NAMES, describeToolCall, runTool, toolSpecs, TOOLS } from '../../../src/core/tools';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { makeContext } from './toolHarness';

describe('tool registry', () => {
  let tmp: TempWorkspace;
  beforeEach(async () => {
    tmp = await makeTempWorkspace({ 'src/app.ts': 'const a = 1;\n' });
  });
  afterEach(() => tmp.cleanup());

  it('lists exactly the seven tools of the contract', () => {
    assert.deepEqual([...ALL_TOOL_NAMES], ['todo_write', 'read_file', 'list_files', 'search', 'write_file', 'edit_file', 'run_command']);
  });

  it('offers specs whose schemas are closed objects with the contract fields', () => {
    const fields = Object.fromEntries(
      toolSpecs().map((spec) => [spec.name, [Object.keys(spec.inputSchema.properties), spec.inputSchema.required ?? []]]),
    );
    assert.deepEqual(fields, {
      todo_write: [['todos'], ['todos']],
      read_file: [['path', 'start_line', 'end_line'], ['path']],
      list_files: [['pattern'], []],
      search: [['query', 'regex', 'glob'], ['query']],
      write_file: [['path', 'content'], ['path', 'content']],
      edit_file: [['path', 'old_string', 'new_string', 'replace_all'], ['path', 'old_string', 'new_string']],
      run_command: [['command', 'timeout_s', 'description'], ['command']],
    });
    for (const spec of toolSpecs()) {
      assert.equal(spec.inputSchema.type, 'object');
      assert.equal(spec.inputSchema.additionalProperties, false);
      assert.ok(spec.description.length > 40, `${spec.name} needs a real description`);
    }
    assert.deepEqual(toolSpecs(['read_file', 'search']).map((s) => s.name), ['read_file', 'search']);
  });

  it('specs are plain JSON (safe to send and to mutate)', () => {
    const spec = toolSpecs(['todo_write'])[0];
    assert.ok(spec);
    assert.deepEqual(JSON.parse(JSON.stringify(spec)), spec);
    spec.inputSchema.required?.push('mutated');
    assert.deepEqual(TOOLS.todo_write.spec.inputSchema.required, ['todos']);
  });

  it('refuses unknown tools and tools outside the allow-list', async () => {
    const { ctx } = makeContext(tmp, { allowedTools: ['read_file', 'list_files'] });
    const unknown = await runTool('delete_everything', {}, ctx);
    assert.equal(unknown.isError, true);
    assert.match(unknown.content, /no tool named "delete_everything".*Available tools: read_file, list_files/);
    const notAllowed = await runTool('write_file', { path: 'x.ts', content: 'x' }, ctx);
    assert.equal(notAllowed.isError, true);
    assert.equal(ctx.changes.size, 0);
    const inherited = await runTool('toString', {}, makeContext(tmp).ctx);
    assert.equal(inherited.isError, true);
  });

  const invalid: [tool: string, input: unknown, expected: RegExp][] = [
    ['read_file', {}, /missing required field "path"/],
    ['read_file', { path: 42 }, /"path" must be a string, got number 42/],
    ['read_file', { path: 'a.ts', start_line: 0 }, /"start_line" must be at least 1/],
    ['read_file', { path: 'a.ts', start_line: 1.5 }, /"start_line" must be an integer/],
    ['read_file', { path: 'a.ts', limit: 10 }, /unknown field "limit" \(expected fields: path, start_line, end_line\)/],
    ['read_file', 'not json', /the input must be an object/],
    ['read_file', null, /the input must be an object, got null/],
    ['read_file', [1], /the input must be an object, got an array/],
    ['list_files', { pattern: 5 }, /"pattern" must be a string/],
    ['search', { query: '' }, /"query" must not be empty/],
    ['search', { query: 'x', regex: 'yes' }, /"regex" must be true or false/],
    ['write_file', { path: 'a.ts' }, /missing required field "content"/],
    ['edit_file', { path: 'a.ts', oldString: 'a', new_string: 'b' }, /missing required field "old_string".*unknown field "oldString"/],
    ['edit_file', { path: 'a.ts', old_string: 'a', new_string: 'b', replace_all: 'true' }, /"replace_all" must be true or false/],
    ['todo_write', { todos: 'do it' }, /"todos" must be an array/],
    ['todo_write', { todos: [{ content: 'A', status: 'done', activeForm: 'Doing A' }] }, /"todos\[0\].status" must be one of "pending", "in_progress", "completed", got "done"/],
    ['todo_write', { todos: [{ content: 'A', status: 'pending' }] }, /missing required field "todos\[0\].activeForm"/],
  ];
  for (const [tool, input, expected] of invalid) {
    it(`${tool} rejects ${JSON.stringify(input)}`, async () => {
      const { ctx, todoCalls } = makeContext(tmp);
      const result = await runTool(tool, input, ctx);
      assert.equal(result.isError, true);
      assert.match(result.content, new RegExp(`^Invalid input for ${tool}: `));
      assert.match(result.content, expected);
      assert.match(result.content, /Fix the call/);
      assert.equal(ctx.changes.size, 0);
      assert.equal(todoCalls.length, 0);
    });
  }

  it('treats null optional fields as absent', async () => {
    const { ctx } = makeContext(tmp);
    const result = await runTool('read_file', { path: 'src/app.ts', start_line: null, end_line: null }, ctx);
    assert.equal(result.isError, false);
  });

  it('accepts input given as JSON text', async () => {
    const { ctx } = makeContext(tmp);
    const result = await runTool('read_file', '{"path":"src/app.ts"}', ctx);
    assert.equal(result.isError, false);
    assert.match(result.content, /const a = 1;/);
  });

  it('turns an unexpected exception into an error result', async () => {
    const { ctx } = makeContext(tmp);
    ctx.onTodoWrite = () => {
      throw new Error('plan store exploded');
    };
    const result = await runTool('todo_write', { todos: [] }, ctx);
    assert.deepEqual(result, { content: 'todo_write failed unexpectedly: plan store exploded', isError: true, summary: 'todo_write: internal error' });
  });

  it('does not run a tool once cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const { ctx } = makeContext(tmp, { signal: controller.signal });
    const result = await runTool('write_file', { path: 'a.ts', content: 'a' }, ctx);
    assert.equal(result.isError, true);
    assert.equal(ctx.changes.size, 0);
  });

  it('describes calls for progress, even with bad input', () => {
    assert.equal(describeToolCall('read_file', { path: 'src/app.ts' }), 'Reading src/app.ts');
    assert.equal(describeToolCall('read_file', { path: 'src/app.ts', start_line: 10, end_line: 20 }), 'Reading src/app.ts (lines 10-20)');
    assert.equal(describeToolCall('read_file', { path: 'src/app.ts', start_line: 2001 }), 'Reading src/app.ts (lines 2001-end)');
    assert.equal(describeToolCall('edit_file', { path: 'src/routes/auth.ts', old_string: 'a', new_string: 'b' }), 'Editing src/routes/auth.ts');
    assert.equal(describeToolCall('write_file', { path: 'src/x.ts', content: '' }), 'Writing src/x.ts');
    assert.equal(describeToolCall('search', { query: 'requireAuth' }), 'Searching for "requireAuth"');
    assert.equal(describeToolCall('search', { query: 'x', glob: 'src/**' }), 'Searching for "x" in src/**');
    assert.equal(describeToolCall('list_files', {}), 'Listing files');
    assert.equal(describeToolCall('list_files', { pattern: '**/*.ts' }), 'Listing files matching "**/*.ts"');
    assert.equal(
      describeToolCall('todo_write', { todos: [{ content: 'Add auth', status: 'in_progress', activeForm: 'Adding auth' }] }),
      'Updating the task list: Adding auth',
    );
    assert.equal(describeToolCall('read_file', { path: 7 }), 'Reading a file');
    assert.equal(describeToolCall('nope', {}), 'Calling unknown tool nope');
  });
});
