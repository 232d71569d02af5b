// edit_file: an exact string replacement, staged. A missing or ambiguous old_string is an error back to the
// model and leaves the file (on disk and in the overlay) untouched.
import { guardToolPath, placeholderRefusal } from './toolPaths';
import { describeStaged } from './stagedMessage';
import { defineTool, failure } from './toolTypes';

const input = {
  type: 'object',
  properties: {
    path: { type: 'string', minLength: 1, description: 'Workspace-relative path of the file to edit.' },
    old_string: {
      type: 'string',
      description: 'The exact text to replace, including whitespace and indentation; it must occur exactly once unless replace_all is true. Empty only to create a new file.',
    },
    new_string: { type: 'string', description: 'The text to put in its place (must differ from old_string).' },
    replace_all: { type: 'boolean', description: 'Replace every occurrence of old_string. Default false.' },
  },
  required: ['path', 'old_string', 'new_string'],
  additionalProperties: false,
} as const;

export const editFileTool = defineTool({
  name: 'edit_file',
  description:
    'Replace an exact piece of text in a file. old_string must match the file exactly (copy it from read_file output without ' +
    'the line-number prefix) and occur exactly once; include enough surrounding lines to make it unique, or set replace_all. ' +
    'The edit is staged for the user to review; nothing is written to disk yet.',
  input,
  label: 'Editing a file',
  describe: ({ path }) => `Editing ${path}`,
  run: async ({ path: requested, old_string, new_string, replace_all }, ctx) => {
    const guarded = await guardToolPath(ctx, requested, 'read');
    if (!guarded.ok) return guarded.result;
    const placeholder = placeholderRefusal(new_string, guarded.path);
    if (placeholder) return placeholder;
    const staged = await ctx.changes.edit(guarded.path, old_string, new_string, replace_all ?? false, ctx.todoId);
    if (!staged.ok) return failure(staged.error, `edit_file failed for ${guarded.path}`);
    return describeStaged(staged, ctx.todoId, 'Edited');
  },
});
