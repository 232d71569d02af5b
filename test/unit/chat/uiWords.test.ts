// The words a person reads in the chat, the tree and the notifications: /status, /plan's next step, the tree's
// title and message, Clear Tasks, the review's opening and discard messages, the key's format warning, the
// progress line and the run's summary document, the request a saved key continues.
import * as assert from 'node:assert/strict';
import type { Usage } from '../../../src/core/llm/modelClient';
import type { Plan, Todo } from '../../../src/core/plan/todo';
import { chatQueryOf } from '../../../src/vscode/chat/keyPrompt';
import { planNextStep, statusMarkdown } from '../../../src/core/report/statusSummary';
import { apiKeyFormatWarning } from '../../../src/vscode/config/apiKeyInput';
import { discardedMessage, reviewOpeningMessage } from '../../../src/vscode/review/reviewMessages';
import { progressMessage, runSummaryDocument } from '../../../src/core/report/runSummary';

import { clearedMessage, filesNotInLabel, gateRowWords, shortTodoLabel, viewMessage, viewTitle } from '../../../src/vscode/tasks/taskViewWords';

const usage: Usage = { inputTokens: 1200, outputTokens: 3456, cacheCreationInputTokens: 10_000, cacheReadInputTokens: 250_000 };

function todo(content: string, status: Todo['status'], phase?: string): Todo {
  return { id: content.toLowerCase().replace(/\W+/g, '-'), content, activeForm: `Doing: ${content}`, status, ...(phase ? { phase } : {}) };
}

const plan: Plan = {
  prpPath: 'PRPs/auth-api.md',
  title: 'JWT auth',
  todos: [
    todo('Analyze the PRP', 'completed', 'Analysis'),
    todo('Task 1: Create src/routes/auth.ts', 'completed', 'Implementation'),
    todo('Task 2: Modify src/app.ts', 'in_progress', 'Implementation'),
    todo('Validate level 1', 'pending', 'Validation'),
  ],
};
const allDone: Plan = { ...plan, todos: plan.todos.map((t) => ({ ...t, status: 'completed' })) };

describe('/status and /plan words', () => {
  it('/status is a compact summary: counts per phase, now, next, review, last run; never the checklist', () => {
    const text = statusMarkdown({
      plan,
      staged: [{ path: 'src/routes/auth.ts', kind: 'create' }, { path: 'src/app.ts', kind: 'edit' }],
      stale: ['src/app.ts'],
      lastRun: { status: 'incomplete', reason: 'The model stopped with 2 tasks open.', usage, costUsd: 0.1234, modelLabel: 'Claude Opus 5.5' },
      resumable: true,
    });
    assert.equal(
      text,
      [
        '**auth-api.md**: 2 of 4 tasks done (Analysis 1/1 · Implementation 1/2 · Validation 0/1).',
        '',
        '- In progress: Task 2: Modify src/app.ts',
        '- Waiting for review: 2 changes (1 new, 1 edited). 1 of them changed on disk since (stale: never applied over your edits).',
        '- Last run: Stopped with tasks open: The model stopped with 2 tasks open. 264,656 tokens, $0.1234 (Claude Opus 5.5).',
        '- The last run stopped before the end: **Continue** resumes it.',
      ].join('\n'),
    );
    assert.doesNotMatch(text, /\[x\]|\[ \]/);
  });

  it('/status without a plan or changes says what to do', () => {
    assert.equal(
      statusMarkdown({ plan: undefined, staged: [], stale: [], resumable: false }),
      'No plan yet: open a PRP and send `/plan` (no model call) or `/implement`.\n- Waiting for review: nothing.',
    );
  });

  it('/plan ends with the next step that fits the plan: never "implement it" for a finished plan', () => {
    assert.match(planNextStep(allDone), /Every task is done: send `\/status` for what waits for review\.$/);
    assert.match(planNextStep(plan), /Send `\/implement` to continue with the 2 open tasks\.$/);
    assert.match(planNextStep({ ...plan, todos: plan.todos.map((t) => ({ ...t, status: 'pending' })) }), /Send `\/implement` to implement it\.$/);
  });
});

describe('Backend Tasks words', () => {
  it('a short title with the progress, the PRP name as written in the message', () => {
    assert.equal(viewTitle(plan), 'Tasks 2/4');
    assert.equal(viewMessage(plan), 'auth-api.md: 2 of 4 tasks done. Now: Doing: Task 2: Modify src/app.ts.');
    assert.equal(viewMessage(allDone), 'auth-api.md: all 4 tasks done.');
    assert.equal(clearedMessage(plan), 'Cleared the tasks of auth-api.md (2 of 4 done).');
  });

  it('labels name files by their name, with the folders in the description', () => {
    const todo = { content: 'Task 6: Modify src/app.ts and src/services/noteService.ts', files: ['src/app.ts', 'src/services/noteService.ts', 'docs/x.md'] };
    assert.deepEqual(shortTodoLabel(todo.content, todo), { label: 'Task 6: Modify app.ts and noteService.ts', description: 'src/services, src, docs/x.md' });
    assert.deepEqual(shortTodoLabel('Wire the routes', { content: 'Wire the routes' }), { label: 'Wire the routes', description: undefined });
  });

  it('the description lists only the files the label does not name', () => {
    assert.deepEqual(filesNotInLabel({ content: 'Task 6: Modify src/app.ts and src/services/noteService.ts', files: ['src/app.ts', 'src/services/noteService.ts'] }), []);
    assert.deepEqual(filesNotInLabel({ content: 'Wire the routes', files: ['src/app.ts'] }), ['src/app.ts']);
    assert.deepEqual(filesNotInLabel({ content: 'x' }), []);
  });

  it('a gate row is its level and title (the phase row already says Validation), its state first in the description', () => {
    const syntax = { content: 'Validate level 1: Syntax & Style' };
    const units = { content: 'Validate level 2: Unit Tests' };
    assert.deepEqual(gateRowWords(syntax, { level: 1 }), { label: '1. Syntax & Style', description: undefined });
    assert.deepEqual(gateRowWords(syntax, { level: 1, status: 'running' }), { label: '1. Syntax & Style', description: 'running…' });
    assert.deepEqual(gateRowWords(syntax, { level: 1, status: 'passed', durationMs: 400, attempts: 1 }), { label: '1. Syntax & Style', description: 'passed · 400 ms' });
    assert.deepEqual(gateRowWords(units, { level: 2, status: 'failed', durationMs: 3400, attempts: 2 }), { label: '2. Unit Tests', description: 'failed · 2 runs · 3.4 s' });
    assert.deepEqual(gateRowWords(units, { level: 2, status: 'passed', durationMs: 1200, attempts: 3 }), { label: '2. Unit Tests', description: 'passed · 3 runs · 1.2 s' });
    assert.deepEqual(gateRowWords(units, { level: 2, status: 'not_run', reason: 'declined' }), { label: '2. Unit Tests', description: 'not run: declined' });
    assert.equal(gateRowWords(units, { level: 2, status: 'could_not_run', durationMs: 5, attempts: 1 }).description, 'could not run · 5 ms');
    // Words the planner did not write (a renumbered level, an older plan) stay as they are.
    assert.equal(gateRowWords(units, { level: 3 }).label, 'Validate level 2: Unit Tests');
    // A title that already starts with its number is not numbered twice.
    assert.equal(gateRowWords({ content: 'Validate level 1: 1. Lint' }, { level: 1 }).label, '1. Lint');
    assert.equal(gateRowWords({ content: 'Validate level 3: Level 3' }, { level: 3 }).label, 'Level 3');
    assert.equal(gateRowWords({ content: 'Validate level 1: 10 Smoke tests' }, { level: 1 }).label, '1. 10 Smoke tests');
  });
});

describe('review, key and run words', () => {
  it('the review says how to see it by task and how to read a change; discard says what it dropped', () => {
    assert.equal(
      reviewOpeningMessage(8),
      'Review 8 changes in the Refactor Preview, grouped by task unless you switched it to by file (its title button switches, and it keeps what you pick); every diff is open in the editor beside it. Tick what you want, then Apply. Nothing is written before Apply.',
    );
    assert.equal(discardedMessage(['src/a.ts']), 'Discarded the pending change to src/a.ts. Your files were not touched.');
    assert.equal(discardedMessage(['a', 'b', 'c', 'd']), 'Discarded 4 pending changes (a, b, c +1 more). Your files were not touched.');
  });

  it('warns on a key that does not look like an Anthropic key (still allowed)', () => {
    assert.equal(apiKeyFormatWarning('sk-ant-api03-' + 'x'.repeat(90)), undefined);
    assert.match(apiKeyFormatWarning('abc') ?? '', /does not look like an Anthropic API key \(they start with "sk-ant-"/);
    assert.ok(!(apiKeyFormatWarning('my-secret-value') ?? '').includes('my-secret-value'), 'the warning never echoes the key');
  });

  it('the progress line says what it counts; the last one is not a bare "[15/15]"', () => {
    assert.equal(progressMessage(3, 15, 'Creating src/app.ts'), '3/15 tasks done · Creating src/app.ts');
    assert.equal(progressMessage(15, 15, undefined), 'All 15 tasks done; finishing the run');
  });

  it('the run summary document has the agent\'s closing words, tokens, cost and what waits for review', () => {
    const doc = runSummaryDocument({
      name: 'auth-api.md',
      closingText: 'I added the routes.\n',
      report: { status: 'completed', reason: 'All tasks are done.', openTodos: [], usage, costUsd: 0.5, turns: 9, plan: allDone, staged: [{ path: 'src/app.ts', kind: 'edit' }], changedThisRun: ['src/app.ts'], modelLabel: 'Claude Sonnet 5.5' },
    });
    assert.match(doc, /^# Dev Backend: auth-api\.md\n\n\*\*Done\.\*\* All tasks are done\./);
    assert.match(doc, /- Tokens: 261,200 in \(250,000 cached\), 3,456 out over 9 model turns\n- Cost: \$0\.5000 \(Claude Sonnet 5\.5\)/);
    assert.match(doc, /## The agent's summary\n\nI added the routes\./);
    assert.match(doc, /## Waiting for review\n\n- `src\/app\.ts` \(edited\)/);
  });

  it('a saved key re-sends the request as the user typed it', () => {
    assert.equal(chatQueryOf({ command: 'implement', prompt: ' add login ' }), '@dev-backend /implement add login');
    assert.equal(chatQueryOf({ command: undefined, prompt: 'why?' }), '@dev-backend why?');
  });
});
