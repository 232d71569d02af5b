// Whether a line that scans as shell is a command or prose that happens to scan (`1. Open the page`,
// `Chrome/Edge: [check]`, `- the login page is shown`). Judged from the shape of its words, in any language.
import { ShellScanner, type ShellWord } from './shellScanner';

const LIST_MARKER = /^(?:\d+[.)]|[-*+•–—]|[a-z][.)])$/;
/** Letters with sentence punctuation only: a word of prose, not an argument. */
const PLAIN_WORD = /^[\p{L}'’]+[,.;:!?。、]?$/u;
const SENTENCE_END = /[\p{L}][.!?。]$/u;

/** Why `words` (the first simple command of a line) is not a command, or undefined when it reads as one. */
export function proseReason(words: ShellWord[]): string | undefined {
  if (words.length === 0) return undefined;
  const first = words[0];
  const name = first.text;
  if (/^[[{]./.test(name) && name !== '[[') return 'data';
  if (/^[}\]]/.test(name)) return 'data';
  if (first.quoted) return undefined;
  if (LIST_MARKER.test(name)) return 'a list item';
  if (name.length > 1 && /[:：]$/.test(name)) return 'a label';
  if (/^[^\x20-\x7e]/.test(name) || /\p{L}/u.test(name.replace(/[\x20-\x7e]/g, ''))) return 'text';
  if (/^\d+$/.test(name)) return 'output';
  const unquoted = words.filter((w) => !w.quoted);
  if (unquoted.some((w) => /[^\x20-\x7e]/.test(w.text) && /^[\p{L}'’]+[,.;:!?。、]?$/u.test(w.text))) return 'text';
  const plain = words.every((w) => !w.quoted && PLAIN_WORD.test(w.text));
  if (plain) {
    if (/^\p{Lu}\p{Ll}+[,.;:!?]?$/u.test(name)) return 'a sentence';
    if (words.length >= 5) return 'a sentence';
    if (words.length >= 3 && SENTENCE_END.test(words[words.length - 1].text)) return 'a sentence';
  }
  return undefined;
}

/** Scans a single line; undefined when it is not a whole, valid shell command. */
function scanOne(text: string): ShellScanner | undefined {
  const scanner = new ShellScanner();
  scanner.feedLine(text);
  return scanner.complete && scanner.error === undefined ? scanner : undefined;
}

/**
 * Whether a back-ticked span in prose (`uv run pytest -q`, `ls -1d skills/*\/ | wc -l`) is a command rather
 * than code, a path or a name: it scans as one whole command, reads as one, and either has arguments or
 * runs a script by its path.
 */
export function isCommandLike(span: string): boolean {
  const text = span.trim().replace(/^\$\s+/, '');
  if (text === '' || text.length > 400 || text.includes('\n')) return false;
  const scanner = scanOne(text);
  if (!scanner || proseReason(scanner.firstWords) !== undefined) return false;
  const words = scanner.firstWords;
  const name = words[0]?.text ?? '';
  // A script run by its path: `./scripts/check.sh`, `../bin/lint`, `tools/verify.sh --all`.
  if (/^\.{1,2}\/[\w./-]*[\w-]$/.test(name)) return true;
  if (/^[\w.-]+\/[\w./-]*\.(?:sh|bash)$/.test(name)) return true;
  if (!/^(?:[A-Za-z_][\w.+-]*=\S*|[a-z0-9][\w.+-]*)$/.test(name)) return false;
  if (words.length < 2) return false;
  // `x = 1`, `a == b`: code, not a command.
  return !words.some((w) => /^[=!<>]=?$|^==$/.test(w.text));
}
