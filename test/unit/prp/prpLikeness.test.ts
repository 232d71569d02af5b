import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksLikePrp } from '../../../src/core/prp/prpLikeness';
import { FIXTURES, fixtureText } from './fixtures';

describe('looksLikePrp (the warm-up sign that a PRP is open)', () => {
  it('knows the PRP fixtures by their headings or task lists, wherever they are', () => {
    const names = fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.md'));
    const missed = names.filter((name) => !looksLikePrp(`docs/${name}`, fixtureText(name)));
    // Prose only, without a task list or template headings; in a PRPs folder it counts (next test).
    assert.deepEqual(missed, ['prose-no-tasks.md']);
  });

  it('takes any markdown in a PRPs folder, and no README or notes elsewhere', () => {
    assert.equal(looksLikePrp('/work/app/PRPs/anything.md', '# Notes'), true);
    assert.equal(looksLikePrp('C:\\repo\\prps\\x.md', ''), true);
    const readme = fs.readFileSync(path.join(FIXTURES, '..', 'workspace', 'README.md'), 'utf8');
    assert.equal(looksLikePrp('/work/app/README.md', readme), false);
    assert.equal(looksLikePrp('/work/app/CHANGELOG.md', '# Changelog\n\n## 1.2.0\n- Task runner: faster\n'), false);
    assert.equal(looksLikePrp('/work/app/notes/prpsx.md', '# Notes'), false);
  });

  it('finds a Task line or a template heading, and looks only at the head of a huge file', () => {
    assert.equal(looksLikePrp('spec.md', '# Feature\n\n```yaml\nTask 1:\nCREATE src/a.ts\n```\n'), true);
    assert.equal(looksLikePrp('spec.md', '# Feature\n\n## Validation Loop\n\n### Level 1\n'), true);
    assert.equal(looksLikePrp('spec.md', '## 実装\n\nタスク１：モデルを作る\n'), true);
    assert.equal(looksLikePrp('spec.md', `${'filler line\n'.repeat(10_000)}## Implementation Blueprint\n`), false);
  });
});
