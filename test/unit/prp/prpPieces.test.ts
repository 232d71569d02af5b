import * as assert from 'node:assert/strict';
import { closestVerb, humanVerb, readActionLine } from '../../../src/core/prp/actionLine';
import { isCommandLike } from '../../../src/core/prp/shell/commandShape';
import { isPathLike, pathsInText } from '../../../src/core/prp/pathLike';
import { splitCommand } from '../../../src/core/prp/prpLists';
import { readLevelHeading } from '../../../src/core/prp/prpValidation';
import { headingKind, normalizeHeading } from '../../../src/core/prp/sectionKinds';

describe('PRP parser pieces', () => {
  it('reads action lines, correcting near-miss verbs', () => {
    assert.deepEqual(readActionLine('CREATE src/new_feature.py:'), { verb: 'CREATE', path: 'src/new_feature.py', text: 'src/new_feature.py' });
    assert.deepEqual(readActionLine('RUN full test suite'), { verb: 'RUN', path: '', text: 'full test suite' });
    assert.deepEqual(readActionLine('MODIFTY `src/app.ts`:'), { verb: 'MODIFY', writtenVerb: 'MODIFTY', path: 'src/app.ts', text: '`src/app.ts`' });
    assert.deepEqual(readActionLine('UDPATE ./pyproject.toml'), { verb: 'UPDATE', writtenVerb: 'UDPATE', path: 'pyproject.toml', text: './pyproject.toml' });
    assert.deepEqual(readActionLine('DONT pyproject.toml:'), { verb: 'DONT', path: 'pyproject.toml', text: 'pyproject.toml', unknownVerb: true });
    assert.equal(readActionLine('NOTE src/x.py is legacy'), undefined, 'unknown verb, no colon: prose');
    assert.equal(readActionLine('CRITICAL: app.ts registers the error handler last'), undefined);
    assert.equal(readActionLine('DATABASE:'), undefined);
    assert.equal(readActionLine('Create src/x.py'), undefined, 'verbs are upper-case');
    assert.equal(readActionLine('CREATE'), undefined);
    assert.equal(closestVerb('CRAETE'), 'CREATE');
    assert.equal(closestVerb('TETS'), 'TEST');
    assert.equal(closestVerb('DONT'), undefined);
    assert.equal(humanVerb('SETUP'), 'Set up');
    assert.equal(humanVerb('DONT'), 'DONT');
  });

  it('tells paths from words', () => {
    for (const p of ['src/auth.ts', 'pyproject.toml', '.env.example', 'app/payments/', 'Makefile', 'docs/README', 'a\\b.cs']) {
      assert.ok(isPathLike(p), p);
    }
    for (const w of ['e.g', 'req.user', 'v2.0', 'full', 'https://x.io/a', '1/2', '{id}', '...', '/', '-rf']) {
      assert.ok(!isPathLike(w), w);
    }
    assert.deepEqual(pathsInText('Add `src/models/` and src/x.ts, mirror (src/y.py). See https://a.io/b.ts and `npm test`.'), [
      'src/models/',
      'src/x.ts',
      'src/y.py',
    ]);
  });

  it('recognises commands and splits checklist items', () => {
    assert.ok(isCommandLike('npx vitest run'));
    assert.ok(isCommandLike('./scripts/check.sh'));
    assert.ok(!isCommandLike('/notes'));
    assert.ok(!isCommandLike('.env.example'));
    assert.deepEqual(splitCommand('All tests pass: `uv run pytest tests/ -v`'), { label: 'All tests pass', command: 'uv run pytest tests/ -v' });
    assert.deepEqual(splitCommand('**Lint** — `make lint`.'), { label: 'Lint', command: 'make lint' });
    assert.deepEqual(splitCommand('`npm test`'), { label: 'npm test', command: 'npm test' });
    assert.deepEqual(splitCommand('Then run `npm test`'), { label: 'Then run `npm test`', command: 'npm test' });
    assert.deepEqual(splitCommand('Manual check: `hurl api.hurl`'), { label: 'Manual check', command: 'hurl api.hurl' });
    assert.deepEqual(splitCommand('Error format: `{error: string}`'), { label: 'Error format: `{error: string}`' });
    assert.deepEqual(splitCommand('`.env.example` documents every new variable'), { label: '`.env.example` documents every new variable' });
  });

  it('reads level headings in several languages, emoji and full-width digits included', () => {
    assert.deepEqual(readLevelHeading('Level 2: Unit Tests'), { level: 2, title: 'Unit Tests' });
    assert.deepEqual(readLevelHeading('✅ Level 3 - Integration'), { level: 3, title: 'Integration' });
    assert.deepEqual(readLevelHeading('レベル１：構文とスタイル'), { level: 1, title: '構文とスタイル' });
    assert.deepEqual(readLevelHeading('Nivel 4'), { level: 4, title: 'Level 4' });
    assert.equal(readLevelHeading('Levels of caching'), undefined);
  });

  it('classifies headings', () => {
    assert.equal(normalizeHeading('📋 **1. Implementation Tasks**'), 'implementation tasks');
    assert.equal(headingKind('Final validation Checklist'), 'checklist');
    assert.equal(headingKind('Per task pseudocode as needed'), 'noise');
    assert.equal(headingKind('Implementation Patterns & Key Details'), 'noise');
    assert.equal(headingKind('list of tasks to be completed'), 'tasks');
    assert.equal(headingKind('検証ループ'), 'validation');
    assert.equal(headingKind('実装ブループリント'), 'tasks');
    assert.equal(headingKind('Success Criteria'), 'success');
    assert.equal(headingKind('Why'), 'other');
  });
});
