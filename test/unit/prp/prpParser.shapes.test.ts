import * as assert from 'node:assert/strict';
import { parsePrp } from '../../../src/core/prp/prpParser';
import { parseFixture, taskShape, warningTexts } from './fixtures';

describe('parsePrp on messy PRP shapes', () => {
  it('v2: several actions per task, a dashed task name, verb typos, bare lines, Task N, pseudocode ignored', () => {
    const prp = parseFixture('v2-several-actions.md');
    assert.equal(prp.title, 'Replace OldImplementation with the new feature');
    assert.equal(prp.header.description, 'Swap the old implementation for the new one and remove dead helpers.');
    assert.deepEqual(prp.tasks.map(taskShape), [
      {
        label: 'Task 1',
        number: 1,
        title: 'Modify src/existing_module.py, create src/new_feature.py',
        files: ['src/existing_module.py', 'src/new_feature.py'],
        line: 14,
        actions: [
          ['MODIFY', 'src/existing_module.py', ['FIND pattern: "class OldImplementation"', 'INJECT after line containing "def __init__"', 'PRESERVE existing method signatures']],
          ['CREATE', 'src/new_feature.py', ['MIRROR pattern from: src/similar_feature.py', 'MODIFY class name and core logic']],
        ],
        details: [],
      },
      {
        label: 'Task 2',
        number: 2,
        title: 'Setup UV and pytest',
        files: ['pyproject.toml', 'tests/conftest.py'],
        line: 24,
        actions: [
          ['UPDATE', 'pyproject.toml', ['ADD pytest and pytest-cov to dev dependencies']],
          ['DONT', 'pyproject.toml', ['touch the build backend']],
          ['CREATE', 'tests/conftest.py', ['ADD shared fixtures']],
        ],
        details: [],
      },
      {
        label: 'Task 3',
        number: 3,
        title: 'Delete src/utils.py, run full test suite',
        files: ['src/utils.py'],
        line: 32,
        actions: [
          ['DELETE', 'src/utils.py', []],
          ['RUN', '', []],
        ],
        details: [],
      },
      { label: 'Task N', number: undefined, title: '...(...)', files: [], line: 36, actions: [], details: ['...(...)'] },
    ]);
    assert.equal(prp.tasks[2].actions[1].text, 'full test suite');
    assert.deepEqual(prp.validationLevels, [
      { level: 1, title: 'Syntax & Style', line: 50, commands: ['ruff check src/ --fix', 'mypy src/'] },
      { level: 2, title: 'Unit Tests', line: 57, commands: ['uv run pytest test_new_feature.py -v'] },
    ]);
    // A verb we do not list (`DONT`, `CREAR`, `修改`) is read from its shape, without a warning.
    assert.deepEqual(warningTexts(prp), ['Line 29: read verb "CRAETE" as CREATE.']);
  });

  it('bare action lines without any Task header are one task each', () => {
    const prp = parseFixture('bare-actions.md');
    assert.deepEqual(prp.tasks.map(taskShape), [
      {
        label: 'CREATE',
        number: undefined,
        title: 'Create src/cache/redis_client.py',
        files: ['src/cache/redis_client.py'],
        line: 7,
        actions: [['CREATE', 'src/cache/redis_client.py', ['MIRROR pattern from: src/db/client.py', 'READ REDIS_URL from settings']]],
        details: [],
      },
      {
        label: 'MODIFY',
        number: undefined,
        title: 'Modify src/services/products.py',
        files: ['src/services/products.py'],
        line: 10,
        actions: [['MODIFY', 'src/services/products.py', ['WRAP get_product with a cache lookup']]],
        details: [],
      },
      { label: 'DELETE', number: undefined, title: 'Delete src/utils.py', files: ['src/utils.py'], line: 12, actions: [['DELETE', 'src/utils.py', []]], details: [] },
      { label: 'RUN', number: undefined, title: 'Run full test suite', files: [], line: 13, actions: [['RUN', '', []]], details: [] },
    ]);
    assert.deepEqual(prp.validationLevels, [{ level: 1, title: 'Validation Gates', line: 16, commands: ['uv run pytest tests/ -q'] }]);
    assert.deepEqual(warningTexts(prp), []);
  });

  it('heading tasks with checkbox steps, a checkbox action, a sub-heading, a "validation" word in a task name', () => {
    const prp = parseFixture('heading-tasks.md');
    assert.deepEqual(prp.tasks.map(taskShape), [
      {
        label: 'Task 1',
        number: 1,
        title: 'Create the user model',
        files: ['src/models/user.ts', 'src/models/index.ts'],
        line: 7,
        actions: [],
        details: ['Add `src/models/user.ts` with id, email and passwordHash', 'Export it from `src/models/index.ts`'],
      },
      {
        label: 'Task 2',
        number: 2,
        title: 'Add the login route',
        files: ['src/routes/login.ts'],
        line: 11,
        actions: [['CREATE', 'src/routes/login.ts', []]],
        details: ['Write tests in test/login.test.ts', 'Use bcrypt with cost 12.'],
      },
      {
        label: 'Task 3',
        number: 3,
        title: 'Update validation messages',
        files: ['src/i18n/en.json'],
        line: 18,
        actions: [],
        details: ['Reword the errors in `src/i18n/en.json`'],
      },
    ]);
    assert.deepEqual(prp.validationLevels, [{ level: 1, title: 'Tests', line: 23, commands: ['npm test'] }]);
    assert.deepEqual(warningTexts(prp), []);
  });

  it('numbered bold phases under the implementation heading (not the ones under Core Principles)', () => {
    const prp = parseFixture('numbered-phases.md');
    assert.deepEqual(prp.tasks.map(taskShape), [
      {
        label: '1.',
        number: 1,
        title: 'Create data models',
        files: ['src/models/order.ts'],
        line: 10,
        actions: [],
        details: ['`src/models/order.ts` with Order and LineItem', 'use zod schemas'],
      },
      {
        label: '2.',
        number: 2,
        title: 'Add the repository',
        files: ['src/repos/orderRepo.ts', 'src/repos/userRepo.ts'],
        line: 12,
        actions: [],
        details: ['`src/repos/orderRepo.ts`, mirroring `src/repos/userRepo.ts`'],
      },
      { label: '3.', number: 3, title: 'Wire the routes', files: [], line: 14, actions: [], details: ['POST /orders and GET /orders/:id'] },
    ]);
    assert.deepEqual(warningTexts(prp), []);
  });

  it('Japanese: front matter, タスク1: / full-width タスク２：, translated validation and checklist headings', () => {
    const prp = parseFixture('japanese-tasks.md');
    assert.equal(prp.title, '通知サービス');
    assert.equal(prp.header.source, 'frontMatter');
    assert.deepEqual(prp.header.fields, { name: '通知サービス', description: 'ユーザーにメール通知を送る', tags: 'notify, email' });
    assert.deepEqual(prp.tasks.map(taskShape), [
      { label: 'タスク1', number: 1, title: 'Create src/notify/model.ts', files: ['src/notify/model.ts'], line: 14, actions: [['CREATE', 'src/notify/model.ts', ['IMPLEMENT: 通知モデル']]], details: [] },
      { label: 'タスク2', number: 2, title: '通知の送信処理を実装', files: ['src/notify/service.ts'], line: 16, actions: [['MODIFY', 'src/notify/service.ts', ['ADD send()']]], details: [] },
    ]);
    assert.deepEqual(prp.validationLevels, [
      { level: 1, title: '構文とスタイル', line: 23, commands: ['npx tsc --noEmit'] },
      { level: 2, title: 'ユニットテスト', line: 28, commands: ['npx vitest run test/notify.test.ts'] },
    ]);
    assert.deepEqual(prp.checklist, [
      { label: 'すべてのテストが通る', command: 'npx vitest run', checked: false, line: 37 },
      { label: '型エラーがない', checked: false, line: 38 },
    ]);
    assert.deepEqual(warningTexts(prp), []);
  });

  it('Chinese: 任務 N: entries outside a fence, validation written as prose', () => {
    const prp = parseFixture('chinese-prose-validation.md');
    assert.equal(prp.title, '訂單匯出');
    assert.equal(prp.header.source, 'none');
    assert.deepEqual(prp.tasks.map(taskShape), [
      { label: '任務 1', number: 1, title: '建立匯出服務 `src/export/service.ts`', files: ['src/export/service.ts'], line: 4, actions: [], details: [] },
      { label: '任務 2', number: 2, title: '新增 CSV 路由', files: ['src/routes/export.ts'], line: 5, actions: [['CREATE', 'src/routes/export.ts', []]], details: [] },
    ]);
    assert.deepEqual(prp.validationLevels, [{ level: 1, title: '驗證', line: 8, commands: ['npm test', 'npm run lint'] }]);
    assert.deepEqual(warningTexts(prp), ['Validation at line 8 is written as prose; read 2 commands from back-ticked text.']);
  });

  it('an unclosed task-list fence ends before the next heading, so validation is still read', () => {
    const prp = parseFixture('unclosed-fence.md');
    assert.deepEqual(
      prp.tasks.map((t) => [t.label, t.title, t.files, t.actions.map((a) => a.details)]),
      [
        ['Task 1', 'Create src/middleware/rateLimit.ts', ['src/middleware/rateLimit.ts'], [['IMPLEMENT a fixed window per IP']]],
        ['Task 2', 'Modify src/routes/auth.ts', ['src/routes/auth.ts'], [['WRAP login with rateLimit']]],
      ],
    );
    assert.deepEqual(prp.validationLevels, [
      { level: 1, title: 'Lint', line: 18, commands: ['npx eslint src'] },
      { level: 2, title: 'Tests', line: 23, commands: ['npx vitest run'] },
    ]);
    assert.deepEqual(prp.warnings, [{ line: 7, message: 'Code fence opened at line 7 is never closed; read it as ending before line 16.' }]);
  });

  it('duplicated sections: copy-pasted tasks and levels are read once, a clashing level is kept and reported', () => {
    const prp = parseFixture('duplicated-sections.md');
    assert.deepEqual(prp.tasks.map((t) => [t.label, t.title, t.line]), [
      ['Task 1', 'Create src/audit/log.ts', 7],
      ['Task 2', 'Modify src/db/schema.sql', 11],
    ]);
    assert.deepEqual(prp.validationLevels.map((l) => [l.level, l.title, l.line, l.commands]), [
      [1, 'Lint', 30, ['npm run lint']],
      [2, 'Unit Tests', 42, ['npm test -- audit']],
      [2, 'Integration', 47, ['npm run test:integration']],
    ]);
    assert.deepEqual(warningTexts(prp), [
      'Section "Implementation Blueprint" appears twice (lines 4 and 16).',
      'Task 1 at line 19 repeats the one at line 7; read once.',
      'Task 2 at line 23 repeats the one at line 11; read once.',
      'Section "Validation Loop" appears twice (lines 28 and 35).',
      'Level 1 at line 37 repeats the one at line 30; read once.',
      'Two validation levels are numbered 2 (lines 42 and 47); kept both.',
    ]);
  });

  it('no header at all: v3 tasks under "## Tasks", untitled, a warning for the missing validation', () => {
    const prp = parseFixture('no-header.md');
    assert.equal(prp.title, 'Untitled PRP');
    assert.deepEqual(prp.header, { source: 'none', fields: {} });
    assert.deepEqual(prp.tasks.map(taskShape), [
      { label: 'Task 1', number: 1, title: 'Create src/routes/health.ts', files: ['src/routes/health.ts'], line: 5, actions: [['CREATE', 'src/routes/health.ts', ['RETURN {status: "ok"} with 200']]], details: [] },
      { label: 'Task 2', number: 2, title: 'Modify src/app.ts', files: ['src/app.ts'], line: 7, actions: [['MODIFY', 'src/app.ts', ['MOUNT the health router before auth']]], details: [] },
    ]);
    assert.deepEqual(warningTexts(prp), ['No validation levels found (looked for a "Validation" section and "Level N" headings).']);
  });

  it('real --- front matter (folded description, extra fields) and emoji headings', () => {
    const prp = parseFixture('emoji-front-matter.md');
    assert.equal(prp.title, 'Webhook retries');
    assert.deepEqual(prp.header, {
      source: 'frontMatter',
      name: 'Webhook retries',
      description: 'Retry failed outgoing webhooks with backoff.',
      fields: { name: 'Webhook retries', description: 'Retry failed outgoing webhooks with backoff.', owner: 'payments-team', priority: '2' },
      startLine: 1,
      endLine: 7,
    });
    assert.deepEqual(prp.sections.map((s) => s.title), ['🚀 Webhook retries']);
    assert.deepEqual(prp.sections[0].children.map((s) => s.title), ['🎯 Goal', '📋 Implementation Tasks (ordered by dependencies)', '✅ Validation Loop', '☑️ Final Validation Checklist']);
    assert.deepEqual(prp.tasks.map((t) => [t.label, t.title, t.files]), [
      ['Task 1', 'Create src/webhooks/retryPolicy.ts', ['src/webhooks/retryPolicy.ts']],
      ['Task 2', 'Modify src/webhooks/sender.ts', ['src/webhooks/sender.ts']],
    ]);
    assert.deepEqual(prp.validationLevels, [{ level: 1, title: 'Unit tests', line: 27, commands: ['npx jest src/webhooks'] }]);
    assert.deepEqual(prp.checklist, [
      { label: 'Tests pass', command: 'npx jest', checked: false, line: 33 },
      { label: 'Backoff documented in `docs/webhooks.md`', checked: true, line: 34 },
    ]);
    assert.deepEqual(warningTexts(prp), []);
  });

  it('a PRP with no readable tasks: sections only, prose validation, and a warning', () => {
    const prp = parseFixture('prose-no-tasks.md');
    assert.equal(prp.title, 'Dark mode');
    assert.deepEqual(prp.tasks, []);
    assert.deepEqual(prp.validationLevels, [{ level: 1, title: 'Validation', line: 11, commands: ['npm test', 'npm run lint'] }]);
    assert.deepEqual(warningTexts(prp), [
      'Validation at line 11 is written as prose; read 2 commands from back-ticked text.',
      'No implementation tasks found (looked for "Task N:" entries, "CREATE path" action lines, and numbered steps under an implementation heading).',
    ]);
  });

  describe('small shapes', () => {
    const tasksOf = (text: string): unknown[] => parsePrp(text).tasks.map((t) => [t.label, t.title, t.files]);

    it('bold task labels, em dashes and CRLF line endings', () => {
      const text = ['## Tasks', '**Task 1**: Create the client', '- **Task 2 — Wire it up**', 'Task 3 – Add `src/x.ts`:'].join('\r\n');
      assert.deepEqual(tasksOf(text), [
        ['Task 1', 'Create the client', []],
        ['Task 2', 'Wire it up', []],
        ['Task 3', 'Add `src/x.ts`', ['src/x.ts']],
      ]);
    });

    it('Phase N / Schritt N headings and 步骤1： lines in an implementation section', () => {
      assert.deepEqual(tasksOf('## Implementation\n### Phase 1: Setup\n- add `Makefile`\n### Phase 2: Ship it\n'), [
        ['Phase 1', 'Setup', ['Makefile']],
        ['Phase 2', 'Ship it', []],
      ]);
      assert.deepEqual(tasksOf('## 实现\n步骤1：创建模型 src/model.py\n步骤2：添加路由\n'), [
        ['步骤1', '创建模型 src/model.py', ['src/model.py']],
        ['步骤2', '添加路由', []],
      ]);
    });

    it('a plain numbered list in an implementation section is the last resort', () => {
      assert.deepEqual(tasksOf('## Implementation Steps\n1. Add the table\n   - with an index\n2. Expose `GET /items`\n'), [
        ['1.', 'Add the table', []],
        ['2.', 'Expose `GET /items`', []],
      ]);
    });

    it('Task lines in pseudocode fences and anti-pattern sections are not tasks', () => {
      const text = '## Tasks\nTask 1: CREATE a.py\n### Per task pseudocode\nTask 9: not me\n```python\n# Task 8: nor me\n```\n## Anti-Patterns\n- Task 7: never\n';
      assert.deepEqual(tasksOf(text), [['Task 1', 'Create a.py', ['a.py']]]);
    });

    it('two different tasks with one number are both kept, with a warning', () => {
      const prp = parsePrp('## Tasks\nTask 1: CREATE a.py\nTask 1: CREATE b.py\n');
      assert.deepEqual(prp.tasks.map((t) => t.title), ['Create a.py', 'Create b.py']);
      assert.ok(warningTexts(prp).includes('Two tasks are labelled "Task 1" (lines 2 and 3); kept both.'));
    });

    it('an unclosed fence at the end of the file, a level without commands, an empty task', () => {
      const prp = parsePrp('## Tasks\nTask 1:\n## Validation Loop\n### Level 1: Manual\nLook at it.\n```bash\nnpm test\n');
      assert.deepEqual(prp.tasks.map((t) => t.title), ['Task 1']);
      assert.deepEqual(prp.validationLevels.map((l) => l.commands), [['npm test']]);
      assert.deepEqual(warningTexts(prp), [
        'Task 1 (line 2) has no content.',
        'Code fence opened at line 6 is never closed; the rest of the file was read as code.',
      ]);
    });

    it('levels without headings: sub-sections with command blocks become levels', () => {
      const prp = parsePrp('## Validation Commands\n### Lint\n```sh\n$ npm run lint\nok\n```\n### 2. Tests\n```\nnpm test\n```\n');
      assert.deepEqual(prp.validationLevels.map((l) => [l.level, l.title, l.commands]), [
        [1, 'Lint', ['npm run lint']],
        [2, '2. Tests', ['npm test']],
      ]);
    });

    it('heredocs stay one command', () => {
      const prp = parsePrp("### Level 1: Seed\n```bash\ncat > seed.sql <<'EOF'\ninsert into t values (1); # not a comment\nEOF\npsql -f seed.sql\n```\n");
      assert.deepEqual(prp.validationLevels[0].commands, ["cat > seed.sql <<'EOF'\ninsert into t values (1); # not a comment\nEOF", 'psql -f seed.sql']);
    });

    it('front matter that is not valid YAML falls back to key: value lines', () => {
      const prp = parsePrp('---\nname: Bad: yaml: here\ndescription: [unclosed\n---\n# Title\n');
      assert.equal(prp.header.source, 'frontMatter');
      assert.equal(prp.header.fields.description, '[unclosed');
      assert.equal(prp.title, 'Bad: yaml: here');
      assert.match(warningTexts(prp)[0], /^Header at line 2 is not valid YAML \(.+\); read its "key: value" lines\.$/);
    });

    it('front matter that is never closed is read as a bare header', () => {
      const prp = parsePrp('---\nname: Open\ndescription: never closed\n\n## Goal\nx\n');
      assert.equal(prp.header.source, 'bare');
      assert.equal(prp.title, 'Open');
      assert.deepEqual(prp.sections.map((s) => s.title), ['Goal']);
      assert.ok(warningTexts(prp).includes('Front matter opened at line 1 is never closed.'));
    });

    it('a leading --- that is just a rule is not front matter', () => {
      const prp = parsePrp('---\n## Goal\nx\n---\n');
      assert.equal(prp.header.source, 'none');
      assert.deepEqual(prp.sections.map((s) => s.title), ['Goal']);
    });

    it('a # Title above the bare header is the title when there is no name', () => {
      const prp = parsePrp('# Payments\ndescription: take money\n\n## Goal\n');
      assert.equal(prp.title, 'Payments');
      assert.equal(prp.header.description, 'take money');
    });
  });
});
