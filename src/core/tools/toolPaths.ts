// The path check every file tool starts with: the guard, then the secret-file rule for reads.
import { resolveWorkspacePath } from '../changes/pathGuard';
import { SECRET_PLACEHOLDER } from '../changes/secretContent';
import { isSecretPath } from '../changes/secretPaths';
import { failure, type ToolContext, type ToolResult } from './toolTypes';

export type GuardedPath = { ok: true; path: string } | { ok: false; result: ToolResult };

/**
 * `access` 'read' means the model would see the content (read_file, edit_file's matching), so a
 * secret-looking file is refused unless the user allowed it; 'write' only stages new content.
 */
export async function guardToolPath(ctx: ToolContext, input: string, access: 'read' | 'write'): Promise<GuardedPath> {
  const resolved = await resolveWorkspacePath(ctx.workspace, input);
  if (!resolved.ok) return { ok: false, result: failure(resolved.reason, `Refused path ${JSON.stringify(input)}`) };
  if (access === 'read' && !ctx.allowSecretFiles && (isSecretPath(resolved.path) || isSecretPath(resolved.target))) {
    return { ok: false, result: secretRefusal(resolved.path) };
  }
  return { ok: true, path: resolved.path };
}

export function secretRefusal(path: string): ToolResult {
  return failure(
    `${path} looks like a secret file (environment values, keys or credentials); its content is not shared with the model. ` +
      'Work without it (e.g. document the variables the code needs, or write a .env.example), or ask the user to enable the allowSecretFiles setting.',
    `Refused secret file ${path}`,
  );
}

/** A write that would put a redaction placeholder where the real secret value is: refused, nothing staged. */
export function placeholderRefusal(text: string, path: string): ToolResult | undefined {
  if (!SECRET_PLACEHOLDER.test(text)) return undefined;
  return failure(
    `The new text for ${path} contains a [REDACTED SECRET: ...] placeholder, which stands for a value you were not shown; ` +
      'writing it would replace the real secret. Change only the lines around it with edit_file, or leave the value for the user to fill in.',
    `Refused a secret placeholder in ${path}`,
  );
}
