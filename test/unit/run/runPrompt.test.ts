// What the harness tells the model when it stops early or drops open todos: counted in words, the todos listed.
import * as assert from 'node:assert/strict';
import type { Todo } from '../../../src/core/plan/todo';
import { buildFinishNudge, droppedTodosMessage } from '../../../src/core/run/runPrompt';

function todo(content: string): Todo {
  return { id: content, content, activeForm: content, status: 'pending' };
}

describe('run prompt: the nudges', () => {
  it('the finish nudge counts the open todos in words', () => {
    assert.match(buildFinishNudge([todo('Write tests')]), /^You ended your turn, but 1 todo is still open:\n- \[ \] Write tests/);
    assert.match(buildFinishNudge([todo('a'), todo('b')]), /^You ended your turn, but 2 todos are still open:/);
  });

  it('the refused todo_write counts the dropped tasks in words', () => {
    assert.match(droppedTodosMessage([todo('Write tests')]), /drops 1 open task that was never completed:\n- \[ \] Write tests/);
    assert.match(droppedTodosMessage([todo('a'), todo('b')]), /drops 2 open tasks that were never completed:/);
  });
});
