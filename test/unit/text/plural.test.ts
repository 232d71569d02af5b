// Counts in words: the singular for exactly one, the plural for everything else.
import * as assert from 'node:assert/strict';
import { counted } from '../../../src/core/text/plural';

describe('counted', () => {
  it('writes the singular for one and the plural for none and for many', () => {
    assert.equal(counted(1, 'change'), '1 change');
    assert.equal(counted(2, 'change'), '2 changes');
    assert.equal(counted(0, 'change'), '0 changes');
    assert.equal(counted(15, 'task'), '15 tasks');
  });

  it('takes an irregular plural, also with words after the noun', () => {
    assert.equal(counted(1, 'entry', 'entries'), '1 entry');
    assert.equal(counted(3, 'entry', 'entries'), '3 entries');
    assert.equal(counted(1, 'change is', 'changes are'), '1 change is');
    assert.equal(counted(4, 'change is', 'changes are'), '4 changes are');
  });
});
