// Validation gates in the real host: `@dev-backend /validate` over a small Node project (test/fixtures/gates-project)
// whose Level 1 passes and Level 2 fails until sum() adds. No model call; one consent per PRP; the tree, the report
// and the review say how the gates went; the files on disk never change.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DevBackendApi, FinishedRun } from '../../src/vscode/api';
import type { ReviewResult } from '../../src/vscode/review';
import type { ShownReport } from '../../src/vscode/validation/showValidationReport';
import { getFakeLm, selectFakeModel } from './fakeLm';
import { addGatesProject, FIXED_SUM, GATES_PRP as RUN_PRP, gateItems, tooltipText } from './gatesHarness';

/** Its own copy of the PRP: the gate question is remembered per PRP, and the run tests may have answered it for theirs. */
const GATES_PRP = 'PRPs/sum-validate.md';
import { answerGatesWith, changedSince, devBackend, nextFinishedRun, resetRunState, restoreWorkspace, sendChat, sleep, snapshotWorkspace, workspaceUri } from './runHarness';

async function validate(api: DevBackendApi): Promise<FinishedRun> {
  const finished = nextFinishedRun(api, (run) => run.source === 'chat' && run.command === 'validate');
  await sendChat('@dev-backend /validate');
  return finished;
}

describe('validation gates: /validate (inside VS Code)', function () {
  this.timeout(240_000);
  let api: DevBackendApi;
  let baseline: Map<string, string>;
  let withProject: Map<string, string>;
  let asked: string[][] = [];
  let askedBefore = 0;

  before(async () => {
    api = await devBackend();
    await getFakeLm();
    await selectFakeModel();
    await resetRunState(api);
    baseline = snapshotWorkspace();
    addGatesProject();
    await vscode.workspace.fs.copy(workspaceUri(RUN_PRP), workspaceUri(GATES_PRP));
    withProject = snapshotWorkspace();
    asked = answerGatesWith('run');
    askedBefore = asked.length;
  });

  after(async () => {
    answerGatesWith('declined');
    await resetRunState(api);
    restoreWorkspace(baseline);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs the gates without a model: Level 1 passed, Level 2 failed in the tree, the report names both, the disk untouched', async () => {
    await vscode.window.showTextDocument(workspaceUri(GATES_PRP));
    const run = await validate(api);
    assert.equal(run.error, undefined, run.error);
    assert.equal(run.prpPath, GATES_PRP);
    assert.deepEqual(asked.slice(askedBefore), [['node --check gates/src/sum.js', 'node --test gates/test/sum.test.js']], 'one consent listing the gate commands');
    assert.deepEqual(run.validation?.gates.map((g) => [g.level, g.status]), [[1, 'passed'], [2, 'failed']], JSON.stringify(run.validation));
    const text = run.rendered.filter((p) => p.kind === 'markdown').map((p) => p.text).join('');
    assert.match(text, /Validation: 1 of 2 levels passed; Level 2 failed\./);
    assert.match(text, /against the files on disk \(nothing is staged\)/);
    assert.ok(run.rendered.some((p) => p.kind === 'button' && p.command === 'devBackend.showValidationReport'), 'no button for the full report');

    const items = gateItems(api);
    assert.match(String(items.get('Level 1')?.description), /^passed · /);
    assert.match(String(items.get('Level 2')?.description), /^failed · /);
    assert.match(tooltipText(items.get('Level 2')), /Failing command: `node --test gates\/test\/sum\.test\.js`/);
    assert.match(tooltipText(items.get('Level 2')), /-1 !== 5/, 'the tooltip lacks the tail of the output');
    assert.equal(items.get('Level 2')?.command?.command, 'devBackend.showValidationReport', 'a click does not open the report');

    const shown = await vscode.commands.executeCommand<ShownReport | undefined>('devBackend.showValidationReport', GATES_PRP);
    assert.ok(shown, 'no report was shown');
    assert.match(shown.markdown, /## ✅ Level 1: Syntax & Style \(passed/);
    assert.match(shown.markdown, /## ❌ Level 2: Unit Tests \(failed/);
    assert.match(shown.markdown, /`node --test gates\/test\/sum\.test\.js`: failed, exit 1/);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown.uri);
    assert.ok(doc, 'the report document is not open');
    assert.equal(doc.languageId, 'markdown');
    assert.deepEqual(changedSince(withProject), [], 'validating changed files on disk');
  });

  it('against a staged fix: no second question, both levels pass, the review says validated, the disk untouched', async () => {
    assert.equal((await api.pendingChanges.changeSet.write('gates/src/sum.js', FIXED_SUM)).ok, true);
    await vscode.window.showTextDocument(workspaceUri(GATES_PRP));
    const run = await validate(api);
    assert.equal(run.error, undefined, run.error);
    assert.equal(asked.length - askedBefore, 1, 'the consent was asked again for the same commands');
    assert.ok(run.validation, run.rendered.map((p) => p.text).join('\n'));
    assert.deepEqual(run.validation?.gates.map((g) => g.status), ['passed', 'passed'], JSON.stringify(run.validation));
    const text = run.rendered.filter((p) => p.kind === 'markdown').map((p) => p.text).join('');
    assert.match(text, /Validation: all 2 levels passed\./);
    assert.match(text, /against the 1 staged change, before review/);
    const items = gateItems(api);
    assert.match(String(items.get('Level 2')?.description), /^passed · /);

    const review = vscode.commands.executeCommand<ReviewResult>('devBackend.reviewChanges', { notify: false });
    await sleep(1500);
    await vscode.commands.executeCommand('refactorPreview.discard');
    const result = await review;
    assert.equal(result.validationNote, 'validated: Level 1, Level 2 passed');

    // Anything staged since: no longer the validated set.
    assert.equal((await api.pendingChanges.changeSet.write('gates/src/extra.js', 'export {};\n')).ok, true);
    const again = vscode.commands.executeCommand<ReviewResult>('devBackend.reviewChanges', { notify: false });
    await sleep(1500);
    await vscode.commands.executeCommand('refactorPreview.discard');
    assert.equal((await again).validationNote, 'not validated');
    assert.deepEqual(changedSince(withProject), [], 'the review or the gates wrote to disk');
  });

  it('declined consent runs nothing and says so in the tree', async () => {
    await vscode.commands.executeCommand('devBackend.discardChanges', { skipConfirmation: true });
    // Through the open editor (a /validate reads the PRP as the editor has it), saved.
    const doc = await vscode.workspace.openTextDocument(workspaceUri(GATES_PRP));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, '\n### Level 3: Again\n```bash\nnode --check gates/test/sum.test.js\n```\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save());
    await vscode.window.showTextDocument(doc);
    answerGatesWith('declined');
    const channelBefore = api.commands.outputText().length;
    const run = await validate(api);
    assert.equal(asked.length - askedBefore, 2, 'a changed command list did not ask again');
    assert.equal(run.validation, undefined);
    assert.match(run.rendered.map((p) => p.text).join(''), /not run\*\*: you chose not to run/);
    assert.equal(api.commands.outputText().length, channelBefore, 'a command ran after the user declined');
    assert.match(String(gateItems(api).get('Level 3')?.description), /^not run: you chose not to run/);
  });
});
