// The PRP header: real `---` YAML front matter, bare `name:`/`description: |` lines at the top, or none.
import { libraries } from '../libraries/lazyLibraries';
import type { PrpHeader, PrpWarning } from './prp';
import { readTomlFields } from './tomlFields';

export interface HeaderRead {
  header: PrpHeader;
  /** 0-based index of the first line after the header block. */
  bodyStart: number;
  /** A `# Title` line written above a bare header (it is not part of the section tree). */
  titleAbove?: string;
}

const BARE_KEY = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)/;
const HEADER_KEYS = new Set(['name', 'description', 'title']);
const MAX_FRONT_MATTER_LINES = 500;

export function readHeader(lines: string[], warnings: PrpWarning[]): HeaderRead {
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i < lines.length && lines[i].trim() === '+++') {
    const toml = readTomlFrontMatter(lines, i, warnings);
    if (toml) return toml;
  }
  if (i < lines.length && lines[i].trim() === '---' && BARE_KEY.test(firstNonBlank(lines, i + 1))) {
    const fm = readFrontMatter(lines, i, warnings);
    if (fm) return fm;
    // Unclosed: read its `key:` lines as a bare header.
    const bare = readBareHeader(lines, nextNonBlank(lines, i + 1), warnings);
    if (bare) return bare;
  }
  let titleAbove: string | undefined;
  let j = i;
  const h1 = /^#[ \t]+(.+)$/.exec(lines[i] ?? '');
  if (h1) {
    j = i + 1;
    while (j < lines.length && lines[j].trim() === '') j++;
  }
  const bare = readBareHeader(lines, j, warnings);
  if (bare) {
    if (h1) titleAbove = h1[1].trim();
    return { ...bare, bodyStart: bare.bodyStart, titleAbove };
  }
  return { header: { source: 'none', fields: {} }, bodyStart: 0 };
}

function nextNonBlank(lines: string[], from: number): number {
  let k = from;
  while (k < lines.length && lines[k].trim() === '') k++;
  return k;
}

function firstNonBlank(lines: string[], from: number): string {
  return lines[nextNonBlank(lines, from)] ?? '';
}

function readFrontMatter(lines: string[], open: number, warnings: PrpWarning[]): HeaderRead | undefined {
  const last = Math.min(lines.length, open + MAX_FRONT_MATTER_LINES);
  let close = -1;
  for (let k = open + 1; k < last; k++) {
    const t = lines[k].trim();
    if (t === '---' || t === '...') {
      close = k;
      break;
    }
    if (/^#{2,6}[ \t]+\S/.test(lines[k])) break;
  }
  if (close < 0) {
    warnings.push({ line: open + 1, message: `Front matter opened at line ${open + 1} is never closed.` });
    return undefined;
  }
  const fields = yamlFields(lines.slice(open + 1, close), open + 2, warnings);
  return { header: makeHeader('frontMatter', fields, open + 1, close + 1), bodyStart: close + 1 };
}

/** Hugo-style `+++` TOML front matter. */
function readTomlFrontMatter(lines: string[], open: number, warnings: PrpWarning[]): HeaderRead | undefined {
  const last = Math.min(lines.length, open + MAX_FRONT_MATTER_LINES);
  for (let k = open + 1; k < last; k++) {
    if (lines[k].trim() === '+++') {
      const fields = readTomlFields(lines.slice(open + 1, k), open + 2, warnings);
      return { header: makeHeader('frontMatter', fields, open + 1, k + 1), bodyStart: k + 1 };
    }
  }
  warnings.push({ line: open + 1, message: `TOML front matter opened with +++ at line ${open + 1} is never closed; read the file without a header.` });
  return undefined;
}

/** `name: "..."` / `description: |` lines, their indented continuations, and an optional `---` after. */
function readBareHeader(lines: string[], start: number, warnings: PrpWarning[]): HeaderRead | undefined {
  let k = start;
  let sawHeaderKey = false;
  let end = start;
  while (k < lines.length) {
    const line = lines[k];
    const key = BARE_KEY.exec(line);
    if (key) {
      if (HEADER_KEYS.has(key[1].toLowerCase())) sawHeaderKey = true;
      end = ++k;
      continue;
    }
    if (k > start && (/^[ \t]+\S/.test(line) || line.trim() === '')) {
      if (/^[ \t]+\S/.test(line)) end = k + 1;
      k++;
      continue;
    }
    break;
  }
  if (!sawHeaderKey) return undefined;
  const fields = yamlFields(lines.slice(start, end), start + 1, warnings);
  let bodyStart = end;
  let after = end;
  while (after < lines.length && lines[after].trim() === '') after++;
  if (after < lines.length && lines[after].trim() === '---') bodyStart = after + 1;
  return { header: makeHeader('bare', fields, start + 1, bodyStart), bodyStart };
}

/** Top-level YAML fields as strings; falls back to `key: value` lines when the block is not valid YAML. */
function yamlFields(block: string[], firstLine: number, warnings: PrpWarning[]): Record<string, string> {
  const fields: Record<string, string> = {};
  try {
    const data: unknown = libraries().parseYaml(block.join('\n'));
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      for (const [key, value] of Object.entries(data as Record<string, unknown>)) fields[key] = fieldText(value);
      return fields;
    }
    if (data !== null && data !== undefined) {
      warnings.push({ line: firstLine, message: `Header at line ${firstLine} is not a set of "key: value" fields.` });
    }
    return fields;
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    warnings.push({ line: firstLine, message: `Header at line ${firstLine} is not valid YAML (${reason}); read its "key: value" lines.` });
  }
  for (const line of block) {
    const m = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (m) fields[m[1]] = m[2].replace(/^(["'])(.*)\1$/, '$2').trim();
  }
  return fields;
}

function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(fieldText).join(', ');
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function makeHeader(source: PrpHeader['source'], fields: Record<string, string>, startLine: number, endLine: number): PrpHeader {
  const header: PrpHeader = { source, fields, startLine, endLine };
  if (fields.name) header.name = fields.name;
  if (fields.description) header.description = fields.description;
  return header;
}
