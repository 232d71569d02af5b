// The words a run ends with: summary (tasks, files, tokens, cost), advice per ending, the plan as markdown.
import * as assert from 'node:assert/strict';
import type { Usage } from '../../../src/core/llm/modelClient';
import type { Plan, Todo } from '../../../src/core/plan/todo';
import type { RunOutcome } from '../../../src/core/run/agentEvents';
import { adviceFor } from '../../../src/core/report/runAdvice';
import { escapeMarkdown, formatChangeKinds, formatPlanChecklist, formatRunSummary, formatTokens, nextTodo } from '../../../src/core/report/runSummary';

const usage: Usage = { inputTokens: 1200, outputTokens: 3456, cacheCreationInputTokens: 10_000, cacheReadInputTokens: 250_000 };

function todo(content: string, status: Todo['status'], phase?: string): Todo {
  return { id: content.toLowerCase().replace(/\W+/g, '-'), content, activeForm: content, status, ...(phase ? { phase } : {}) };
}

const plan: Plan = {
  prpPath: 'PRPs/auth-api.md',
  title: 'JWT auth',
  todos: [todo('Analyze the PRP', 'completed', 'Analysis'), todo('Create src/routes/auth.ts', 'completed', 'Implementation'), todo('Modify src/app.ts', 'in_progress', 'Implementation'), todo('Write tests', 'pending', 'Tests')],
};

function outcome(partial: Partial<RunOutcome>): RunOutcome {
  return { status: 'completed', reason: 'All tasks are done.', openTodos: [], usage, costUsd: 0.1234, turns: 7, ...partial };
}

describe('run summary', () => {
  it('formats tokens with cached input counted in and shown apart', () => {
    assert.equal(formatTokens(usage), '261,200 in (250,000 cached), 3,456 out');
  });

  it('counts change kinds, leaving out kinds with none', () => {
    assert.equal(formatChangeKinds([{ kind: 'create' }, { kind: 'create' }, { kind: 'edit' }]), '2 new, 1 edited');
    assert.equal(formatChangeKinds([{ kind: 'delete' }]), '1 deleted');
    assert.equal(formatChangeKinds([]), 'none');
  });

  it('says tasks done/left with the next one, files staged, tokens, turns and cost', () => {
    const text = formatRunSummary({
      outcome: outcome({ status: 'cancelled', reason: 'Cancelled by the user.' }),
      plan,
      staged: [{ path: 'src/routes/auth.ts', kind: 'create' }, { path: 'src/app.ts', kind: 'edit' }],
      changedThisRun: ['src/app.ts'],
      modelLabel: 'Anthropic',
    });
    assert.match(text, /^\*\*Cancelled\.\*\* Cancelled by the user\./);
    assert.match(text, /- Tasks: 2 done, 2 left \(next: Modify src\/app\.ts\)/);
    assert.match(text, /- Files: 2 staged for review \(1 new, 1 edited\), 1 touched in this run/);
    assert.match(text, /- Tokens: 261,200 in \(250,000 cached\), 3,456 out over 7 model turns/);
    assert.match(text, /- Cost: \$0\.1234 \(Anthropic\)/);
  });

  it('counts one model turn in the singular', () => {
    const text = formatRunSummary({ outcome: outcome({ turns: 1 }), plan, staged: [], changedThisRun: [], modelLabel: 'Anthropic' });
    assert.match(text, /- Tokens: 261,200 in \(250,000 cached\), 3,456 out over 1 model turn\n/);
  });

  it('says how the gates went: passed after fix rounds, failed by level, or not run and why; nothing without gates', () => {
    const base = { outcome: outcome({ status: 'completed', reason: 'All tasks are done.' }), plan, staged: [], changedThisRun: [], modelLabel: 'Anthropic' };
    const gate = (level: number, status: 'passed' | 'failed') => ({ level, title: `L${level}`, line: 1, status, attempts: 1, durationMs: 10, commands: [] });
    const passed = formatRunSummary({ ...base, validation: { gates: [gate(1, 'passed'), gate(2, 'passed')], fixRounds: [{ round: 1, level: 2, command: 'npm test', summary: 'fixed' }] } });
    assert.match(passed, /- Validation: all 2 levels passed after 1 fix round\./);
    const failed = formatRunSummary({ ...base, validation: { gates: [gate(1, 'passed'), gate(2, 'failed')], fixRounds: [] } });
    assert.match(failed, /- Validation: 1 of 2 levels passed; Level 2 failed\./);
    const skipped = formatRunSummary({ ...base, validationSkipped: "you declined to run the PRP's validation commands" });
    assert.match(skipped, /- Validation: not run \(you declined to run the PRP's validation commands\)\./);
    assert.doesNotMatch(formatRunSummary(base), /Validation/);
    const rounds = [1, 2].map((round) => ({ round, level: 1, command: 'npm test', summary: 'fixed' }));
    const one = formatRunSummary({ ...base, validation: { gates: [gate(1, 'passed')], fixRounds: rounds } });
    assert.match(one, /- Validation: 1 of 1 level passed after 2 fix rounds\./);
    const none = formatRunSummary({ ...base, validation: { gates: [gate(1, 'failed')], fixRounds: [] } });
    assert.match(none, /- Validation: 0 of 1 level passed; Level 1 failed\./);
  });

  it('says "unknown" for a model without a price and "none staged" when nothing is', () => {
    const text = formatRunSummary({ outcome: outcome({ costUsd: Number.NaN }), plan, staged: [], changedThisRun: [], modelLabel: 'Fake LM' });
    assert.match(text, /- Files: none staged/);
    assert.match(text, /- Cost: unknown \(Fake LM\)/);
  });

  it('picks the todo in progress as next, else the first pending', () => {
    assert.equal(nextTodo(plan)?.content, 'Modify src/app.ts');
    assert.equal(nextTodo({ ...plan, todos: [todo('a', 'completed'), todo('b', 'pending')] })?.content, 'b');
    assert.equal(nextTodo({ ...plan, todos: [todo('a', 'completed')] }), undefined);
  });

  it('renders the plan grouped by phase, a blank line before each phase, with the PRP words inert', () => {
    const text = formatPlanChecklist({ ...plan, title: 'Auth *now* [x](y)' });
    assert.ok(text.startsWith('**Auth \\*now\\* \\[x\\](y)** (`PRPs/auth-api.md`): 4 tasks, 2 done'), text);
    assert.match(text, /\*Analysis\*\n\n1\. \[x\] Analyze the PRP\n\n\*Implementation\*\n\n2\. \[x\] Create src\/routes\/auth\.ts\n3\. \[~\] Modify src\/app\.ts\n\n\*Tests\*\n\n4\. \[ \] Write tests/);
    assert.match(formatPlanChecklist({ ...plan, todos: [] }), /the PRP lists no tasks/);
    assert.ok(formatPlanChecklist({ ...plan, todos: [todo('Only one', 'pending')] }).includes('(`PRPs/auth-api.md`): 1 task, 0 done'));
    assert.equal(escapeMarkdown('a_b <c> #1 |x|'), 'a\\_b \\<c\\> \\#1 \\|x\\|');
  });
});

describe('run advice', () => {
  const open = [todo('Write tests', 'pending')];

  it('completed: review the staged changes when there are some', () => {
    assert.deepEqual(adviceFor(outcome({}), 3), { severity: 'info', message: 'All tasks are done. 3 changes are staged: review them to write them to disk.', actions: ['review'] });
    assert.deepEqual(adviceFor(outcome({}), 0).actions, []);
    assert.equal(adviceFor(outcome({}), 1).message, 'All tasks are done. 1 change is staged: review it to write it to disk.');
  });

  it('cancelled, stopped or limited: nothing lost, Continue (and Review when something is staged)', () => {
    const cancelled = adviceFor(outcome({ status: 'cancelled', reason: 'Cancelled by the user.', openTodos: open }), 1);
    assert.equal(cancelled.message, 'Cancelled. Nothing was lost: the plan (1 task open) and 1 staged change are kept. Continue picks up where it stopped.');
    assert.deepEqual(cancelled.actions, ['continue', 'review']);
    const limited = adviceFor(outcome({ status: 'limit', reason: 'Stopped after 60 model turns.', openTodos: [...open, ...open] }), 0);
    assert.equal(limited.severity, 'warning');
    assert.match(limited.message, /Stopped after 60 model turns\. Nothing was lost: the plan \(2 tasks open\) and 0 staged changes are kept\./);
    assert.deepEqual(limited.actions, ['continue']);
  });

  it('a rejected key offers to set one; rate limits and outages keep the client\'s words and offer Continue', () => {
    const auth = adviceFor(outcome({ status: 'failed', errorKind: 'auth', reason: 'The Anthropic API key was rejected (401).', openTodos: open }), 2);
    assert.equal(auth.severity, 'error');
    assert.deepEqual(auth.actions, ['setApiKey', 'review'], 'Continue with the rejected key would fail the same way');
    assert.match(auth.message, /Set a new key to continue\.$/);
    const rate = adviceFor(outcome({ status: 'failed', errorKind: 'rate_limit', reason: 'Rate limited by Anthropic; try again in 30 s.', openTodos: open }), 0);
    assert.match(rate.message, /^Rate limited by Anthropic; try again in 30 s\. Nothing was lost/);
    assert.deepEqual(rate.actions, ['continue']);
    const network = adviceFor(outcome({ status: 'failed', errorKind: 'network', reason: 'Cannot reach the Anthropic API at http://x.', openTodos: open }), 0);
    assert.match(network.message, /^Cannot reach the Anthropic API/);
    assert.deepEqual(network.actions, ['continue']);
  });

  it('a conversation too long for the model offers no Continue (it would fail the same way)', () => {
    const advice = adviceFor(outcome({ status: 'failed', errorKind: 'context_too_long', reason: 'Too long.', openTodos: open }), 1);
    assert.deepEqual(advice.actions, ['review']);
  });
});
