// Reading `VERB path` instruction lines (`CREATE src/auth.ts:`, `RUN full test suite`), typos included.
import { cleanPathToken, isPathLike } from './pathLike';

/** Verbs PRP task lists use; the first group are the documented ones. */
const KNOWN_VERBS = [
  'CREATE', 'MODIFY', 'UPDATE', 'DELETE', 'TEST', 'OPTIONAL', 'RUN',
  'ADD', 'REMOVE', 'RENAME', 'MOVE', 'REPLACE', 'EDIT', 'REFACTOR', 'FIX', 'EXTEND', 'IMPLEMENT',
  'INSTALL', 'CONFIGURE', 'COPY', 'MIGRATE', 'VERIFY', 'CHECK', 'WRITE', 'SETUP', 'INTEGRATE', 'GENERATE', 'BUILD',
];
const KNOWN = new Set(KNOWN_VERBS);
const CHECKING_VERBS = new Set(['TEST', 'VERIFY', 'CHECK', 'RUN', 'VALIDATE']);

export function isKnownVerb(word: string): boolean {
  return KNOWN.has(word);
}

/** Verbs that check work rather than change files (`VERIFY`, `TEST`, `RUN`). */
export function isCheckingVerb(verb: string): boolean {
  return CHECKING_VERBS.has(verb);
}

export interface ActionLine {
  verb: string;
  /** The verb as written, when it differs from `verb` (a corrected typo). */
  writtenVerb?: string;
  path: string;
  text: string;
  /** Set when the verb is not one we know: the action was read from its shape alone. */
  unknownVerb?: boolean;
}

/** An upper-case verb in any Latin-script language: `CREATE`, `CREAR`, `MODIFICAR`, `ATUALIZAR`. */
const ACTION = /^\s*(\p{Lu}[\p{Lu}_]{1,19})(\s+\S.*)?$/u;
/** A verb in a script without case: `修改 src/x.py`, `作成：src/x.ts`, `생성 src/x.rs`. */
const CASELESS_ACTION = /^\s*([\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]{1,4})(?:\s*[:：]\s*|\s+)(\S.*)$/u;

/**
 * Reads `text` (a line without its bullet marker) as an action, or returns undefined.
 * Known verb: path optional. Any other verb (another language, a verb we do not list): an action when a
 * path follows and ends the line or is followed by a colon or a dash (`ENHANCE src/x.py`, `CREAR x.py:`),
 * so `NOTE src/x.py is legacy` stays prose.
 */
export function readActionLine(text: string): ActionLine | undefined {
  const m = ACTION.exec(text) ?? CASELESS_ACTION.exec(text);
  if (!m) return undefined;
  const written = m[1];
  const raw = (m[2] ?? '').trim();
  const endsWithColon = raw.endsWith(':') || raw.endsWith('：');
  const rest = endsWithColon ? raw.slice(0, -1).trimEnd() : raw;
  const words = rest.split(/\s+/);
  const first = cleanPathToken(words[0] ?? '');
  const path = isPathLike(first) ? first : '';

  if (KNOWN.has(written)) {
    if (rest === '' && !endsWithColon) return undefined;
    return { verb: written, path, text: rest };
  }
  if (path === '') return undefined;
  const corrected = closestVerb(written);
  if (corrected) return { verb: corrected, writtenVerb: written, path, text: rest };
  const after = words[1] ?? '';
  if (endsWithColon || words.length === 1 || /^(?:[:：\-–—(]|\()/.test(after)) return { verb: written, path, text: rest, unknownVerb: true };
  return undefined;
}

/** The known verb within a small edit distance of `word`, if there is exactly one best. */
export function closestVerb(word: string): string | undefined {
  if (!/^[A-Z_]+$/.test(word)) return undefined;
  const limit = word.length >= 6 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const verb of KNOWN_VERBS) {
    if (Math.abs(verb.length - word.length) > limit) continue;
    // `EDITAR`, `REMOVER`, `TESTAR`: a word of another language built on the verb, not a typo of it.
    if (word.startsWith(verb) || verb.startsWith(word)) continue;
    const d = editDistance(word, verb);
    if (d < bestDistance) {
      best = verb;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/** `CREATE` -> `Create`; unknown verbs stay as written. */
export function humanVerb(verb: string): string {
  if (!KNOWN.has(verb)) return verb;
  if (verb === 'SETUP') return 'Set up';
  if (verb === 'OPTIONAL') return 'Optionally change';
  return verb[0] + verb.slice(1).toLowerCase();
}
