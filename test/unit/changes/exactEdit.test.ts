// applyExactEdit: uniqueness counts overlapping matches, and an edit keeps the file's line-ending style.
import * as assert from 'node:assert/strict';
import { applyExactEdit } from '../../../src/core/changes/exactEdit';

describe('applyExactEdit', () => {
  describe('uniqueness', () => {
    it('refuses an old_string that occurs twice overlapping, naming both lines', () => {
      const result = applyExactEdit('a.ts', '}\n}\n}\n', '}\n}', '}', false);
      assert.ok(!result.ok, 'an overlapping second match is not unique');
      assert.match(result.error, /occurs 2 times in a\.ts \(lines 1, 2\)/);
    });

    it('refuses replace_all when the matches overlap, since "every occurrence" has no single meaning', () => {
      const result = applyExactEdit('a.ts', 'aaa', 'aa', 'b', true);
      assert.ok(!result.ok);
      assert.match(result.error, /overlap/);
    });

    it('still replaces a unique match and every separate match with replace_all', () => {
      assert.deepEqual(applyExactEdit('a.ts', 'x }\n}\n', '}\n}', '};', false), { ok: true, content: 'x };\n', replacements: 1 });
      assert.deepEqual(applyExactEdit('a.ts', 'ab ab ab', 'ab', 'c', true), { ok: true, content: 'c c c', replacements: 3 });
    });
  });

  describe('line endings', () => {
    it('keeps CRLF when old_string has CRLF and new_string bare LF', () => {
      const result = applyExactEdit('win.txt', 'one\r\ntwo\r\nthree\r\n', 'one\r\ntwo', 'uno\ndos\ntres', false);
      assert.ok(result.ok);
      assert.equal(result.content, 'uno\r\ndos\r\ntres\r\nthree\r\n');
      assert.match(result.note ?? '', /CRLF/);
    });

    it('keeps CRLF when new_string mixes both endings', () => {
      const result = applyExactEdit('win.txt', 'a\r\nb\r\n', 'a', 'x\r\ny\nz', false);
      assert.ok(result.ok);
      assert.equal(result.content, 'x\r\ny\r\nz\r\nb\r\n');
    });

    it('keeps LF in an LF file when new_string brings CRLF', () => {
      const result = applyExactEdit('unix.txt', 'a\nb\n', 'a', 'x\r\ny', false);
      assert.ok(result.ok);
      assert.equal(result.content, 'x\ny\nb\n');
      assert.match(result.note ?? '', /LF/);
    });

    it('leaves a file with mixed endings, or none, as the model wrote it', () => {
      const mixed = applyExactEdit('m.txt', 'a\r\nb\nc', 'b', 'x\r\ny', false);
      assert.ok(mixed.ok);
      assert.equal(mixed.content, 'a\r\nx\r\ny\nc');
      const oneLine = applyExactEdit('o.txt', 'abc', 'b', 'x\r\ny', false);
      assert.ok(oneLine.ok);
      assert.equal(oneLine.content, 'ax\r\nyc');
    });
  });
});
