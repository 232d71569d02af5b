// Validation gates after a run, in the real host: `@dev-backend /implement` on the gates project (fake Anthropic
// server, scripted model) runs the PRP's levels once the todos are done; Level 2 fails, the fix round stages an edit,
// the re-run passes; the tree shows the gates passed and the Refactor Preview says validated; nothing reaches the
// disk until Apply.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DevBackendApi, FinishedRun } from '../../src/vscode/api';
import type { ReviewResult } from '../../src/vscode/review';
import { implementerThatFixes, SUM_FIX } from '../fakes/gateFixer';
import { getFakeLm, selectFakeModel } from './fakeLm';
import { addGatesProject, GATES_PRP, gateItems } from './gatesHarness';
import {
  answerGatesWith,
  changedSince,
  devBackend,
  FakeApi,
  nextFinishedRun,
  resetRunState,
  restoreWorkspace,
  reviewAndApplyAll,
  sendChat,
  sleep,
  snapshotWorkspace,
  workspaceUri,
} from './runHarness';

describe('validation gates: after /implement (inside VS Code)', function () {
  this.timeout(240_000);
  let api: DevBackendApi;
  let fake: FakeApi | undefined;
  let baseline: Map<string, string>;
  let withProject: Map<string, string>;

  before(async () => {
    api = await devBackend();
    await getFakeLm();
    await selectFakeModel();
    await resetRunState(api);
    baseline = snapshotWorkspace();
    addGatesProject();
    withProject = snapshotWorkspace();
    answerGatesWith('run');
  });

  after(async () => {
    answerGatesWith('declined');
    await fake?.stop();
    await resetRunState(api);
    restoreWorkspace(baseline);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Level 2 fails, the fix round stages an edit, the re-run passes; tree passed, preview validated, disk untouched until Apply', async () => {
    fake = await new FakeApi().start();
    fake.server.respondWith(implementerThatFixes(SUM_FIX));
    await vscode.window.showTextDocument(workspaceUri(GATES_PRP));
    const finished = nextFinishedRun(api, (run: FinishedRun) => run.source === 'chat' && run.command === 'implement');
    await sendChat('@dev-backend /implement');
    const run = await finished;
    assert.equal(run.error, undefined, run.error);
    assert.equal(run.outcome?.status, 'completed', run.outcome?.reason);
    const validation = run.validation;
    assert.ok(validation, 'the gates did not run after the todos');
    assert.deepEqual(validation.gates.map((g) => [g.level, g.status, g.attempts]), [[1, 'passed', 2], [2, 'passed', 2]], JSON.stringify(validation));
    assert.deepEqual(validation.fixRounds.map((r) => [r.level, r.command, r.summary]), [[2, 'node --test gates/test/sum.test.js', 'sum() subtracted; it adds now.']]);

    // The tree: both gates passed, Level 2 after two attempts.
    const items = gateItems(api);
    assert.match(String(items.get('Level 1')?.description), /^passed · /);
    assert.match(String(items.get('Level 2')?.description), /^passed · 2 runs · /);
    assert.deepEqual([...items.values()].map((i) => i.label), ['1. Syntax & Style', '2. Unit Tests'], 'a gate row is its level and title');
    assert.deepEqual(api.validation.report(GATES_PRP)?.gates.map((g) => g.status), ['passed', 'passed'], 'the run\'s report was not kept');

    // Staged, not written: the fix is in the pending changes, the disk is as before.
    assert.match(api.pendingChanges.changeSet.get('gates/src/sum.js')?.content ?? '', /return a \+ b;/);
    assert.deepEqual(changedSince(withProject), [], 'the run or its gates wrote to disk');

    // The Refactor Preview says the changes are validated (discarded here, so nothing lands yet).
    const review = vscode.commands.executeCommand<ReviewResult>('devBackend.reviewChanges', { notify: false });
    await sleep(1500);
    await vscode.commands.executeCommand('refactorPreview.discard');
    assert.equal((await review).validationNote, 'validated: Level 1, Level 2 passed');
    assert.deepEqual(changedSince(withProject), [], 'the review wrote to disk before Apply');

    // Apply: now the fix lands.
    const applied = await reviewAndApplyAll(api.pendingChanges.changeSet.size);
    assert.ok(applied.applied.includes('gates/src/sum.js'), JSON.stringify(applied));
    assert.deepEqual(changedSince(withProject), ['gates/src/sum.js']);
    const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('gates/src/sum.js')));
    assert.match(disk, /return a \+ b;/);
    assert.doesNotMatch(disk, /return a - b;/);
  });
});
