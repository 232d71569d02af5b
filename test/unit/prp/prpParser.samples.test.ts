import * as assert from 'node:assert/strict';
import { parseFixture, taskShape, warningTexts } from './fixtures';

describe('parsePrp on the sample PRPs', () => {
  describe('auth-api.md (v2: bare header, Task N: blocks with several actions)', () => {
    const prp = parseFixture('auth-api.md');

    it('reads the bare header and the title', () => {
      assert.equal(prp.title, 'JWT authentication for the notes API');
      assert.equal(prp.header.source, 'bare');
      assert.equal(prp.header.name, 'JWT authentication for the notes API');
      assert.deepEqual(prp.header.fields, { name: 'JWT authentication for the notes API', description: '' });
      assert.equal(prp.header.startLine, 1);
    });

    it('builds the section tree with line ranges', () => {
      assert.deepEqual(
        prp.sections.map((s) => [s.title, s.line, s.endLine, s.children.length]),
        [
          ['Purpose', 4, 6, 0],
          ['Core Principles', 7, 13, 0],
          ['Goal', 14, 16, 0],
          ['Why', 17, 20, 0],
          ['What', 21, 31, 1],
          ['All Needed Context', 32, 76, 4],
          ['Implementation Blueprint', 77, 135, 2],
          ['Validation Loop', 136, 158, 3],
          ['Final validation Checklist', 159, 167, 0],
          ['Anti-Patterns to Avoid', 168, 172, 0],
          ['Confidence Score: 8/10', 173, 174, 0],
        ],
      );
      assert.deepEqual(
        prp.sections[7].children.map((s) => [s.title, s.level, s.line]),
        [
          ['Level 1: Syntax & Style', 3, 138],
          ['Level 2: Unit Tests', 3, 145],
          ['Level 3: Integration Test', 3, 151],
        ],
      );
    });

    it('reads the seven tasks, with Task 6 holding two MODIFY actions', () => {
      assert.deepEqual(
        prp.tasks.map((t) => [t.label, t.title, t.files, t.line]),
        [
          ['Task 1', 'Create src/db/migrations/002_users.sql', ['src/db/migrations/002_users.sql'], 82],
          ['Task 2', 'Create src/config/auth.ts', ['src/config/auth.ts'], 88],
          ['Task 3', 'Create src/services/authService.ts', ['src/services/authService.ts'], 93],
          ['Task 4', 'Create src/middleware/requireAuth.ts', ['src/middleware/requireAuth.ts'], 99],
          ['Task 5', 'Create src/routes/auth.ts', ['src/routes/auth.ts'], 104],
          ['Task 6', 'Modify src/app.ts and src/services/noteService.ts', ['src/app.ts', 'src/services/noteService.ts'], 109],
          ['Task 7', 'Create test/auth.test.ts', ['test/auth.test.ts'], 119],
        ],
      );
      assert.deepEqual(taskShape(prp.tasks[5]), {
        label: 'Task 6',
        number: 6,
        title: 'Modify src/app.ts and src/services/noteService.ts',
        files: ['src/app.ts', 'src/services/noteService.ts'],
        line: 109,
        actions: [
          ['MODIFY', 'src/app.ts', ['FIND pattern: "app.use(\'/notes\'"', "INJECT before it: app.use('/auth', authRouter)", 'WRAP notes router with requireAuth']],
          ['MODIFY', 'src/services/noteService.ts', ['FILTER every query by user_id', 'PRESERVE existing method signatures, add userId as first parameter']],
        ],
        details: [],
      });
      assert.deepEqual(prp.tasks[5].actions.map((a) => a.line), [110, 115]);
    });

    it('does not mistake the pseudocode, gotchas or integration points for tasks', () => {
      assert.equal(prp.tasks.length, 7);
      assert.ok(prp.tasks.every((t) => t.actions.every((a) => a.verb === 'CREATE' || a.verb === 'MODIFY')));
    });

    it('reads the validation levels and their commands, joining continued lines', () => {
      assert.deepEqual(prp.validationLevels, [
        { level: 1, title: 'Syntax & Style', line: 138, commands: ['npx tsc --noEmit', 'npx eslint src test'] },
        { level: 2, title: 'Unit Tests', line: 145, commands: ['npx vitest run test/auth.test.ts'] },
        {
          level: 3,
          title: 'Integration Test',
          line: 151,
          commands: [
            'npm run dev &',
            `curl -s -X POST localhost:3000/auth/register -H 'content-type: application/json' -d '{"email":"a@example.com","password":"correct horse battery"}'`,
          ],
        },
      ]);
    });

    it('reads the success criteria and the final checklist with its commands', () => {
      assert.deepEqual(
        prp.successCriteria.map((c) => [c.text, c.checked, c.line]),
        [
          ['Register + login return 201/200 with tokens', false, 27],
          ['`/notes` without a token returns 401', false, 28],
          ["A user never sees another user's notes", false, 29],
          ['Refresh token reuse is detected and revokes the session', false, 30],
        ],
      );
      assert.deepEqual(prp.checklist, [
        { label: 'All tests pass', command: 'npx vitest run', checked: false, line: 160 },
        { label: 'No type errors', command: 'npx tsc --noEmit', checked: false, line: 161 },
        { label: 'No lint errors', command: 'npx eslint src test', checked: false, line: 162 },
        { label: 'Error cases return JSON errors without stack traces', checked: false, line: 163 },
        { label: '`.env.example` documents every new variable', checked: false, line: 164 },
      ]);
    });

    it('has nothing to warn about', () => {
      assert.deepEqual(warningTexts(prp), []);
      assert.equal(prp.lineCount, 174);
    });
  });

  describe('payment-webhooks.md (v3: Task N: VERB path with KEY: value bullets)', () => {
    const prp = parseFixture('payment-webhooks.md');

    it('reads the header with its indented description and the --- after it', () => {
      assert.equal(prp.header.source, 'bare');
      assert.equal(prp.header.description, 'Receive, verify and process payment provider webhooks with idempotency and a retrying background job.');
      assert.equal(prp.header.endLine, 5);
      assert.equal(prp.sections[0].title, 'Goal');
    });

    it('reads each task line as its action, the bullets as the action details', () => {
      assert.deepEqual(
        prp.tasks.map((t) => [t.label, t.title, t.files, t.line]),
        [
          ['Task 1', 'Create app/payments/models.py', ['app/payments/models.py'], 71],
          ['Task 2', 'Create app/payments/signature.py', ['app/payments/signature.py'], 76],
          ['Task 3', 'Create app/payments/routes.py', ['app/payments/routes.py'], 81],
          ['Task 4', 'Create app/payments/worker.py', ['app/payments/worker.py'], 85],
          ['Task 5', 'Modify app/main.py', ['app/main.py'], 90],
          ['Task 6', 'Create tests/payments/test_webhooks.py', ['tests/payments/test_webhooks.py'], 94],
        ],
      );
      assert.deepEqual(prp.tasks[0].actions[0].details, [
        'IMPLEMENT: PaymentEvent SQLAlchemy model and Alembic migration',
        'NAMING: table "payment_events"',
        'PLACEMENT: app/payments/',
      ]);
      assert.deepEqual(prp.tasks[4].actions[0].details, ['INTEGRATE: include payments router; register worker queue', 'PRESERVE: existing middleware order']);
    });

    it('reads four levels, skipping comments and the expected-output lines', () => {
      assert.deepEqual(
        prp.validationLevels.map((l) => [l.level, l.title, l.commands]),
        [
          [1, 'Syntax & Style (Immediate Feedback)', ['ruff check app/payments --fix', 'mypy app/payments']],
          [2, 'Unit Tests (Component Validation)', ['uv run pytest tests/payments -v']],
          [3, 'Integration Testing (System Validation)', ['docker compose up -d redis postgres', 'uv run python scripts/send_test_webhook.py --event payment_intent.succeeded --times 10']],
          [4, 'Creative & Domain-Specific Validation', ['uv run python scripts/chaos_kill_worker.py --during apply']],
        ],
      );
    });

    it('groups the checklist by its sub-headings', () => {
      assert.deepEqual(
        prp.checklist.map((c) => [c.group, c.label, c.command]),
        [
          ['Technical Validation', 'All tests pass', 'uv run pytest tests/ -v'],
          ['Technical Validation', 'No linting errors', 'ruff check app'],
          ['Technical Validation', 'No type errors', 'mypy app'],
          ['Feature Validation', 'Duplicate deliveries are idempotent', undefined],
          ['Feature Validation', 'Dead-lettered events are visible in the admin list', undefined],
        ],
      );
      assert.equal(prp.successCriteria.length, 3);
      assert.deepEqual(warningTexts(prp), []);
    });
  });
});
