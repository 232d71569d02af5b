// todo_write: the model replaces the whole task list each call; the run applies it to the Plan.
import { defineTool, failure, success } from './toolTypes';

const input = {
  type: 'object',
  properties: {
    todos: {
      type: 'array',
      description: 'The complete, updated task list (every call replaces the previous list).',
      maxItems: 200,
      items: {
        type: 'object',
        properties: {
          content: { type: 'string', minLength: 1, description: 'Imperative form: "Create auth middleware".' },
          status: { type: 'string', enum: ['pending', 'in_progress', 'completed'] },
          activeForm: { type: 'string', minLength: 1, description: 'Present continuous form: "Creating auth middleware".' },
        },
        required: ['content', 'status', 'activeForm'],
        additionalProperties: false,
      },
    },
  },
  required: ['todos'],
  additionalProperties: false,
} as const;

export const todoWriteTool = defineTool({
  name: 'todo_write',
  description:
    'Create and update the task checklist for this PRP. Send the whole list every time. Mark a task in_progress ' +
    'before you start it (exactly one at a time) and completed as soon as it is done; add tasks you discover. ' +
    'Validation gate todos ("Validate level N: ...") are completed by the harness when their commands pass on the ' +
    'staged changes: leave their status as it is.',
  input,
  label: 'Updating the task list',
  describe: ({ todos }) => {
    const active = todos.find((t) => t.status === 'in_progress');
    return active ? `Updating the task list: ${active.activeForm}` : `Updating the task list (${todos.length} tasks)`;
  },
  run: async ({ todos }, ctx) => {
    const inProgress = todos.filter((t) => t.status === 'in_progress');
    if (inProgress.length > 1) {
      return failure(
        `${inProgress.length} tasks are in_progress (${inProgress.map((t) => JSON.stringify(t.content)).join(', ')}); ` +
          'keep exactly one task in_progress at a time and mark the others pending or completed.',
        'todo_write: several tasks in progress',
      );
    }
    const done = todos.filter((t) => t.status === 'completed').length;
    const outcome = ctx.onTodoWrite(todos.map((t) => ({ content: t.content, status: t.status, activeForm: t.activeForm })));
    if (!outcome.ok) return failure(outcome.error, 'todo_write: refused, the task list is unchanged');
    return success(outcome.message, `Updated ${todos.length} tasks (${done} completed${inProgress.length ? ', 1 in progress' : ''})`);
  },
});
