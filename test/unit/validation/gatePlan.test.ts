import * as assert from 'node:assert/strict';
import { planFromPrp } from '../../../src/core/plan/offlinePlanner';
import { openWorkTodos } from '../../../src/core/plan/gateTodos';
import { carryOverStatuses, gateTodosHeld, gateTodosNote, openTodosDroppedAtTheEnd, replaceTodos, type TodoInput } from '../../../src/core/plan/planOps';
import type { Plan, Todo } from '../../../src/core/plan/todo';
import { parsePrp } from '../../../src/core/prp/prpParser';
import { markGateRunning, withGateReport, withGatesNotRun } from '../../../src/core/validation/gatePlan';
import type { GateReport } from '../../../src/core/validation/validationRun';

const PRP = `# Notes API

## Implementation Blueprint

\`\`\`yaml
Task 1:
CREATE src/notes.js:
  - export the notes store
\`\`\`

## Validation Loop

### Level 1: Syntax & Style
\`\`\`bash
node --check src/notes.js
\`\`\`

### Level 2: Unit Tests
\`\`\`bash
node --test
\`\`\`

### Level 3: Manual check
Open the app and look around.
`;

function gatePlan(): Plan {
  return planFromPrp(parsePrp(PRP), 'PRPs/notes.md');
}

function byContent(plan: Plan, prefix: string): Todo {
  const found = plan.todos.find((t) => t.content.startsWith(prefix));
  assert.ok(found, `no todo starting with ${prefix}`);
  return found;
}

function report(level: number, status: GateReport['status'], extra: Partial<GateReport> = {}): GateReport {
  return { level, title: `Level ${level}`, line: 1, status, attempts: 1, durationMs: 1200, commands: [], ...extra };
}

const asModel = (plan: Plan, status: TodoInput['status']): TodoInput[] => plan.todos.map((t) => ({ content: t.content, status, activeForm: t.activeForm }));

describe('validation gates in the plan', () => {
  it('the offline planner marks each level with commands as a gate, keeping its words', () => {
    const plan = gatePlan();
    assert.deepEqual(byContent(plan, 'Validate level 1').gate, { level: 1 });
    assert.equal(byContent(plan, 'Validate level 1').content, 'Validate level 1: Syntax & Style');
    assert.deepEqual(byContent(plan, 'Validate level 2').gate, { level: 2 });
    assert.equal(byContent(plan, 'Validate level 3').gate, undefined, 'a level without commands is no gate');
  });

  it('todo_write marking a Validation todo completed does not complete it', () => {
    const plan = gatePlan();
    const next = replaceTodos(plan, asModel(plan, 'completed'));
    assert.equal(byContent(next, 'Validate level 1').status, 'pending');
    assert.equal(byContent(next, 'Validate level 2').status, 'pending');
    assert.deepEqual(byContent(next, 'Validate level 2').gate, { level: 2 });
    assert.equal(byContent(next, 'Validate level 3').status, 'completed', 'a level without commands is the model\'s');
    assert.equal(byContent(next, 'Task 1').status, 'completed');
    assert.deepEqual(gateTodosHeld(plan, asModel(plan, 'completed')).map((t) => t.gate?.level), [1, 2]);
    assert.match(gateTodosNote(gateTodosHeld(plan, asModel(plan, 'completed'))), /completed by the harness when their commands pass/);
  });

  it('a passed gate cannot be reopened by todo_write either, and the note is empty when nothing was held', () => {
    const passed = withGateReport(gatePlan(), report(1, 'passed'));
    const items = asModel(passed, 'pending');
    assert.equal(byContent(replaceTodos(passed, items), 'Validate level 1').status, 'completed');
    const same = passed.todos.map((t) => ({ content: t.content, status: t.status, activeForm: t.activeForm }));
    assert.deepEqual(gateTodosHeld(passed, same), []);
    assert.equal(gateTodosNote([]), '');
  });

  it("a gate todo left out of the model's list stays in the plan", () => {
    const plan = gatePlan();
    const items = asModel(plan, 'completed').filter((i) => !i.content.startsWith('Validate level'));
    const next = replaceTodos(plan, items);
    assert.deepEqual(next.todos.filter((t) => t.gate).map((t) => [t.content, t.status]), [
      ['Validate level 1: Syntax & Style', 'pending'],
      ['Validate level 2: Unit Tests', 'pending'],
    ]);
    assert.deepEqual(gateTodosHeld(plan, items).map((t) => t.gate?.level), [1, 2]);
  });

  it('open gates do not keep the run from completing, and do not let the model drop its open work', () => {
    const plan = gatePlan();
    const done = replaceTodos(plan, asModel(plan, 'completed'));
    assert.deepEqual(openWorkTodos(done), []);
    const dropAll = [{ content: 'Validate level 1: Syntax & Style', status: 'pending' as const }];
    assert.ok(openTodosDroppedAtTheEnd(plan, dropAll).some((t) => t.content.startsWith('Task 1')));
  });

  it('markGateRunning: the todo in progress, the gate running, the previous result cleared', () => {
    let plan = withGateReport(gatePlan(), report(2, 'failed', { reason: 'x' }));
    plan = replaceTodos(plan, plan.todos.map((t) => ({ content: t.content, status: t.content.startsWith('Task 1') ? 'in_progress' : t.status })));
    const running = markGateRunning(plan, 2);
    assert.equal(byContent(running, 'Validate level 2').status, 'in_progress');
    assert.deepEqual(byContent(running, 'Validate level 2').gate, { level: 2, status: 'running' });
    assert.equal(byContent(running, 'Task 1').status, 'pending', 'one todo in progress');
    assert.equal(markGateRunning(plan, 9), plan, 'no such level: same plan');
  });

  it('withGateReport: passed completes the todo; failed and could not run leave it pending with the failing command', () => {
    const passed = withGateReport(gatePlan(), report(1, 'passed', { durationMs: 300 }));
    assert.equal(byContent(passed, 'Validate level 1').status, 'completed');
    assert.deepEqual(byContent(passed, 'Validate level 1').gate, { level: 1, status: 'passed', durationMs: 300, attempts: 1 });

    const failed = withGateReport(
      markGateRunning(passed, 2),
      report(2, 'failed', {
        attempts: 2,
        reason: 'node --test: exit 1',
        commands: [
          { command: 'npm run lint', exitCode: 0, durationMs: 10, status: 'passed', sandboxed: true, outputTail: 'ok' },
          { command: 'node --test', exitCode: 1, durationMs: 900, status: 'failed', sandboxed: true, outputTail: 'not ok 1 - adds', reason: 'exit 1' },
          { command: 'npm run e2e', exitCode: null, durationMs: 0, status: 'not_run', sandboxed: false, outputTail: '' },
        ],
      }),
    );
    const todo = byContent(failed, 'Validate level 2');
    assert.equal(todo.status, 'pending');
    assert.deepEqual(todo.gate, {
      level: 2,
      status: 'failed',
      durationMs: 1200,
      attempts: 2,
      failingCommand: 'node --test',
      outputTail: 'not ok 1 - adds',
      reason: 'node --test: exit 1',
    });
    assert.equal(byContent(failed, 'Validate level 1').status, 'completed', 'the other gate is untouched');

    const couldNot = withGateReport(gatePlan(), report(1, 'could_not_run', {
      reason: 'node --check src/notes.js: node is not installed or not on PATH',
      commands: [{ command: 'node --check src/notes.js', exitCode: 127, durationMs: 5, status: 'could_not_run', sandboxed: true, outputTail: 'node: command not found' }],
    }));
    assert.equal(byContent(couldNot, 'Validate level 1').gate?.status, 'could_not_run');
    assert.equal(byContent(couldNot, 'Validate level 1').gate?.failingCommand, 'node --check src/notes.js');
  });

  it('withGatesNotRun: every gate not yet passed is "not run" with why; a passed one stays', () => {
    const plan = withGateReport(gatePlan(), report(1, 'passed'));
    const next = withGatesNotRun(plan, 'you declined to run the PRP\'s commands');
    assert.equal(byContent(next, 'Validate level 1').status, 'completed');
    assert.equal(byContent(next, 'Validate level 1').gate?.status, 'passed');
    assert.deepEqual(byContent(next, 'Validate level 2').gate, { level: 2, status: 'not_run', reason: 'you declined to run the PRP\'s commands' });
    assert.equal(byContent(next, 'Validate level 2').status, 'pending');
  });

  it('a re-plan of the same PRP keeps the gates\' results with their statuses', () => {
    const before = withGateReport(gatePlan(), report(1, 'passed'));
    const again = carryOverStatuses(before, gatePlan());
    assert.equal(byContent(again, 'Validate level 1').status, 'completed');
    assert.equal(byContent(again, 'Validate level 1').gate?.status, 'passed');
    assert.deepEqual(byContent(again, 'Validate level 2').gate, { level: 2 });
  });
});
