// list_files: the workspace's files (gitignored ones left out) as the model's staged work has them.
import { compileGlob } from './globMatcher';
import { listOverlayFiles } from './overlayFiles';
import { defineTool, failure, success } from './toolTypes';

export const LIST_MAX_FILES = 500;

const input = {
  type: 'object',
  properties: {
    pattern: {
      type: 'string',
      description:
        'Glob relative to the workspace root, e.g. "src/**/*.ts". Without "/" it matches file names at any depth ("*.md"); ' +
        'a plain directory path lists everything under it. Omit to list every file.',
    },
  },
  required: [],
  additionalProperties: false,
} as const;

export const listFilesTool = defineTool({
  name: 'list_files',
  description:
    `List workspace files matching a glob, sorted by path; files ignored by .gitignore are left out and your staged ` +
    `new files are included. At most ${LIST_MAX_FILES} paths per call; narrow the pattern to see more.`,
  input,
  label: 'Listing files',
  describe: ({ pattern }) => (pattern ? `Listing files matching "${pattern}"` : 'Listing files'),
  run: async ({ pattern }, ctx) => {
    const glob = compileGlob(pattern);
    if (!glob.ok) return failure(`Invalid pattern: ${glob.reason}.`, 'list_files: invalid pattern');
    const listing = await listOverlayFiles(ctx, glob);
    if (!listing.ok) return failure(`${listing.message} Try again, or narrow the pattern.`, `list_files: ${listing.reason}`);
    const matched = listing.value;
    const what = pattern ? `matching ${JSON.stringify(pattern)}` : 'in the workspace';
    if (matched.length === 0) {
      return success(`No files ${what}.${pattern ? ' Try a broader pattern, e.g. "**/*.ts".' : ''}`, `No files ${what}`);
    }
    const shown = matched.slice(0, LIST_MAX_FILES).map((f) => (f.staged === 'create' ? `${f.path} (new, staged)` : f.path));
    const more =
      matched.length > LIST_MAX_FILES
        ? `\n\n[${matched.length - LIST_MAX_FILES} more files not shown (${matched.length} in all); narrow the pattern, e.g. "src/**".]`
        : '';
    return success(shown.join('\n') + more, `Listed ${matched.length} files ${what}`);
  },
});
