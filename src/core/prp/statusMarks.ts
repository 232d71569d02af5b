// Status marks PRP authors put on task headings: `### [x] Task 1: ...`, `Task 3 ✅ DONE`, `(en progreso)`,
// `【已完成】`. They are taken off the text (so the task is still read) and become the task's status.

import type { PrpTaskStatus } from './prp';

export type TaskStatus = PrpTaskStatus;

const DONE_EMOJI = '✅✔☑✓🟢🎉';
const PROGRESS_EMOJI = '🔄⏳🚧🟡▶🏗⌛🔨';
const OPEN_EMOJI = '⬜🔲☐❌🔴⭕';
const DONE_WORDS = String.raw`done|complete[d]?|finished|completad[oa]|hech[oa]|terminad[oa]|conclu[ií]d[oa]|feit[oa]|erledigt|fertig|termin[ée]e?|已完成|完成|已实现|已實現|完了|済み?|実装済み?|완료`;
const PROGRESS_WORDS = String.raw`in[ _-]progress|wip|ongoing|en (?:progreso|curso)|em (?:andamento|progresso)|in (?:arbeit|bearbeitung)|en cours|进行中|進行中|対応中|作業中|진행 ?중`;
const OPEN_WORDS = String.raw`todo|to do|pending|pendiente|pendente|offen|未完成|未着手|대기`;
const ALL_WORDS = `${DONE_WORDS}|${PROGRESS_WORDS}|${OPEN_WORDS}`;

const CHECKBOX = /\[([ xX✓✔~\-/>.])\]/u;
const EMOJI = new RegExp(`[${DONE_EMOJI}${PROGRESS_EMOJI}${OPEN_EMOJI}]\\u{FE0F}?`, 'gu');
const BRACKETED = new RegExp(String.raw`[[(（【]\s*(${ALL_WORDS})\s*[\])）】]`, 'giu');
/** An upper-case status word at the end (`Task 3 DONE`, `— IN PROGRESS`), or any status word after a dash. */
const TRAILING_UPPER = new RegExp(String.raw`(?:[\-–—|:：]|\d)\s*(${ALL_WORDS})\s*[.!]?\s*$`, 'u');
const TRAILING_ANY = new RegExp(String.raw`[\-–—|:：]\s*(${ALL_WORDS})\s*[.!]?\s*$`, 'iu');
const TRAILING_CASELESS = /\s((?:已完成|完成|已实现|已實現|完了|済み?|実装済み?|완료|进行中|進行中|対応中|作業中|진행 ?중))\s*$/u;

export interface StatusRead {
  /** The text without its status marks. */
  text: string;
  status?: TaskStatus;
}

function statusOfWord(word: string): TaskStatus | 'open' {
  const w = word.toLowerCase();
  if (new RegExp(`^(?:${PROGRESS_WORDS})$`, 'iu').test(w)) return 'in_progress';
  if (new RegExp(`^(?:${OPEN_WORDS})$`, 'iu').test(w)) return 'open';
  return 'done';
}

/** Takes status marks off a task heading or start line. */
export function takeStatusMarks(line: string): StatusRead {
  let text = line;
  const found: Array<TaskStatus | 'open'> = [];
  const box = CHECKBOX.exec(text);
  if (box) {
    const c = box[1];
    found.push(c === ' ' ? 'open' : /[xX✓✔]/u.test(c) ? 'done' : 'in_progress');
    text = text.slice(0, box.index) + text.slice(box.index + box[0].length);
  }
  text = text.replace(EMOJI, (m) => {
    const c = m.replace('\u{FE0F}', '');
    found.push(DONE_EMOJI.includes(c) ? 'done' : PROGRESS_EMOJI.includes(c) ? 'in_progress' : 'open');
    return ' | ';
  });
  text = text.replace(BRACKETED, (_m, word: string) => {
    found.push(statusOfWord(word));
    return ' | ';
  });
  for (;;) {
    const upper = TRAILING_UPPER.exec(text);
    const m = upper && upper[1] === upper[1].toUpperCase() && /\p{Lu}/u.test(upper[1]) ? upper : (TRAILING_ANY.exec(text) ?? TRAILING_CASELESS.exec(text));
    if (!m) break;
    found.push(statusOfWord(m[1]));
    // Keep the digit of `Task 3 DONE`: only the word and what separates it go.
    text = text.slice(0, m.index + m[0].indexOf(m[1])).replace(/[\s\-–—|:：]+$/u, '');
  }
  text = text.replace(/\s*\|(?:\s*\|)*\s*/g, (_m: string, offset: number) => (offset === 0 ? '' : ' ')).replace(/[\s\-–—|]+$/u, '').replace(/(\S)\s{2,}/g, '$1 ');
  const status = found.includes('in_progress') ? 'in_progress' : found.includes('done') ? 'done' : undefined;
  return found.length === 0 ? { text: line } : { text: text.trimEnd(), status };
}
