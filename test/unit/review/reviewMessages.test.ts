import assert from 'node:assert/strict';
import { describePaths, discardQuestion, emptyReviewResult, reviewSummary, staleMessage } from '../../../src/vscode/review/reviewMessages';

describe('review messages', () => {
  it('stale warning names the file, or counts and lists them', () => {
    assert.equal(staleMessage(['src/app.ts']), 'src/app.ts changed since the agent edited it; not applied.');
    assert.equal(
      staleMessage(['a', 'b', 'c', 'd', 'e']),
      '5 files changed since the agent edited them (a, b, c +2 more); not applied.',
    );
  });

  it('summaries say what was applied and what is still pending', () => {
    assert.equal(reviewSummary({ ...emptyReviewResult(), applied: ['a', 'b'] }), 'Applied 2 changes.');
    assert.equal(reviewSummary({ ...emptyReviewResult(), skipped: ['a'] }), 'No changes applied; 1 change still pending.');
    assert.equal(
      reviewSummary({ ...emptyReviewResult(), applied: ['a'], skipped: ['b', 'c'], partial: ['c'], stale: ['d'] }),
      'Applied 1 of 3 changes. Still pending: b. Partly applied, the rest still pending: c. 1 stale (changed since the agent edited them).',
    );
    assert.equal(reviewSummary({ ...emptyReviewResult(), stale: ['d'] }), 'Nothing was reviewed. 1 stale (changed since the agent edited them).');
  });

  it('discard question and path lists', () => {
    assert.equal(discardQuestion(1), 'Discard 1 pending change?');
    assert.equal(discardQuestion(3), 'Discard 3 pending changes?');
    assert.equal(describePaths(['a', 'b']), 'a, b');
  });
});
