// Parts of the extension talk through typed services (src/vscode/services.ts), never by running one of the
// extension's own commands: those are entry points for users, menus and buttons. This scans src/ for
// executeCommand calls and fails on one whose target is ours, or cannot be told, outside the allow-list below.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const SRC = path.join(ROOT, 'src');

/** Calls whose target is not a literal or a known constant, each a button the user clicks. */
const BUTTON_WIRING: { file: string; target: string; why: string }[] = [
  {
    file: 'src/vscode/commands/implementCommand.ts',
    target: 'action.command',
    why: "an error's fix (RunSetupError.action: VS Code's Manage Workspace Trust), run when the user clicks its button",
  },
];

interface Call {
  file: string;
  line: number;
  /** The first argument as written. */
  target: string;
  /** The command id, when the argument is a literal or built from string constants. */
  id?: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

/** `const NAME = 'value'` anywhere in the sources (exported or not). */
function stringConstants(texts: readonly string[]): Map<string, string> {
  const constants = new Map<string, string>();
  for (const text of texts) {
    for (const m of text.matchAll(/\bconst\s+([A-Z_][A-Z0-9_]*)\s*=\s*(['"])([^'"]*)\2/g)) constants.set(m[1], m[3]);
  }
  return constants;
}

/** The id an argument stands for: a string literal, a constant, or a template of constants; else undefined. */
function resolve(argument: string, constants: ReadonlyMap<string, string>): string | undefined {
  const literal = /^(['"])([^'"]*)\1$/.exec(argument);
  if (literal) return literal[2];
  if (/^[A-Z_][A-Z0-9_]*$/.test(argument)) return constants.get(argument);
  const template = /^`([^`]*)`$/.exec(argument);
  if (template) {
    let unresolved = false;
    const text = template[1].replace(/\$\{\s*([A-Z_][A-Z0-9_]*)\s*\}/g, (_, name: string) => constants.get(name) ?? ((unresolved = true), ''));
    return unresolved || text.includes('${') ? undefined : text;
  }
  return undefined;
}

/** Every call of `fn(` in the text, with its first argument. */
function callsOf(fn: string, file: string, text: string, constants: ReadonlyMap<string, string>): Call[] {
  const calls: Call[] = [];
  for (const m of text.matchAll(new RegExp(`\\b${fn}\\s*(?:<[^>()]*>)?\\(\\s*([^,)]+?)\\s*[,)]`, 'g'))) {
    const target = m[1].trim();
    const id = resolve(target, constants);
    calls.push({ file, line: text.slice(0, m.index).split('\n').length, target, ...(id !== undefined ? { id } : {}) });
  }
  return calls;
}

/** The calls that break the rule: an own command as the target, or a target that cannot be told, not allow-listed. */
export function forbiddenCalls(sources: ReadonlyMap<string, string>, ownIds: ReadonlySet<string>): Call[] {
  const constants = stringConstants([...sources.values()]);
  const calls = [...sources].flatMap(([file, text]) => callsOf('executeCommand', file, text, constants));
  return calls.filter(
    (call) => (call.id === undefined || ownIds.has(call.id)) && !BUTTON_WIRING.some((a) => a.file === call.file && a.target === call.target),
  );
}

function readSources(): Map<string, string> {
  return new Map(sourceFiles(SRC).map((file) => [path.relative(ROOT, file).split(path.sep).join('/'), fs.readFileSync(file, 'utf8')]));
}

/** The commands the extension contributes (package.json) and registers (registerCommand in src/). */
function ownCommandIds(sources: ReadonlyMap<string, string>): Set<string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
  const constants = stringConstants([...sources.values()]);
  // Ids registered through a helper (taskCommands' register(id, ...)) are in the manifest: every command is contributed.
  const registered = [...sources].flatMap(([file, text]) => callsOf('registerCommand', file, text, constants)).flatMap((c) => (c.id === undefined ? [] : [c.id]));
  return new Set([...manifest.contributes.commands.map((c) => c.command), ...registered]);
}

describe('no part of the extension runs one of its own commands', () => {
  it("src/ calls executeCommand only on VS Code's commands, or from a button the user clicks", () => {
    const sources = readSources();
    const own = ownCommandIds(sources);
    assert.ok(own.has('devBackend.implement') && own.has('devBackend.reviewChanges') && own.has('devBackend.setApiKey') && own.has('devBackend.showRunSummary'));
    const found = forbiddenCalls(sources, own);
    assert.deepEqual(found.map((c) => `${c.file}:${c.line}: executeCommand(${c.target}${c.id ? ` = ${c.id}` : ''})`), []);
  });

  it('finds such calls by literal, by constant and by template, and flags a target it cannot tell', () => {
    const sources = new Map([
      ['src/a.ts', "export const IMPLEMENT_COMMAND = 'devBackend.implement';\nconst VIEW = 'devBackend.tasks';"],
      [
        'src/b.ts',
        [
          'void vscode.commands.executeCommand(IMPLEMENT_COMMAND, args);',
          "await vscode.commands.executeCommand<Result>('devBackend.reviewChanges');",
          'void vscode.commands.executeCommand(`${VIEW}.focus`);',
          "void vscode.commands.executeCommand('setContext', 'devBackend.hasPlan', true);",
          'void vscode.commands.executeCommand(then.command, ...then.args);',
        ].join('\n'),
      ],
    ]);
    const own = new Set(['devBackend.implement', 'devBackend.reviewChanges']);
    assert.deepEqual(forbiddenCalls(sources, own).map((c) => [c.line, c.target]), [
      [1, 'IMPLEMENT_COMMAND'],
      [2, "'devBackend.reviewChanges'"],
      [5, 'then.command'],
    ]);
  });

  it('keeps the allow-list to calls that still exist', () => {
    const sources = readSources();
    for (const allowed of BUTTON_WIRING) {
      assert.ok(sources.get(allowed.file)?.includes(`executeCommand(${allowed.target}`), `${allowed.file} no longer calls executeCommand(${allowed.target}): drop it from the list`);
    }
  });
});
