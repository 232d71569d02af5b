// write_file: stages a new file or a whole-file replacement; nothing reaches disk before review.
import { guardToolPath, placeholderRefusal } from './toolPaths';
import { describeStaged } from './stagedMessage';
import { defineTool, failure } from './toolTypes';

export const WRITE_MAX_CHARS = 1_000_000;

const input = {
  type: 'object',
  properties: {
    path: { type: 'string', minLength: 1, description: 'Workspace-relative path of the file to create or replace.' },
    content: { type: 'string', maxLength: WRITE_MAX_CHARS, description: 'The complete new content of the file.' },
  },
  required: ['path', 'content'],
  additionalProperties: false,
} as const;

export const writeFileTool = defineTool({
  name: 'write_file',
  description:
    'Create a new file, or replace a whole file, with the given content. The change is staged for the user to review; ' +
    'nothing is written to disk yet. To change part of an existing file, prefer edit_file.',
  input,
  label: 'Writing a file',
  describe: ({ path }) => `Writing ${path}`,
  run: async ({ path: requested, content }, ctx) => {
    const guarded = await guardToolPath(ctx, requested, 'write');
    if (!guarded.ok) return guarded.result;
    const placeholder = placeholderRefusal(content, guarded.path);
    if (placeholder) return placeholder;
    const staged = await ctx.changes.write(guarded.path, content, ctx.todoId);
    if (!staged.ok) return failure(staged.error, `write_file failed for ${guarded.path}`);
    return describeStaged(staged, ctx.todoId, 'Wrote');
  },
});
