// A scripted "model" for the fake server: it reads the plan from the run's opening message and implements it the
// way Claude does: todo_write to start a task, read_file each file it names, write_file new files, edit_file existing
// ones with a unique anchor, todo_write to complete, and a closing summary. Used by run tests, integration tests and
// the token-cost benchmark, so the transcript has realistic shapes and sizes.
import type { Responder, RecordedRequest } from './fakeAnthropicServer';
import type { ReplyTurn, ScriptedToolUse } from './fakeTurns';
import type { WireBlock } from './messagesWire';

export interface ScriptedImplementerOptions {
  /** Lines of code in each created file (default 80). */
  fileLines?: number;
  /** Stop after this many tasks, ending the turn with todos still open (tests of the "finish" nudge). */
  stopAfterTasks?: number;
  /** Characters per streamed delta (default 64). */
  chunkSize?: number;
}

interface PlannedTodo {
  content: string;
  status: 'pending' | 'in_progress' | 'completed';
  files: string[];
}

interface ToolOutcome {
  content: string;
  isError: boolean;
}

type Script = Generator<ReplyTurn, ReplyTurn, ToolOutcome[]>;

/** A responder that implements whatever plan the run's first message lists. One run at a time. */
export function scriptedImplementer(options: ScriptedImplementerOptions = {}): Responder {
  let script: Script | undefined;
  let finished = false;
  return (request) => {
    const plan = kickoffPlan(request);
    if (plan) {
      script = implement(plan, options);
      finished = false;
      return script.next([]).value;
    }
    if (!script || finished) return { text: 'All tasks are complete.' };
    const step = script.next(lastToolResults(request));
    if (step.done) finished = true;
    return step.value;
  };
}

function* implement(todos: PlannedTodo[], options: ScriptedImplementerOptions): Script {
  const chunkSize = options.chunkSize ?? 64;
  const list = todos.map((t) => ({ ...t }));
  const open = list.filter((t) => t.status !== 'completed');
  let done = 0;
  for (const todo of open) {
    if (options.stopAfterTasks !== undefined && done >= options.stopAfterTasks) {
      yield toolTurn('', 'todo_write', { todos: wireTodos(list) }, chunkSize);
      return { text: `I finished ${done} task${done === 1 ? '' : 's'} and stopped here.`, chunkSize };
    }
    todo.status = 'in_progress';
    yield toolTurn(`Starting: ${todo.content}.`, 'todo_write', { todos: wireTodos(list) }, chunkSize);
    for (const file of todo.files) {
      const [read] = yield toolTurn('', 'read_file', { path: file }, chunkSize);
      if (!read || read.isError) {
        yield toolTurn('', 'write_file', { path: file, content: generatedSource(file, options.fileLines ?? 80) }, chunkSize);
      } else {
        const anchor = uniqueLine(stripLineNumbers(read.content));
        if (anchor === undefined) {
          yield toolTurn('', 'write_file', { path: file, content: generatedSource(file, options.fileLines ?? 80) }, chunkSize);
        } else {
          const addition = `// ${todo.content}`;
          yield toolTurn('', 'edit_file', { path: file, old_string: anchor, new_string: `${anchor}\n${addition}` }, chunkSize);
        }
      }
    }
    todo.status = 'completed';
    done++;
  }
  yield toolTurn('Every task is done.', 'todo_write', { todos: wireTodos(list) }, chunkSize);
  return { text: `Implemented ${done} task${done === 1 ? '' : 's'}. Review the staged changes, then run the validation commands.`, chunkSize };
}

function toolTurn(text: string, name: string, input: unknown, chunkSize: number): ReplyTurn {
  const use: ScriptedToolUse = { name, input };
  return { ...(text ? { text } : {}), toolUses: [use], chunkSize };
}

function wireTodos(list: readonly PlannedTodo[]): { content: string; status: string; activeForm: string }[] {
  return list.map((t) => ({ content: t.content, status: t.status, activeForm: `Working on: ${t.content}` }));
}

/** The plan, when the last message is a run's opening message: `- [ ] content (files: a, b)` lines. */
function kickoffPlan(request: RecordedRequest): PlannedTodo[] | undefined {
  const messages = request.body?.messages ?? [];
  const last = messages[messages.length - 1];
  const text = typeof last?.content === 'string' ? last.content : (last?.content ?? []).map(blockText).join('\n');
  if (!text.includes('Here is the current plan')) return undefined;
  const todos: PlannedTodo[] = [];
  for (const line of text.split('\n')) {
    const match = /^- \[( |x|~)\] (.*?)(?: \(files: (.*)\))?$/.exec(line);
    if (!match) continue;
    todos.push({
      content: match[2],
      status: match[1] === 'x' ? 'completed' : 'pending',
      files: match[3] ? match[3].split(', ').filter((f) => f.length > 0) : [],
    });
  }
  return todos;
}

function lastToolResults(request: RecordedRequest): ToolOutcome[] {
  const messages = request.body?.messages ?? [];
  const last = messages[messages.length - 1];
  if (!last || typeof last.content === 'string') return [];
  return last.content
    .filter((block) => block.type === 'tool_result')
    .map((block) => ({ content: resultText(block), isError: block.is_error === true }));
}

function resultText(block: WireBlock): string {
  const content = block.content;
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? (content as WireBlock[]).map(blockText).join('') : '';
}

function blockText(block: WireBlock): string {
  return typeof block.text === 'string' ? block.text : '';
}

function stripLineNumbers(numbered: string): string[] {
  return numbered.split('\n').flatMap((line) => {
    const match = /^\s*\d+\t(.*)$/.exec(line);
    return match ? [match[1]] : [];
  });
}

/** The last non-blank line that occurs exactly once: a safe edit anchor. */
function uniqueLine(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line.trim().length > 3 && lines.indexOf(line) === lines.lastIndexOf(line)) return line;
  }
  return undefined;
}

/** Plausible source for a path, `lines` long, so token counts resemble real work. */
export function generatedSource(path: string, lines: number): string {
  const name = path.split('/').pop()?.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9]/g, '_') ?? 'module';
  const out = [`// ${path}: generated by the scripted implementer`, `export interface ${name}Options {`, '  enabled: boolean;', '}', ''];
  for (let i = 0; out.length < lines - 1; i++) {
    out.push(`export function ${name}Step${i}(input: string, options: ${name}Options): string {`);
    out.push(`  if (!options.enabled) throw new Error('${name} step ${i} is disabled');`);
    out.push(`  return input.trim().toLowerCase() + ':${i}';`);
    out.push('}', '');
  }
  return out.slice(0, lines).join('\n') + '\n';
}
