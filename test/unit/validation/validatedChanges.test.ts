// What the tree and the review say about the gates: the gate row's words and tooltip, and "validated" only for the
// exact set of changes a report was made on.
import * as assert from 'node:assert/strict';
import type { ChangeEntry } from '../../../src/core/changes/changeEntry';
import { changesFingerprint, validationNote } from '../../../src/core/validation/validatedChanges';
import type { GateReport, ValidationReport } from '../../../src/core/validation/validationRun';
import { gateDescription, gateTooltipLines } from '../../../src/vscode/tasks/taskViewWords';

const entry = (path: string, content: string | undefined, baseHash: string | null = 'base'): ChangeEntry => ({
  path,
  kind: content === undefined ? 'delete' : baseHash === null ? 'create' : 'edit',
  baseHash,
  ...(content !== undefined && { content }),
  todoIds: [],
});

const gate = (level: number, status: GateReport['status']): GateReport => ({ level, title: `L${level}`, line: 1, status, attempts: 1, durationMs: 10, commands: [] });
const report = (...gates: GateReport[]): ValidationReport => ({ gates, fixRounds: [] });

describe('validated changes', () => {
  it('the fingerprint ignores order and changes with any path, content or base', () => {
    const a = [entry('src/a.js', 'one'), entry('src/b.js', undefined)];
    assert.equal(changesFingerprint(a), changesFingerprint([...a].reverse()));
    assert.notEqual(changesFingerprint(a), changesFingerprint([entry('src/a.js', 'one!'), entry('src/b.js', undefined)]));
    assert.notEqual(changesFingerprint(a), changesFingerprint([entry('src/a.js', 'one', 'other'), entry('src/b.js', undefined)]));
    assert.notEqual(changesFingerprint(a), changesFingerprint(a.slice(0, 1)));
    assert.equal(changesFingerprint([]), changesFingerprint([]));
  });

  it('says validated, with the levels that passed, only when the report covers these changes', () => {
    assert.equal(validationNote(report(gate(1, 'passed'), gate(2, 'passed')), true), 'validated: Level 1, Level 2 passed');
    assert.equal(validationNote(report(gate(1, 'passed'), gate(2, 'failed')), true), 'validated: Level 1 passed; Level 2 failed');
    assert.equal(validationNote(report(gate(1, 'could_not_run')), true), 'not validated: Level 1 could not run');
    assert.equal(validationNote(report(gate(1, 'passed')), false), 'not validated');
    assert.equal(validationNote(undefined, true), 'not validated');
    assert.equal(validationNote(report(), true), 'not validated');
  });

  it("a gate row says how it went, with its duration and attempts; the tooltip names the failing command and its output's tail", () => {
    assert.equal(gateDescription({ level: 1 }), undefined);
    assert.equal(gateDescription({ level: 1, status: 'running' }), 'running…');
    assert.equal(gateDescription({ level: 1, status: 'passed', durationMs: 1234, attempts: 1 }), 'passed · 1.2 s');
    assert.equal(gateDescription({ level: 2, status: 'failed', durationMs: 80, attempts: 2 }), 'failed · 2 runs · 80 ms');
    assert.equal(gateDescription({ level: 2, status: 'could_not_run', durationMs: 5 }), 'could not run · 5 ms');
    assert.equal(gateDescription({ level: 2, status: 'not_run', reason: 'the workspace is not trusted' }), 'not run: the workspace is not trusted');

    const tip = gateTooltipLines({ level: 2, status: 'failed', durationMs: 80, failingCommand: 'node --test', outputTail: 'not ok 1 - adds\n```x', reason: 'node --test: exit 1' }).join('\n\n');
    assert.match(tip, /Failing command: `node --test`/);
    assert.match(tip, /````text\nnot ok 1 - adds\n```x\n````/, 'the output sits in a fence it cannot close');
    assert.match(tip, /Click to open the validation report/);
    assert.match(gateTooltipLines({ level: 1 }).join('\n'), /not run yet/);
  });
});
