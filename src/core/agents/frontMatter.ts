import { libraries, type YAMLError } from '../libraries/lazyLibraries';

export type FrontMatterResult =
  | {
      readonly ok: true;
      readonly data: Readonly<Record<string, unknown>>;
      readonly body: string;
      /** True when strict YAML failed and a multi-line plain `description` was read as raw text. */
      readonly lenient: boolean;
    }
  | { readonly ok: false; readonly reason: string; readonly line?: number };

// gray-matter only splits the file; YAML is parsed with `yaml`, whose errors carry line numbers.
// Every engine is replaced: gray-matter's own `---js` engine would eval the front matter.
const NO_PARSE = { parse: (): object => ({}), stringify: (): string => '' };
const SPLIT_ONLY = { engines: { yaml: NO_PARSE, javascript: NO_PARSE, coffee: NO_PARSE, json: NO_PARSE } };

/** The opening delimiter, optionally naming YAML as its language (`---yaml`). */
const OPENING = /^---[^\S\r\n]*([A-Za-z]*)[^\S\r\n]*\r?\n/;

/** Far above any real agent's front matter (descriptions with examples run to a few KB), far below what hurts. */
export const MAX_FRONT_MATTER_CHARS = 16 * 1024;

/** YAML aliases expanded per document: a few are legitimate, nested ones multiply ("billion laughs"). */
const MAX_YAML_ALIASES = 50;

/** A top-level key that starts a new entry in the lenient reading: lower-case, as Claude Code fields are. */
const TOP_LEVEL_KEY = /^([a-z][a-z0-9_-]*):(?:\s|$)/;

/**
 * Splits a markdown file into its YAML front matter and body.
 * Claude Code writes descriptions as multi-line plain scalars with `- <example>` lines inside, which is
 * not valid YAML; such a description is read as raw text. Any other YAML error fails with its line.
 */
export function readFrontMatter(text: string): FrontMatterResult {
  const unBommed = text.replace(/^\uFEFF/, '');
  const opening = OPENING.exec(unBommed);
  if (opening === null) {
    return { ok: false, reason: 'no YAML front matter (the file must start with a "---" line)' };
  }
  const language = opening[1].toLowerCase();
  if (language !== '' && language !== 'yaml' && language !== 'yml') {
    return { ok: false, reason: `front matter language "${opening[1]}" is not supported; use YAML`, line: 1 };
  }
  if (!/\r?\n---[^\S\r\n]*(\r?\n|$)/.test(unBommed)) {
    return { ok: false, reason: 'front matter is not closed by a "---" line', line: 1 };
  }
  let split: { matter: string; content: string };
  try {
    const file = libraries().matter(unBommed, SPLIT_ONLY);
    split = { matter: file.matter, content: file.content };
  } catch (error) {
    return { ok: false, reason: `cannot read front matter: ${error instanceof Error ? error.message : String(error)}` };
  }

  if (split.matter.length > MAX_FRONT_MATTER_CHARS) {
    const kb = Math.ceil(split.matter.length / 1024);
    return { ok: false, reason: `front matter is ${kb} KB; at most ${MAX_FRONT_MATTER_CHARS / 1024} KB is read (move long text into the body)`, line: 1 };
  }

  // `split.matter` starts with the rest of the opening `---` line, so YAML line N is file line N.
  const strict = readYaml(split.matter);
  if (strict.ok) {
    const data = strict.value;
    if (data === null || data === undefined) return { ok: true, data: {}, body: split.content, lenient: false };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { ok: false, reason: 'front matter must be a mapping of "key: value" lines', line: 2 };
    }
    return { ok: true, data: data as Record<string, unknown>, body: split.content, lenient: false };
  }
  if (strict.refused !== undefined) return { ok: false, reason: strict.refused, line: 1 };
  const lenient = readLeniently(split.matter);
  if (lenient !== undefined) return { ok: true, data: lenient, body: split.content, lenient: true };
  return brokenYaml(strict.error);
}

type YamlReading =
  | { ok: true; value: unknown }
  /** `error`: the YAML is broken; `refused`: it is valid but cannot be read safely (an alias bomb, say). */
  | { ok: false; error?: YAMLError; refused?: string };

/** Parses one YAML document with a bound on alias expansion. Never throws. */
function readYaml(source: string): YamlReading {
  try {
    const doc = libraries().parseYamlDocument(source);
    if (doc.errors.length > 0) return { ok: false, error: doc.errors[0] };
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown };
  } catch (error) {
    // yaml throws (rather than reporting) when aliases would expand past the bound; anything else thrown is refused too.
    const aliases = error instanceof Error && /alias/i.test(error.message);
    return {
      ok: false,
      refused: aliases
        ? `front matter expands YAML aliases (*name) more than ${MAX_YAML_ALIASES} times; write the values out instead`
        : `cannot read front matter: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function brokenYaml(error: YAMLError | undefined): FrontMatterResult {
  const line = error?.linePos?.[0].line;
  const first = (error?.message.split('\n')[0] ?? 'unreadable YAML').replace(/ at line \d+, column \d+:?$/, '');
  const message = /call stack/i.test(first) ? 'values are nested too deeply to read' : first;
  return {
    ok: false,
    reason: `broken YAML front matter${line === undefined ? '' : ` at line ${line}`}: ${message}`,
    ...(line === undefined ? {} : { line }),
  };
}

/**
 * Reads each top-level `key:` entry on its own. Only a `description` spanning several lines may fail
 * strict parsing (it becomes raw text); any other failing entry makes the whole front matter broken.
 */
function readLeniently(source: string): Record<string, unknown> | undefined {
  const entries: { key: string; lines: string[] }[] = [];
  for (const line of source.split(/\r?\n/)) {
    const key = TOP_LEVEL_KEY.exec(line)?.[1];
    if (key !== undefined) entries.push({ key, lines: [line] });
    else if (entries.length > 0) entries[entries.length - 1].lines.push(line);
    else if (line.trim() !== '' && !line.trimStart().startsWith('#')) return undefined;
  }
  const data: Record<string, unknown> = {};
  for (const { key, lines } of entries) {
    if (Object.hasOwn(data, key)) return undefined;
    const entry = readYaml(lines.join('\n'));
    if (entry.ok) {
      const value = entry.value;
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
      data[key] = (value as Record<string, unknown>)[key];
    } else if (entry.refused !== undefined) {
      return undefined;
    } else if (key === 'description' && lines.length > 1) {
      data[key] = [lines[0].slice(key.length + 1).trim(), ...lines.slice(1)].join('\n').trim();
    } else {
      return undefined;
    }
  }
  return data;
}
