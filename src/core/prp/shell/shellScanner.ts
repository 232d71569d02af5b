// A line-by-line scanner of POSIX/bash shell syntax, enough to tell where one command ends and whether a
// line parses as shell at all: quotes (also across lines), escapes, `$(...)`, `${...}`, backticks,
// heredocs, backslash continuations, trailing `&&`/`||`/`|`, and if/for/while/until/case/select/{ }/( ).
// It never runs anything and never throws; what it cannot accept is reported in `error`.

/** A word of the first simple command, as written (quotes kept). */
export interface ShellWord {
  text: string;
  /** The word has quotes, `$`, or escapes in it (so it is shell, not prose). */
  quoted: boolean;
}

/** How a fed line relates to the command. */
export interface ScannedLine {
  /** The line began inside a quote or a heredoc body: it is data, kept as written. */
  verbatim: boolean;
  /** Column where a `# comment` starts (outside quotes), or -1. */
  commentAt: number;
  /** The line ends with a `\` continuation outside quotes. */
  backslash: boolean;
}

type Compound = 'if' | 'loop' | 'case';

/** The word being read when `$(`, `<(` or `=(` opened, resumed after its `)`. */
interface SavedWord {
  word: string;
  cmdPos: boolean;
  wordsInCmd: number;
}

type Frame =
  | { kind: 'sq' | 'dq' | 'ansi' | 'bt' | 'param' | 'dbracket' | 'brace' }
  | { kind: 'sub'; resume?: SavedWord }
  | { kind: 'compound'; of: Compound; patterns: boolean; sawIn: boolean };

const CLOSERS: Record<string, Compound> = { fi: 'if', done: 'loop', esac: 'case' };
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;

export class ShellScanner {
  readonly firstWords: ShellWord[] = [];
  error: string | undefined;
  private readonly stack: Frame[] = [];
  private heredocs: Array<{ delimiter: string }> = [];
  private cmdPos = true;
  private wordsInCmd = 0;
  private pendingOperator = false;
  private backslash = false;
  private firstDone = false;
  private word = '';
  private wordQuoted = false;
  private inWord = false;
  private expectFunctionName = false;
  private afterFor = false;

  /** True when what was fed is one whole command (or an error stopped the scan). */
  get complete(): boolean {
    if (this.error !== undefined) return true;
    return this.stack.length === 0 && this.heredocs.length === 0 && !this.pendingOperator && !this.backslash;
  }

  /** What is still open, for messages ("a double quote"). */
  get openThing(): string {
    const top = this.stack[this.stack.length - 1];
    if (this.heredocs.length > 0) return `the heredoc ending in ${this.heredocs[0].delimiter}`;
    if (!top) return this.backslash ? 'a line continuation' : 'a trailing operator';
    switch (top.kind) {
      case 'sq':
      case 'ansi':
        return 'a single quote';
      case 'dq':
        return 'a double quote';
      case 'bt':
        return 'a backquote';
      case 'sub':
        return 'a parenthesis';
      case 'param':
      case 'brace':
        return 'a brace';
      case 'dbracket':
        return 'a [[ test';
      case 'compound':
        return top.of === 'if' ? 'an if block' : top.of === 'case' ? 'a case block' : 'a loop';
    }
  }

  feedLine(line: string): ScannedLine {
    if (this.heredocs.length > 0) {
      if (line.trim() === this.heredocs[0].delimiter) this.heredocs.shift();
      return { verbatim: true, commentAt: -1, backslash: false };
    }
    const top = this.stack[this.stack.length - 1];
    const verbatim = top !== undefined && (top.kind === 'sq' || top.kind === 'dq' || top.kind === 'ansi' || top.kind === 'bt');
    const continued = this.backslash;
    this.backslash = false;
    // Inside a block a new line starts a new command, as `;` would.
    if (this.stack.length > 0 && !verbatim && !continued) this.newCommand();
    let commentAt = -1;
    const newHeredocs: Array<{ delimiter: string }> = [];
    let i = 0;
    while (i < line.length && this.error === undefined) {
      const frame = this.stack[this.stack.length - 1];
      if (frame && (frame.kind === 'sq' || frame.kind === 'ansi' || frame.kind === 'dq' || frame.kind === 'bt' || frame.kind === 'param')) {
        i = this.inQuote(frame.kind, line, i);
        continue;
      }
      const c = line[i];
      if (c === ' ' || c === '\t') {
        this.endWord();
        i++;
      } else if (c === '#' && !this.inWord) {
        commentAt = i;
        break;
      } else if (c === '\\') {
        if (i === line.length - 1) {
          this.backslash = true;
          i++;
        } else {
          this.addToWord(line.slice(i, i + 2), true);
          i += 2;
        }
      } else if (c === "'" || c === '"' || c === '`') {
        this.addToWord('', true);
        this.stack.push({ kind: c === "'" ? 'sq' : c === '"' ? 'dq' : 'bt' });
        i++;
      } else if (c === '$') {
        i = this.dollar(line, i);
      } else if (c === '(' || c === ')') {
        i = this.paren(line, i);
      } else if (c === ';' || c === '&' || c === '|') {
        i = this.operator(line, i);
      } else if (c === '<' || c === '>') {
        i = this.redirect(line, i, newHeredocs);
      } else {
        this.addToWord(c, false);
        i++;
      }
    }
    const frame = this.stack[this.stack.length - 1];
    const quoteOpen = frame !== undefined && (frame.kind === 'sq' || frame.kind === 'ansi' || frame.kind === 'dq' || frame.kind === 'bt' || frame.kind === 'param');
    if (!quoteOpen && !this.backslash) this.endWord();
    if (!quoteOpen && !this.backslash && this.inFirst()) this.firstDone = this.firstWords.length > 0 || this.firstDone;
    this.heredocs.push(...newHeredocs);
    return { verbatim, commentAt, backslash: this.backslash };
  }

  private inFirst(): boolean {
    return !this.firstDone && this.stack.length === 0;
  }

  private newCommand(): void {
    this.endWord();
    this.cmdPos = true;
    this.wordsInCmd = 0;
    this.afterFor = false;
  }

  private addToWord(text: string, quoted: boolean): void {
    this.word += text;
    this.wordQuoted = this.wordQuoted || quoted;
    this.inWord = true;
  }

  /** Inside quotes or `${...}`: returns the index after what it consumed. */
  private inQuote(kind: 'sq' | 'ansi' | 'dq' | 'bt' | 'param', line: string, i: number): number {
    const c = line[i];
    this.word += c;
    if (kind === 'sq') {
      if (c === "'") this.stack.pop();
      return i + 1;
    }
    if (c === '\\') {
      this.word += line[i + 1] ?? '';
      return i + 2;
    }
    if ((kind === 'ansi' && c === "'") || (kind === 'dq' && c === '"') || (kind === 'bt' && c === '`') || (kind === 'param' && c === '}')) {
      this.stack.pop();
      return i + 1;
    }
    if (kind === 'dq' && c === '`') {
      this.stack.push({ kind: 'bt' });
      return i + 1;
    }
    if ((kind === 'dq' || kind === 'param') && c === '$' && (line[i + 1] === '(' || line[i + 1] === '{')) {
      this.word += line[i + 1];
      if (line[i + 1] === '{') this.stack.push({ kind: 'param' });
      else this.openSub(true);
      return i + 2;
    }
    if (kind === 'param' && (c === '"' || c === "'")) this.stack.push({ kind: c === '"' ? 'dq' : 'sq' });
    return i + 1;
  }

  private openSub(resumeWord: boolean): void {
    const resume = resumeWord ? { word: this.word, cmdPos: this.cmdPos, wordsInCmd: this.wordsInCmd } : undefined;
    this.stack.push({ kind: 'sub', resume });
    this.word = '';
    this.inWord = false;
    this.cmdPos = true;
    this.wordsInCmd = 0;
  }

  private dollar(line: string, i: number): number {
    const next = line[i + 1];
    this.addToWord('$', true);
    if (next === '(') {
      this.openSub(true);
      return i + 2;
    }
    if (next === '{') {
      this.word += '{';
      this.stack.push({ kind: 'param' });
      return i + 2;
    }
    if (next === "'") {
      this.word += "'";
      this.stack.push({ kind: 'ansi' });
      return i + 2;
    }
    return i + 1;
  }

  private paren(line: string, i: number): number {
    const c = line[i];
    const top = this.stack[this.stack.length - 1];
    const casePatterns = top?.kind === 'compound' && top.of === 'case' && top.patterns;
    if (c === '(') {
      if (top?.kind === 'dbracket' || (casePatterns && !this.inWord)) {
        this.addToWord('(', false);
        return i + 1;
      }
      if (!this.inWord && (this.cmdPos || this.afterFor)) {
        this.openSub(false);
        return i + 1;
      }
      if (this.inWord && this.word.endsWith('=')) {
        this.addToWord('(', false);
        this.openSub(true);
        return i + 1;
      }
      if (this.inWord && line[i + 1] === ')' && this.wordsInCmd <= 1 && (this.cmdPos || this.expectFunctionName)) {
        // `name() {`: a function definition; its body follows.
        this.endWord();
        this.cmdPos = true;
        this.wordsInCmd = 0;
        return i + 2;
      }
      this.error = `unexpected "(" after "${this.word || this.lastWordText()}"`;
      return i + 1;
    }
    if (top?.kind === 'sub') {
      this.endWord();
      this.stack.pop();
      if (top.resume) {
        this.word = `${top.resume.word}…)`;
        this.inWord = true;
        this.wordQuoted = true;
        this.cmdPos = top.resume.cmdPos;
        this.wordsInCmd = top.resume.wordsInCmd;
      } else {
        this.cmdPos = false;
      }
      return i + 1;
    }
    if (casePatterns) {
      this.endWord();
      top.patterns = false;
      this.cmdPos = true;
      this.wordsInCmd = 0;
      return i + 1;
    }
    if (top?.kind === 'dbracket') {
      this.addToWord(')', false);
      return i + 1;
    }
    this.error = 'unexpected ")"';
    return i + 1;
  }

  private lastWordText(): string {
    return this.firstWords.length > 0 ? this.firstWords[this.firstWords.length - 1].text : '';
  }

  private operator(line: string, i: number): number {
    const c = line[i];
    const two = line.slice(i, i + 2);
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'dbracket' && (two === '&&' || two === '||')) {
      this.endWord();
      return i + 2;
    }
    if (c === '|' && top?.kind === 'compound' && top.of === 'case' && top.patterns) {
      this.endWord();
      return i + 1;
    }
    if (c === '&' && line[i + 1] === '>') return this.redirect(line, i + 1, []);
    this.endWord();
    const hadCommand = this.wordsInCmd > 0 || !this.cmdPos;
    if (this.inFirst() && this.firstWords.length > 0) this.firstDone = true;
    if (two === ';;' || two === ';&') {
      if (top?.kind === 'compound' && top.of === 'case') top.patterns = true;
      else this.error = 'unexpected ";;"';
      this.newCommand();
      this.pendingOperator = false;
      return i + (line[i + 2] === '&' ? 3 : 2);
    }
    const binary = two === '&&' || two === '||' || (c === '|' && two !== '||');
    if (binary && !hadCommand) this.error = `"${c === '|' && two !== '||' ? '|' : two}" with no command before it`;
    if (c === ';' && !hadCommand && this.stack.length === 0) this.error = 'unexpected ";"';
    this.newCommand();
    this.pendingOperator = binary;
    return i + (two === '&&' || two === '||' || two === '|&' ? 2 : 1);
  }

  private redirect(line: string, i: number, heredocs: Array<{ delimiter: string }>): number {
    this.endWord();
    const c = line[i];
    let j = i + 1;
    if (c === '<' && line[j] === '<' && line[j + 1] !== '<') {
      j++;
      if (line[j] === '-') j++;
      while (line[j] === ' ' || line[j] === '\t') j++;
      const m = /^(["']?)([^\s"'<>;&|()]+)\1/.exec(line.slice(j));
      if (!m) {
        this.error = 'a heredoc with no delimiter';
        return line.length;
      }
      heredocs.push({ delimiter: m[2] });
      this.cmdPos = false;
      this.pendingOperator = false;
      return j + m[0].length;
    }
    while (j < line.length && (line[j] === '<' || line[j] === '>' || line[j] === '&' || line[j] === '|')) j++;
    if (line[j] === '(' && j === i + 1) {
      this.addToWord(`${c}(`, true);
      this.openSub(true);
      return j + 1;
    }
    this.cmdPos = false;
    this.pendingOperator = false;
    return j;
  }

  /** Ends the word being read and applies what it means in command position. */
  private endWord(): void {
    if (!this.inWord) return;
    const text = this.word;
    const quoted = this.wordQuoted;
    this.word = '';
    this.wordQuoted = false;
    this.inWord = false;
    this.pendingOperator = false;
    if (this.inFirst()) this.firstWords.push({ text, quoted });
    if (quoted) {
      this.plainWord(text);
      return;
    }
    this.keyword(text);
  }

  private plainWord(text: string): void {
    if (this.expectFunctionName) {
      this.expectFunctionName = false;
      this.cmdPos = true;
      return;
    }
    if (this.cmdPos && ASSIGNMENT.test(text)) return;
    this.cmdPos = false;
    this.afterFor = false;
    this.wordsInCmd++;
  }

  private keyword(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'compound' && top.of === 'case') {
      if (!top.sawIn && text === 'in') {
        top.sawIn = true;
        top.patterns = true;
        this.cmdPos = true;
        return;
      }
      if (top.patterns) {
        if (text === 'esac') this.closeCompound('esac');
        return;
      }
    }
    if (top?.kind === 'dbracket') {
      if (text === ']]') this.stack.pop();
      this.cmdPos = false;
      return;
    }
    if (!this.cmdPos) {
      if (this.afterFor && text === 'in') return;
      this.plainWord(text);
      return;
    }
    switch (text) {
      case 'if':
      case 'while':
      case 'until':
        this.stack.push({ kind: 'compound', of: text === 'if' ? 'if' : 'loop', patterns: false, sawIn: false });
        return;
      case 'for':
      case 'select':
        this.stack.push({ kind: 'compound', of: 'loop', patterns: false, sawIn: false });
        this.cmdPos = false;
        this.afterFor = true;
        return;
      case 'case':
        this.stack.push({ kind: 'compound', of: 'case', patterns: false, sawIn: false });
        this.cmdPos = false;
        return;
      case 'then':
      case 'elif':
      case 'else':
      case 'do':
        if (top?.kind !== 'compound' || top.of === 'case' || ((text === 'do') !== (top.of === 'loop'))) this.error = `"${text}" outside its block`;
        return;
      case 'fi':
      case 'done':
      case 'esac':
        this.closeCompound(text);
        return;
      case '{':
        this.stack.push({ kind: 'brace' });
        return;
      case '}':
        if (top?.kind === 'brace') this.stack.pop();
        else this.error = 'unexpected "}"';
        this.cmdPos = false;
        return;
      case '[[':
        this.stack.push({ kind: 'dbracket' });
        this.cmdPos = false;
        return;
      case '!':
      case 'time':
        return;
      case 'function':
        this.expectFunctionName = true;
        this.cmdPos = false;
        return;
      default:
        this.plainWord(text);
    }
  }

  private closeCompound(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'compound' && top.of === CLOSERS[text]) {
      this.stack.pop();
      this.cmdPos = false;
      this.wordsInCmd = 1;
    } else {
      this.error = `"${text}" closes no block`;
    }
  }
}
