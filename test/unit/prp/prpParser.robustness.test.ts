import * as assert from 'node:assert/strict';
import type { Prp } from '../../../src/core/prp/prp';
import { parsePrp } from '../../../src/core/prp/prpParser';
import { fixtureText } from './fixtures';

/** Small deterministic PRNG (mulberry32) so a failing case can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '```', '```yaml', '```bash', '~~~', '---', '# ', '## ', '### Level 1: ', '#### ', 'Task 1:', 'Task N -', 'タスク１：', '任務 2:',
  'CREATE ', 'MODIFY src/a.ts:', 'DONT x.toml:', 'RUN', '  - ', '- [ ] ', '- [x] ', '1. **', '**', '`', '`npm test`', ': ',
  'name: "x"', 'description: |', '  ', '\t', '\n', '\n', '\n', '\r\n', '\r', 'src/', '.py', '\\', "'", '"', '<<EOF', 'EOF', '🎯',
  '\u0000', '\uFEFF', '\uD800', 'Validation', 'Checklist', 'Implementation', '検証', 'レベル2', '|', '{', '[', ']', 'N', '0',
  'for f in *; do', 'done', 'if [ -f x ]; then', 'fi', 'case $1 in', 'esac', '$(', ')', '(', '"$x"', '&&', '||', ' ; ', '+++',
  'title = "x"', '### [x] Task 2: ', '✅ DONE', '(en progreso)', '#### Step 1.2: ', '### Phase 1: ', '1. ', '- ', 'Status', '任务清单',
  'CREAR ', '修改 ', 'app/(routes)/', '[id].tsx', 'FOLLOW pattern: ',
];

function assertSane(prp: Prp, lineCount: number): void {
  assert.equal(typeof prp.title, 'string');
  assert.ok(Array.isArray(prp.tasks) && Array.isArray(prp.warnings) && Array.isArray(prp.sections));
  for (const t of prp.tasks) {
    assert.ok(t.line >= 1 && t.line <= lineCount, `task line ${t.line} of ${lineCount}`);
    assert.equal(typeof t.title, 'string');
    assert.ok(t.title.length > 0);
    for (const a of t.actions) assert.ok(a.line >= t.line && a.line <= lineCount);
  }
  for (const l of prp.validationLevels) assert.ok(l.line >= 1 && l.line <= lineCount && Number.isFinite(l.level));
  for (const c of prp.checklist) assert.ok(c.line >= 1 && c.line <= lineCount);
  const walk = (sections: Prp['sections']): void => {
    for (const s of sections) {
      assert.ok(s.line >= 1 && s.line <= s.endLine && s.endLine <= lineCount, `section ${s.line}-${s.endLine} of ${lineCount}`);
      walk(s.children);
    }
  };
  walk(prp.sections);
  assert.ok(prp.warnings.length <= 201);
}

describe('parsePrp never throws', function () {
  // Big inputs on a busy machine: a generous limit, no timing assertion.
  this.timeout(120_000);

  it('on empty, blank and non-string input', () => {
    assert.deepEqual(parsePrp('').warnings, [{ message: 'The PRP is empty.' }]);
    assert.deepEqual(parsePrp(' \n\t\n').warnings, [{ message: 'The PRP is empty.' }]);
    for (const bad of [undefined, null, 42, {}, ['Task 1: CREATE a.py']] as unknown[]) {
      const prp = parsePrp(bad as string);
      assert.equal(typeof prp.title, 'string');
    }
  });

  it('on 500 random markdown-ish documents', () => {
    const next = rng(20240601);
    for (let n = 0; n < 500; n++) {
      const parts: string[] = [];
      const count = Math.floor(next() * 300);
      for (let k = 0; k < count; k++) {
        parts.push(next() < 0.8 ? PIECES[Math.floor(next() * PIECES.length)] : String.fromCharCode(Math.floor(next() * 0xffff)));
      }
      const text = parts.join('');
      const prp = parsePrp(text);
      assertSane(prp, Math.max(prp.lineCount, 1));
    }
  });

  it('on shuffled lines of the sample PRPs', () => {
    const next = rng(7);
    const lines = [...fixtureText('auth-api.md').split('\n'), ...fixtureText('payment-webhooks.md').split('\n')];
    for (let n = 0; n < 100; n++) {
      const shuffled = lines.filter(() => next() < 0.7).sort(() => next() - 0.5);
      const prp = parsePrp(shuffled.join('\n'));
      assertSane(prp, prp.lineCount);
    }
  });

  it('on binary input, with a warning', () => {
    const next = rng(99);
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
    const prp = parsePrp(bytes.toString('latin1'));
    assertSane(prp, prp.lineCount);
    assert.ok(prp.warnings.some((w) => /^The file looks binary \(\d+ control characters in its first \d+\); read what text it has\.$/.test(w.message)));
  });

  it('on huge inputs: a 5 MB single line, 200k fence markers, 100k headings, 20k tasks', () => {
    const oneLine = parsePrp(`Task 1: ${'x'.repeat(5_000_000)}`);
    assert.equal(oneLine.tasks.length, 1);
    assert.ok(oneLine.warnings.some((w) => /longer than 4000 characters/.test(w.message)));

    const fences = parsePrp('```\n## a\n'.repeat(100_000));
    assertSane(fences, fences.lineCount);

    const headings = parsePrp('## Validation Loop\n### Level 1: x\n'.repeat(50_000));
    assertSane(headings, headings.lineCount);
    assert.equal(headings.warnings.length, 201);

    const tasks = parsePrp(`## Tasks\n\`\`\`yaml\n${Array.from({ length: 20_000 }, (_, i) => `Task ${i + 1}:\nCREATE src/f${i}.ts:\n  - do it`).join('\n')}\n\`\`\`\n`);
    assert.equal(tasks.tasks.length, 20_000);
    assert.deepEqual(tasks.tasks[19_999].files, ['src/f19999.ts']);

    // Heading tasks, groups and build checks between them stay linear in the number of headings.
    const phases = parsePrp(
      `## Implementation\n${Array.from({ length: 5_000 }, (_, i) => `### Phase ${i + 1}: p\n#### Step ${i + 1}.1: s ✅\n- edit \`src/f${i}.ts\`\n### Validate build ${i}\n`).join('')}`,
    );
    assert.equal(phases.tasks.length, 5_000);
    assert.equal(phases.tasks[4_999].group, 'Phase 5000: p');
    assert.ok(phases.tasks.every((t) => t.status === 'done'));

    // A shell block where nothing ever closes: each start gives up after a bounded look-ahead.
    const quotes = parsePrp(`## Validation\n\`\`\`bash\n${'echo $(date\n'.repeat(5_000)}\`\`\`\n`);
    assert.equal(quotes.validationLevels.length, 0);
    assert.equal(quotes.warnings.length, 201);
  });

  it('on long runs of spaces, dots and colons (no runaway regexes)', () => {
    const nasty = [' '.repeat(4000), '.'.repeat(4000), ':'.repeat(4000), `Task 1:${' '.repeat(3990)}x`, `- [ ] a:${' '.repeat(3990)}\`npm test\` x`, `### ${'#'.repeat(3990)} x`];
    const prp = parsePrp(`## Final Checklist\n${nasty.join('\n')}\n`.repeat(50));
    assertSane(prp, prp.lineCount);
  });
});
