import type { AgentDefinition, AgentDiagnostic, AgentSourceKind } from './agentDefinition';
import { parseToolsField } from './agentTools';
import { readFrontMatter } from './frontMatter';

export type ParseAgentResult =
  | {
      readonly ok: true;
      readonly agent: AgentDefinition;
      /** Warnings and notes about a file that still loaded (dropped tools, ignored fields). */
      readonly diagnostics: readonly AgentDiagnostic[];
    }
  | { readonly ok: false; readonly diagnostic: AgentDiagnostic };

/** Lower-case words joined by single hyphens, as Claude Code requires. */
const AGENT_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Parses one Claude Code subagent file. Never throws: a file that cannot define an agent comes back
 * as `{ok: false}` with a diagnostic naming the file and the reason.
 */
export function parseAgentFile(text: string, path: string, kind: AgentSourceKind): ParseAgentResult {
  const skip = (reason: string, line?: number): ParseAgentResult => ({
    ok: false,
    diagnostic: { path, severity: 'error', reason: `skipped: ${reason}`, ...(line === undefined ? {} : { line }) },
  });
  if (text.includes('\u0000')) return skip('binary file, not markdown');
  if (text.trim() === '') return skip('empty file');

  const front = readFrontMatter(text);
  if (!front.ok) return skip(front.reason, front.line);
  const { data } = front;
  const notes: AgentDiagnostic[] = [];
  const note = (severity: 'warning' | 'info', reason: string): void => {
    notes.push({ path, severity, reason });
  };
  if (front.lenient) {
    note('info', 'front matter is not strict YAML; the multi-line description was read as plain text');
  }

  const name = requiredText(data, 'name');
  if (!name.ok) return skip(name.reason);
  if (!AGENT_NAME.test(name.text)) {
    const suggestion = name.text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    return skip(`name "${name.text}" must be lower-case words joined by hyphens${suggestion ? ` (e.g. "${suggestion}")` : ''}`);
  }
  const description = requiredText(data, 'description');
  if (!description.ok) return skip(description.reason);

  const tools = parseToolsField(data.tools);
  if (!tools.ok) return skip(tools.reason);
  for (const reason of tools.dropped) note('warning', reason);
  if (tools.tools !== undefined && tools.tools.length === 0) note('warning', 'no usable tools left; the agent gets none');
  if (data.tools !== undefined && tools.tools === undefined) note('info', '"tools" is empty; the agent gets all tools');

  const model = optionalText(data.model, 'model', note);
  const color = optionalText(data.color, 'color', note);
  const agent: AgentDefinition = {
    name: name.text,
    description: description.text,
    ...(tools.tools === undefined ? {} : { tools: tools.tools }),
    ...(model === undefined ? {} : { model }),
    ...(color === undefined ? {} : { color }),
    systemPrompt: front.body.trim(),
    source: { kind, path },
  };
  if (agent.systemPrompt === '') note('warning', 'the body is empty, so the agent has no system prompt');
  return { ok: true, agent, diagnostics: notes };
}

function requiredText(
  data: Readonly<Record<string, unknown>>,
  field: string,
): { ok: true; text: string } | { ok: false; reason: string } {
  const value = data[field];
  if (value === undefined || value === null) return { ok: false, reason: `missing "${field}" in front matter` };
  if (typeof value !== 'string') return { ok: false, reason: `"${field}" must be text, not ${describeValue(value)}` };
  const text = value.trim();
  return text === '' ? { ok: false, reason: `empty "${field}" in front matter` } : { ok: true, text };
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

function optionalText(
  value: unknown,
  field: string,
  note: (severity: 'warning', reason: string) => void,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined || text === '') {
    note('warning', `"${field}" must be non-empty text; ignored`);
    return undefined;
  }
  return text;
}
