// The top-level fields of a TOML front matter block (`+++`), values as strings. Only what headers use:
// strings (basic, literal, multi-line), numbers, booleans, dates, one-line arrays, and `[table]` keys as
// `table.key`. A line it cannot read becomes a warning; the other fields are still read.
import type { PrpWarning } from './prp';

const KEY_VALUE = /^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*(.*)$/;
const TABLE = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$/;

export function readTomlFields(block: string[], firstLine: number, warnings: PrpWarning[]): Record<string, string> {
  const fields: Record<string, string> = {};
  let table = '';
  for (let k = 0; k < block.length; k++) {
    const line = block[k];
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const tab = TABLE.exec(line);
    if (tab) {
      table = `${unquoteKey(tab[1])}.`;
      continue;
    }
    const kv = KEY_VALUE.exec(line);
    const value = kv ? readValue(kv[2], block, k) : undefined;
    if (!kv || !value) {
      warnings.push({ line: firstLine + k, message: `Line ${firstLine + k} of the TOML front matter is not "key = value"; skipped it.` });
      continue;
    }
    fields[table + unquoteKey(kv[1])] = value.text;
    k = value.lastLine;
  }
  return fields;
}

function unquoteKey(key: string): string {
  return key
    .split('.')
    .map((p) => p.trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2'))
    .join('.');
}

function readValue(raw: string, block: string[], k: number): { text: string; lastLine: number } | undefined {
  const v = raw.trim();
  for (const q of ['"""', "'''"]) {
    if (!v.startsWith(q)) continue;
    let body = v.slice(3);
    let line = k;
    while (!body.includes(q) && line + 1 < block.length) body += `\n${block[++line]}`;
    const end = body.indexOf(q);
    if (end < 0) return undefined;
    const text = body.slice(0, end).replace(/^\n/, '');
    return { text: (q === '"""' ? unescape(text) : text).trim(), lastLine: line };
  }
  const one = readScalar(v);
  if (one !== undefined) return { text: one.text, lastLine: k };
  if (v.startsWith('[')) {
    const items: string[] = [];
    let rest = v.slice(1).trim();
    while (rest !== '' && !rest.startsWith(']')) {
      const item = readScalar(rest, true);
      if (!item) return undefined;
      items.push(item.text);
      rest = item.rest.replace(/^\s*,\s*/, '');
    }
    return rest.startsWith(']') ? { text: items.join(', '), lastLine: k } : undefined;
  }
  return undefined;
}

/** A string, number, boolean or date at the start of `v`; the rest must be a comment unless `inArray`. */
function readScalar(v: string, inArray = false): { text: string; rest: string } | undefined {
  let m = /^"((?:[^"\\]|\\.)*)"/.exec(v);
  let text: string | undefined;
  if (m) text = unescape(m[1]);
  else if ((m = /^'([^']*)'/.exec(v))) text = m[1];
  else if ((m = /^(true|false|[+-]?\d[\d_:.eE+TZ-]*)(?=[\s,\]#]|$)/.exec(v))) text = m[1];
  if (text === undefined || !m) return undefined;
  const rest = v.slice(m[0].length).trim();
  if (!inArray && rest !== '' && !rest.startsWith('#')) return undefined;
  return { text, rest };
}

function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, c: string) => {
    if (c.length > 1) return String.fromCodePoint(parseInt(c.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c;
  });
}
