// The shapes seen in real PRPs (issue 13), each in a small made-up fixture under test/fixtures/prps/real-shapes.
import * as assert from 'node:assert/strict';
import { planFromPrp } from '../../../src/core/plan/offlinePlanner';
import type { Prp } from '../../../src/core/prp/prp';
import { parsePrp } from '../../../src/core/prp/prpParser';
import { parseFixture, warningTexts } from './fixtures';

const shapes = (name: string): Prp => parseFixture(`real-shapes/${name}`);
const tasksOf = (prp: Prp): unknown[] => prp.tasks.map((t) => [t.label, t.title, t.files, t.status ?? 'pending', t.line]);
const levelsOf = (prp: Prp): unknown[] => prp.validationLevels.map((l) => [l.level, l.title, l.commands]);
const notCommand = (line: number, text: string, why: string): string =>
  `Line ${line}: "${text}" is not a command (${why}); left out of the validation commands. Make it a # comment or move it out of the shell block.`;

describe('parsePrp on the shapes of real PRPs', () => {
  it('1. status marks on task headings set the status and hide nothing; "Problem Statement" is no task', () => {
    const prp = shapes('status-marks.md');
    assert.deepEqual(tasksOf(prp), [
      ['Task 1', 'Remove the old runner', ['src/legacy/runner.py'], 'done', 12],
      ['Task 2', 'Modify src/jobs/queue.py', ['src/jobs/queue.py'], 'done', 16],
      ['Task 3', 'Add the durable runner', ['src/jobs/durable_runner.py'], 'in_progress', 21],
      ['Task 4', 'Wire the CLI', ['src/cli.py'], 'in_progress', 25],
      ['Task 5', 'Document the runner', ['docs/jobs.md'], 'pending', 28],
    ]);
    assert.deepEqual(warningTexts(prp), []);
    const plan = planFromPrp(prp, 'p.md');
    assert.deepEqual(
      plan.todos.filter((t) => t.phase === 'Implementation').map((t) => [t.content, t.status]),
      [
        ['Task 1: Remove the old runner', 'completed'],
        ['Task 2: Modify src/jobs/queue.py', 'completed'],
        ['Task 3: Add the durable runner', 'in_progress'],
        // TodoWrite allows one todo in progress: the first one marked so.
        ['Task 4: Wire the CLI', 'pending'],
        ['Task 5: Document the runner', 'pending'],
      ],
    );
  });

  it('2+3. a task list under "任务清单" is read; the status report, its numbered items and its "验证" heading are not', () => {
    const prp = shapes('chinese-task-list.md');
    assert.deepEqual(tasksOf(prp), [
      ['任务 1', '创建导出服务', ['src/export/csv_service.py'], 'pending', 12],
      ['任务 2', '添加导出路由', ['src/routes/orders.py'], 'pending', 16],
      ['任务 3', '编写测试', ['tests/test_csv_export.py'], 'pending', 20],
    ]);
    assert.deepEqual(levelsOf(prp), [
      [1, '语法检查', ['ruff check src/export']],
      [2, '单元测试', ['uv run pytest tests/test_csv_export.py -v']],
    ]);
    assert.deepEqual(warningTexts(prp), [notCommand(28, '运行上面的命令，确认没有错误', 'reads as text, not a command')]);
  });

  it('2+7+11. Spanish: tareas with CREAR/MODIFICAR and no warning, a progress report ignored, prose in the fence dropped', () => {
    const prp = shapes('spanish-tasks.md');
    assert.deepEqual(tasksOf(prp), [
      ['Tarea 1', 'CREAR src/cart/store.ts', ['src/cart/store.ts'], 'pending', 11],
      ['Tarea 2', 'MODIFICAR src/cart/routes.ts', ['src/cart/routes.ts'], 'pending', 15],
      ['Tarea 3', 'VERIFICAR que el carrito se guarda', [], 'pending', 18],
    ]);
    assert.deepEqual(prp.tasks[0].actions.map((a) => [a.verb, a.path, a.details]), [
      ['CREAR', 'src/cart/store.ts', ['PATRÓN: seguir src/session/store.ts', 'DEPENDENCIAS: Node.js 18+']],
    ]);
    assert.deepEqual(levelsOf(prp), [
      [1, 'Estilo', ['npx eslint src/cart', 'npx tsc --noEmit']],
      [2, 'Pruebas', ['for f in test/cart/*.test.ts; do\n  npx vitest run "$f"\ndone']],
    ]);
    assert.deepEqual(warningTexts(prp), [
      notCommand(34, '1. Abrir la página del carrito en el navegador', 'reads as a list item, not a command'),
      notCommand(35, '- la página muestra el producto guardado', 'reads as a list item, not a command'),
      notCommand(36, 'Comprobar que no hay errores en la consola', 'reads as a sentence, not a command'),
    ]);
    const plan = planFromPrp(prp, 'p.md');
    assert.deepEqual(plan.todos.filter((t) => t.content.startsWith('Tarea')).map((t) => [t.phase, t.content]), [
      ['Implementation', 'Tarea 1: CREAR src/cart/store.ts'],
      ['Implementation', 'Tarea 2: MODIFICAR src/cart/routes.ts'],
      ['Validation', 'Tarea 3: VERIFICAR que el carrito se guarda'],
    ]);
  });

  it('3+4+5. phases group their dotted steps; edit locations and illustrations are details; detail sections and a build check are neither tasks nor gates', () => {
    const prp = shapes('phases-steps.md');
    assert.deepEqual(
      prp.tasks.map((t) => [t.label, t.number, t.title, t.files, t.group, t.line]),
      [
        ['Step 1.1', 1, 'Create the header', ['src/header/header.c', 'src/header/header.h'], 'Phase 1: Header module', 12],
        ['Step 1.2', 1, 'Expose the header', ['src/header/header.h'], 'Phase 1: Header module', 15],
        ['Step 2.1', 2, 'Call it from the writer', ['src/writer.c'], 'Phase 2: Use the header', 24],
        ['Step 2.2', 2, 'Update the tests', ['tests/test_writer.c'], 'Phase 2: Use the header', 40],
      ],
    );
    assert.deepEqual(prp.tasks[2].details, [
      'Edit locations in `src/writer.c`:',
      '**Line 332**: call `write_header()` before the first field',
      '**Line 410**: pass the generator name',
      '**Pattern 1: boolean read**',
      'Before:',
      'After:',
    ]);
    assert.deepEqual(levelsOf(prp), [
      [1, 'Build', ['make']],
      [2, 'Tests', ['make test']],
    ]);
    assert.deepEqual(warningTexts(prp), []);
  });

  it('5. a bold "Pattern N" over before/after code blocks is an illustration, not a step', () => {
    const prp = parsePrp(
      [
        '## Implementation',
        '**Pattern 1: boolean read**',
        'Before:',
        '```ts',
        'if (flag == 1) {}',
        '```',
        'After:',
        '```ts',
        'if (isOn(flag)) {}',
        '```',
        '**Step 1: Replace the reads**',
        '- edit `src/flags.ts`',
        '**Step 2: Remove the old helper**',
        '- DELETE src/legacy/flag.ts',
      ].join('\n'),
    );
    assert.deepEqual(
      prp.tasks.map((t) => [t.label, t.title, t.files]),
      [
        ['Step 1', 'Replace the reads', ['src/flags.ts']],
        ['Step 2', 'Remove the old helper', ['src/legacy/flag.ts']],
      ],
    );
  });

  it('6+7+8+10. multi-line commands stay whole, prose in fences is dropped, back-ticked commands are kept, route-group paths read', () => {
    const prp = shapes('multiline-commands.md');
    assert.deepEqual(tasksOf(prp), [
      ['Tarefa 1', 'CRIAR app/(routes)/contacts/import/page.tsx', ['app/(routes)/contacts/import/page.tsx'], 'pending', 10],
      ['Tarefa 2', 'ATUALIZAR src/routes/(auth)/login/+page.svelte', ['src/routes/(auth)/login/+page.svelte'], 'pending', 13],
      ['Tarefa 3', 'CRIAR pages/[id].tsx', ['pages/[id].tsx'], 'pending', 15],
    ]);
    assert.deepEqual(levelsOf(prp), [
      [1, 'Sintaxe', ['npx tsc --noEmit', `python -c "\nimport json\njson.load(open('fixtures/contacts.json'))\nprint('ok')\n"`]],
      [
        2,
        'Integração',
        [
          `curl -s -X POST http://localhost:3000/api/contacts/import -H 'content-type: application/json' -d '{\n    "contacts": [{"name": "Ana"}]\n  }'`,
          `cat > /tmp/contatos.json <<'JSON'\n[{"name": "Bia"}]\nJSON`,
        ],
      ],
      [3, 'Conferência', ['ls -1d fixtures/*/ | wc -l', 'grep -c name fixtures/contacts.json']],
    ]);
    assert.deepEqual(warningTexts(prp), [
      notCommand(39, '1. Abra a página de importação no navegador', 'reads as a list item, not a command'),
      notCommand(40, '- a página de login aparece', 'reads as a list item, not a command'),
      notCommand(41, 'Chrome/Edge: [verificar todas as correções]', 'reads as a label, not a command'),
      'Level 3 (line 44) has no command block; read 2 commands from its text.',
    ]);
  });

  it('9+11+12+13. TOML front matter; verbs outside the list; references are not touched files; VERIFY goes to Validation', () => {
    const prp = shapes('verbs-and-routes.md');
    assert.equal(prp.title, 'Vote page');
    assert.deepEqual(prp.header, {
      source: 'frontMatter',
      fields: { title: 'Vote page', description: 'Let signed-in users vote on proposals.', tags: 'web, votes' },
      description: 'Let signed-in users vote on proposals.',
      startLine: 1,
      endLine: 5,
    });
    assert.deepEqual(
      prp.tasks.map((t) => [t.label, t.title, t.files, t.actions.map((a) => a.verb)]),
      [
        ['Task 1', 'ENHANCE src/models/proposal.ts', ['src/models/proposal.ts'], ['ENHANCE']],
        ['Task 2', 'Create app/(routes)/vote/page.tsx', ['app/(routes)/vote/page.tsx'], ['CREATE']],
        ['Task 3', 'Guard the vote route', ['src/routes/vote.ts'], []],
        ['Task 4', 'Verify the vote count updates', [], ['VERIFY']],
      ],
    );
    assert.deepEqual(warningTexts(prp), []);
    const plan = planFromPrp(prp, 'p.md');
    assert.deepEqual(plan.todos.filter((t) => t.content.startsWith('Task')).map((t) => [t.phase, t.content]), [
      ['Implementation', 'Task 1: ENHANCE src/models/proposal.ts'],
      ['Implementation', 'Task 2: Create app/(routes)/vote/page.tsx'],
      ['Implementation', 'Task 3: Guard the vote route'],
      ['Validation', 'Task 4: Verify the vote count updates'],
    ]);
  });

  it('11. Japanese verbs (作成, 修正) are read without warnings; Japanese prose in a fence is dropped', () => {
    const prp = shapes('japanese-verbs.md');
    assert.deepEqual(
      prp.tasks.map((t) => [t.label, t.title, t.files, t.actions.map((a) => a.verb)]),
      [
        ['タスク1', '作成 src/notify/settings.ts', ['src/notify/settings.ts'], ['作成']],
        ['タスク2', '修正 src/notify/index.ts', ['src/notify/index.ts'], ['修正']],
      ],
    );
    assert.deepEqual(levelsOf(prp), [
      [1, '構文とスタイル', ['npx eslint src/notify']],
      [2, 'ユニットテスト', ['npx vitest run test/notify']],
    ]);
    assert.deepEqual(warningTexts(prp), [notCommand(18, 'ブラウザで設定画面を開く', 'reads as text, not a command')]);
  });

  it('1+11. Korean: status marks (✅ 완료, 🔄) on task headings, verbs 생성/수정, Korean prose dropped from the fence', () => {
    const prp = shapes('korean-status.md');
    assert.deepEqual(tasksOf(prp), [
      ['작업 1', '설정 모델 생성', ['src/settings/model.rs'], 'done', 6],
      ['작업 2', '라우터 추가', ['src/settings/router.rs'], 'in_progress', 9],
      ['작업 3', '테스트 작성', ['tests/settings_test.rs'], 'pending', 13],
    ]);
    assert.deepEqual(levelsOf(prp), [
      [1, '린트', ['cargo clippy -- -D warnings']],
      [2, '테스트', ['cargo test settings']],
    ]);
    assert.deepEqual(warningTexts(prp), [notCommand(21, '브라우저에서 설정 화면을 연다', 'reads as text, not a command')]);
  });
});
