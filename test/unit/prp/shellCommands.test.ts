import * as assert from 'node:assert/strict';
import { closestVerb, readActionLine } from '../../../src/core/prp/actionLine';
import { cleanPathToken, isPathLike, pathsInText } from '../../../src/core/prp/pathLike';
import { isCommandLike } from '../../../src/core/prp/shell/commandShape';
import { readShellBlock } from '../../../src/core/prp/shell/shellCommands';
import { takeStatusMarks } from '../../../src/core/prp/statusMarks';
import { readTomlFields } from '../../../src/core/prp/tomlFields';

function block(text: string): { commands: string[]; dropped: string[] } {
  const lines = text.split('\n');
  const read = readShellBlock(lines, 0, lines.length - 1);
  return { commands: read.commands.map((c) => c.text), dropped: read.dropped.map((d) => `${d.line + 1}: ${d.reason}`) };
}

describe('shell blocks: one entry per whole command', () => {
  it('keeps multi-line quotes, loops, ifs, cases, heredocs and trailing operators whole', () => {
    const read = block(
      [
        'python -c "',
        'import sys',
        'print(sys.version)',
        '"',
        'for f in src/*.py; do',
        '  # each file',
        '  python -m py_compile "$f"  # compile',
        'done',
        'if [ -f .env ]; then',
        '  echo found',
        'fi',
        'case "$1" in',
        '  a|b) echo ab ;;',
        '  *) echo other ;;',
        'esac',
        "cat <<'EOF' > x.txt",
        'done',
        'EOF',
        'make lint ||',
        '  echo failed',
        'npm run build && \\',
        '  npm test',
        'for ((i=0; i<3; i++)); do echo $i; done',
        'while read -r line; do',
        '  echo "$line"',
        'done < list.txt',
        'x=$(date) echo "$x" $((1 + 2))',
        "echo 'a ) b' \"c ( d\" \\( e",
      ].join('\n'),
    );
    assert.deepEqual(read.commands, [
      'python -c "\nimport sys\nprint(sys.version)\n"',
      'for f in src/*.py; do\n  python -m py_compile "$f"\ndone',
      'if [ -f .env ]; then\n  echo found\nfi',
      'case "$1" in\n  a|b) echo ab ;;\n  *) echo other ;;\nesac',
      "cat <<'EOF' > x.txt\ndone\nEOF",
      'make lint ||\n  echo failed',
      'npm run build && npm test',
      'for ((i=0; i<3; i++)); do echo $i; done',
      'while read -r line; do\n  echo "$line"\ndone < list.txt',
      'x=$(date) echo "$x" $((1 + 2))',
      "echo 'a ) b' \"c ( d\" \\( e",
    ]);
    assert.deepEqual(read.dropped, []);
  });

  it('drops what is not a command, in any language, and says why', () => {
    const read = block(
      [
        '1. Load the page in the browser',
        'Chrome/Edge: [verify all fixes]',
        '- the login page is shown',
        'Open the settings page',
        'the server answers with a greeting',
        'Abrir la página en el navegador',
        'ブラウザでページを開く',
        "Don't forget to restart",
        'npm test',
        'def handler(event):',
        '{"status": "ok"}',
        '200 OK',
        'Expected: no errors',
        'fi',
        '→ 3 passed',
      ].join('\n'),
    );
    assert.deepEqual(read.commands, ['npm test']);
    assert.deepEqual(read.dropped, [
      '1: reads as a list item, not a command',
      '2: reads as a label, not a command',
      '3: reads as a list item, not a command',
      '4: reads as a sentence, not a command',
      '5: reads as a sentence, not a command',
      '6: reads as text, not a command',
      '7: reads as text, not a command',
      '8: not a whole command: a single quote is never closed',
      '10: not valid shell: unexpected "(" after "handler"',
      '11: reads as data, not a command',
      '12: reads as output, not a command',
      '13: reads as a label, not a command',
      '14: not valid shell: "fi" closes no block',
      '15: reads as text, not a command',
    ]);
  });

  it('keeps short commands and common ones a word list used to miss', () => {
    const read = block(['ls -la', 'cat README.md', 'wc -l src/*.ts', 'git add .', 'docker compose up -d db', 'make', 'pytest'].join('\n'));
    assert.deepEqual(read.commands, ['ls -la', 'cat README.md', 'wc -l src/*.ts', 'git add .', 'docker compose up -d db', 'make', 'pytest']);
    // With `$ ` prompts, only prompted lines (and their continuations) are commands; the rest is output.
    const prompted = block(['$ npm test', '> passed 3', '$ npm run lint \\', '>   --fix', 'ok'].join('\n'));
    assert.deepEqual(prompted.commands, ['npm test', 'npm run lint --fix']);
  });

  it('tells a back-ticked command from code, paths and names by its shape', () => {
    for (const c of ['ls -1d skills/*/ | wc -l', 'grep -c name a.json', 'cat package.json', 'wc -l', 'npx vitest run', './scripts/check.sh', 'hurl api.hurl', 'NODE_ENV=test npm test']) {
      assert.ok(isCommandLike(c), c);
    }
    for (const c of ['/notes', '.env.example', 'src/auth.ts', 'user_id = 5', 'GET /api/users', 'foo.bar()', 'pytest', 'requireAuth', '{error: string}', 'Content-Type: x', 'a\nb']) {
      assert.ok(!isCommandLike(c), c);
    }
  });
});

describe('task line pieces', () => {
  it('takes status marks off task lines', () => {
    assert.deepEqual(takeStatusMarks('### [x] Task 1: Remove the old runner'), { text: '### Task 1: Remove the old runner', status: 'done' });
    assert.deepEqual(takeStatusMarks('Task 3 ✅ DONE'), { text: 'Task 3', status: 'done' });
    assert.deepEqual(takeStatusMarks('### Tarea 2: Crear vista — EN PROGRESO'), { text: '### Tarea 2: Crear vista', status: 'in_progress' });
    assert.deepEqual(takeStatusMarks('#### 任务 1：创建模型（已完成）'), { text: '#### 任务 1：创建模型', status: 'done' });
    assert.deepEqual(takeStatusMarks('### [~] Step 1.2: Wire'), { text: '### Step 1.2: Wire', status: 'in_progress' });
    assert.deepEqual(takeStatusMarks('- [ ] Task 6: x'), { text: '- Task 6: x', status: undefined });
    assert.deepEqual(takeStatusMarks('### Task 5: Remove the TODO'), { text: '### Task 5: Remove the TODO' });
  });

  it('reads verbs of any language by shape, corrects typos but not words built on a verb', () => {
    assert.deepEqual(readActionLine('CREAR src/x.ts'), { verb: 'CREAR', path: 'src/x.ts', text: 'src/x.ts', unknownVerb: true });
    assert.deepEqual(readActionLine('修改 src/x.py'), { verb: '修改', path: 'src/x.py', text: 'src/x.py', unknownVerb: true });
    assert.deepEqual(readActionLine('作成：src/x.ts'), { verb: '作成', path: 'src/x.ts', text: 'src/x.ts', unknownVerb: true });
    assert.deepEqual(readActionLine('ENHANCE src/x.ts: add caching'), undefined);
    assert.deepEqual(readActionLine('ENHANCE src/x.ts:'), { verb: 'ENHANCE', path: 'src/x.ts', text: 'src/x.ts', unknownVerb: true });
    assert.equal(readActionLine('NOTE src/x.py is legacy'), undefined);
    assert.equal(readActionLine('建立匯出服務 `src/export/service.ts`'), undefined, 'a long phrase is a title, not a verb');
    assert.equal(closestVerb('REMOVER'), undefined);
    assert.equal(closestVerb('EDITAR'), undefined);
    assert.equal(closestVerb('CRAETE'), 'CREATE');
  });

  it('keeps route groups and dynamic segments in paths; product names with a version are not files', () => {
    for (const p of ['app/(routes)/vote/page.tsx', 'src/routes/(auth)/login/+page.svelte', 'pages/[id].tsx', 'app/[...slug]/page.tsx']) {
      assert.equal(cleanPathToken(`\`${p}\`,`), p);
      assert.ok(isPathLike(p), p);
    }
    assert.equal(cleanPathToken('(src/y.py).'), 'src/y.py');
    assert.ok(!isPathLike('foo(bar)'));
    assert.deepEqual(pathsInText('Needs Node.js 18+ and edits pages/[id].tsx (see app/(routes)/x.tsx)'), ['pages/[id].tsx', 'app/(routes)/x.tsx']);
  });

  it('reads TOML front matter fields and warns about a line it cannot read', () => {
    const warnings: Array<{ line?: number; message: string }> = [];
    const fields = readTomlFields(['title = "Vote \\"page\\""', "name = 'vote'", 'description = """', 'Two lines', 'here."""', 'tags = ["a", \'b\']', 'draft = false  # yes', 'oops', '[meta]', 'owner = "me"'], 2, warnings);
    assert.deepEqual(fields, { title: 'Vote "page"', name: 'vote', description: 'Two lines\nhere.', tags: 'a, b', draft: 'false', 'meta.owner': 'me' });
    assert.deepEqual(warnings, [{ line: 9, message: 'Line 9 of the TOML front matter is not "key = value"; skipped it.' }]);
  });
});
