import assert from 'node:assert/strict';
import { applyTextEdits, isPartialApplication, minimalTextEdits, sameText, type TextReplacement } from '../../../src/core/changes/minimalEdits';

const lines = (...l: string[]): string => l.join('\n');

/** Applies line/character replacements the way an editor would: over the text split into lines. */
function applyByPosition(base: string, edits: readonly TextReplacement[]): string {
  const starts = [0];
  for (let i = 0; i < base.length; i++) {
    if (base[i] === '\r' && base[i + 1] === '\n') i++;
    if (base[i] === '\n' || base[i] === '\r') starts.push(i + 1);
  }
  const offset = (p: { line: number; character: number }): number => (starts[p.line] ?? base.length) + p.character;
  let out = base;
  for (const e of [...edits].reverse()) out = out.slice(0, offset(e.start)) + e.text + out.slice(offset(e.end));
  return out;
}

describe('minimalTextEdits', () => {
  const BASE = lines('import a', 'import b', '', 'function f() {', '  return 1;', '}', '', 'export { f };', '');

  it('returns nothing for equal texts', () => {
    assert.deepEqual(minimalTextEdits(BASE, BASE), []);
  });

  it('replaces only the changed line, not the file', () => {
    const next = BASE.replace('  return 1;', '  return 2;');
    const edits = minimalTextEdits(BASE, next);
    assert.equal(edits.length, 1);
    assert.deepEqual(edits[0]?.start, { line: 4, character: 0 });
    assert.deepEqual(edits[0]?.end, { line: 5, character: 0 });
    assert.equal(edits[0]?.text, '  return 2;\n');
    assert.equal(applyTextEdits(BASE, edits), next);
    assert.equal(applyByPosition(BASE, edits), next);
  });

  it('keeps separate hunks separate (an insertion, a deletion and a change)', () => {
    const next = lines('import a', 'import b', 'import c', '', 'function f() {', '  return 2;', '}', '', '');
    const edits = minimalTextEdits(BASE, next);
    assert.equal(edits.length, 3);
    // the insertion is an empty range
    assert.deepEqual(edits[0]?.start, edits[0]?.end);
    assert.equal(edits[0]?.text, 'import c\n');
    // the deletion replaces lines with nothing
    assert.equal(edits[2]?.text, '');
    assert.equal(applyTextEdits(BASE, edits), next);
    assert.equal(applyByPosition(BASE, edits), next);
  });

  it('handles a missing final newline on either side', () => {
    for (const [a, b] of [
      ['a\nb', 'a\nb\n'],
      ['a\nb\n', 'a\nb'],
      ['a\nb', 'a\nc'],
      ['', 'x\n'],
      ['x\n', ''],
    ] as const) {
      const edits = minimalTextEdits(a, b);
      assert.equal(applyTextEdits(a, edits), b, JSON.stringify([a, b]));
      assert.equal(applyByPosition(a, edits), b, JSON.stringify([a, b]));
    }
  });

  it('counts CRLF and lone CR as one line break each, like VS Code', () => {
    const base = 'one\r\ntwo\r\nthree\r\n';
    const next = 'one\r\n2\r\nthree\r\n';
    const edits = minimalTextEdits(base, next);
    assert.equal(edits.length, 1);
    assert.deepEqual(edits[0]?.start, { line: 1, character: 0 });
    assert.deepEqual(edits[0]?.end, { line: 2, character: 0 });
    const mac = 'a\rb\nc\n';
    const macNext = 'a\rb\nC\n';
    const macEdits = minimalTextEdits(mac, macNext);
    assert.deepEqual(macEdits[0]?.start, { line: 2, character: 0 });
    assert.equal(applyByPosition(mac, macEdits), macNext);
  });

  it('round-trips random edits of a longer file', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const base = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n') + '\n';
    for (let round = 0; round < 30; round++) {
      const out = base.split('\n');
      for (let k = 0; k < 8; k++) {
        const at = rand(out.length);
        const op = rand(3);
        if (op === 0) out.splice(at, 1);
        else if (op === 1) out.splice(at, 0, `new ${round}.${k}`);
        else out[at] = `changed ${round}.${k}`;
      }
      const next = out.join('\n');
      const edits = minimalTextEdits(base, next);
      assert.equal(applyTextEdits(base, edits), next);
      assert.equal(applyByPosition(base, edits), next);
      assert.ok(edits.length <= 8, `${edits.length} hunks for 8 line edits`);
    }
  });

  it('falls back to one middle replacement when the diff is too large', () => {
    const base = Array.from({ length: 6000 }, (_, i) => `a${i}`).join('\n') + '\nend\n';
    const next = 'head\n' + Array.from({ length: 6000 }, (_, i) => `b${i}`).join('\n') + '\nend\n';
    const edits = minimalTextEdits(base, next);
    assert.equal(applyTextEdits(base, edits), next);
    assert.equal(applyByPosition(base, edits), next);
    assert.equal(edits.length, 1);
    assert.ok(edits[0]?.text.endsWith('b5999\n'), 'the common last line is kept out of the replacement');
  });
});

describe('isPartialApplication', () => {
  const base = lines('a', 'b', 'c', 'd', 'e', '');
  const content = lines('a', 'B', 'c', 'd', 'E', 'f', '');

  it('is true when some hunks but not all were applied', () => {
    assert.equal(isPartialApplication(base, content, lines('a', 'B', 'c', 'd', 'e', '')), true);
    assert.equal(isPartialApplication(base, content, lines('a', 'b', 'c', 'd', 'E', 'f', '')), true);
  });

  it('is false for none, all, or an unrelated edit', () => {
    assert.equal(isPartialApplication(base, content, base), false);
    assert.equal(isPartialApplication(base, content, content), false);
    assert.equal(isPartialApplication(base, content, lines('a', 'X', 'c', 'd', 'e', '')), false);
    assert.equal(isPartialApplication(base, content, lines('a', 'B', 'c', 'd', 'e', 'user line', '')), false);
  });

  it('ignores line-ending differences the editor introduced', () => {
    assert.equal(isPartialApplication(base, content, 'a\r\nB\r\nc\r\nd\r\ne\r\n'), true);
  });
});

describe('sameText', () => {
  it('treats CRLF and LF as equal, nothing else', () => {
    assert.equal(sameText('a\r\nb\n', 'a\nb\n'), true);
    assert.equal(sameText('a\nb', 'a\nb\n'), false);
    assert.equal(sameText('a b', 'a  b'), false);
  });
});
