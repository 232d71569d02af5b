// Splits the lines of a shell block into whole commands as written: a multi-line quote, loop, `if`,
// heredoc or `&&` chain is one command; `\` continuations are joined into one line. Lines that are not
// commands (prose, output, code of another language) are left out and reported with their line.
import { proseReason } from './commandShape';
import { ShellScanner, type ScannedLine } from './shellScanner';

/** A longer open quote or block is taken as never closed, so one stray quote cannot make a scan quadratic. */
const MAX_COMMAND_LINES = 300;

export interface ShellCommand {
  text: string;
  /** 0-based index of its first line. */
  line: number;
}

export interface DroppedLine {
  /** 0-based index of the line. */
  line: number;
  text: string;
  reason: string;
}

export interface ShellBlock {
  commands: ShellCommand[];
  dropped: DroppedLine[];
}

/** Reads lines `from`..`to` (0-based, inclusive) of `lines` as a shell block. */
export function readShellBlock(lines: string[], from: number, to: number): ShellBlock {
  const out: ShellBlock = { commands: [], dropped: [] };
  const indent = commonIndent(lines, from, to);
  const body = (j: number): string => lines[j].slice(Math.min(indent, leading(lines[j])));
  let prompted = false;
  for (let j = from; j <= to; j++) if (/^\s*\$\s/.test(lines[j])) prompted = true;

  let j = from;
  while (j <= to) {
    let first = body(j).trim();
    j++;
    if (first === '' || first.startsWith('#')) continue;
    if (prompted) {
      if (!first.startsWith('$')) continue;
      first = first.replace(/^\$\s*/, '');
    }
    const start = j - 1;
    const scanner = new ShellScanner();
    const scanned: Array<{ text: string; info: ScannedLine }> = [{ text: first, info: scanner.feedLine(first) }];
    while (!scanner.complete && j <= to && j - start < MAX_COMMAND_LINES) {
      let text = body(j);
      if (prompted) text = text.replace(/^> /, '');
      scanned.push({ text, info: scanner.feedLine(text) });
      j++;
    }
    if (scanner.error !== undefined) {
      out.dropped.push({ line: start, text: first, reason: `not valid shell: ${scanner.error}` });
      j = start + 1;
      continue;
    }
    if (!scanner.complete) {
      out.dropped.push({ line: start, text: first, reason: `not a whole command: ${scanner.openThing} is never closed` });
      j = start + 1;
      continue;
    }
    const prose = proseReason(scanner.firstWords);
    if (prose !== undefined) {
      out.dropped.push({ line: start, text: first, reason: `reads as ${prose}, not a command` });
      continue;
    }
    out.commands.push({ text: joinLines(scanned), line: start });
  }
  return out;
}

/** The command as written: comments cut, `\` continuations joined, quoted and heredoc lines kept whole. */
function joinLines(scanned: Array<{ text: string; info: ScannedLine }>): string {
  let text = '';
  let joinNext = false;
  for (let k = 0; k < scanned.length; k++) {
    const { text: raw, info } = scanned[k];
    if (info.verbatim) {
      text += `\n${raw}`;
      joinNext = false;
      continue;
    }
    let code = info.commentAt >= 0 ? raw.slice(0, info.commentAt) : raw;
    code = code.trimEnd();
    if (info.backslash) code = code.slice(0, -1).trimEnd();
    if (k === 0) text = code.trim();
    else if (joinNext) text += ` ${code.trim()}`;
    else if (code.trim() !== '') text += `\n${code}`;
    joinNext = info.backslash;
  }
  return text;
}

function leading(line: string): number {
  return line.length - line.trimStart().length;
}

function commonIndent(lines: string[], from: number, to: number): number {
  let min = Number.MAX_SAFE_INTEGER;
  for (let j = from; j <= to; j++) if (lines[j].trim() !== '') min = Math.min(min, leading(lines[j]));
  return min === Number.MAX_SAFE_INTEGER ? 0 : min;
}
