// A command's combined output, kept in bounded memory: ANSI codes stripped as it streams, the first and last
// halves of the allowance kept, the middle counted and cut. A command printing gigabytes costs a few MB at most.

export const OUTPUT_MAX_CHARS = 30_000;

// CSI (colours, cursor moves), OSC (titles, links) and two-character escapes.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
/** An escape sequence cut by a chunk boundary is held back at most this long. */
const MAX_PENDING_ESCAPE = 256;

export class OutputCapture {
  private readonly decoder = new TextDecoder('utf-8');
  private pendingEscape = '';
  private head = '';
  /** Tail pieces; trimmed to `half` characters whenever they grow past twice that. */
  private tail: string[] = [];
  private tailLength = 0;
  private total = 0;
  private readonly half: number;

  constructor(private readonly maxChars = OUTPUT_MAX_CHARS) {
    this.half = Math.floor(maxChars / 2);
  }

  /** Adds raw bytes; returns the stripped text they completed (for a live view). */
  push(bytes: Uint8Array): string {
    return this.add(this.decoder.decode(bytes, { stream: true }));
  }

  /** Flushes what the decoder and the escape buffer hold. */
  end(): string {
    const rest = this.decoder.decode();
    const text = (this.pendingEscape + rest).replace(ANSI, '');
    this.pendingEscape = '';
    this.keep(text);
    return text;
  }

  /** Characters seen after stripping. */
  get length(): number {
    return this.total;
  }

  /** The output as the model gets it: whole, or head + a line saying how much was cut + tail. */
  text(): string {
    const tail = this.tail.join('');
    if (this.total <= this.maxChars) return this.head + tail;
    const kept = tail.slice(tail.length - (this.maxChars - this.head.length));
    const cut = this.total - this.head.length - kept.length;
    return `${this.head}\n... [${cut} characters cut from the middle of the output] ...\n${kept}`;
  }

  private add(decoded: string): string {
    let text = this.pendingEscape + decoded;
    this.pendingEscape = '';
    const escape = text.lastIndexOf('\x1b');
    if (escape !== -1 && text.length - escape < MAX_PENDING_ESCAPE) {
      const from = text.slice(escape);
      ANSI.lastIndex = 0;
      const match = ANSI.exec(from);
      if (!match || match.index !== 0) {
        this.pendingEscape = from;
        text = text.slice(0, escape);
      }
    }
    const stripped = text.replace(ANSI, '');
    this.keep(stripped);
    return stripped;
  }

  private keep(text: string): void {
    if (text === '') return;
    this.total += text.length;
    let rest = text;
    if (this.head.length < this.half) {
      const room = this.half - this.head.length;
      this.head += rest.slice(0, room);
      rest = rest.slice(room);
    }
    if (rest === '') return;
    this.tail.push(rest);
    this.tailLength += rest.length;
    if (this.tailLength > 2 * this.maxChars) {
      const joined = this.tail.join('');
      const trimmed = joined.slice(joined.length - this.maxChars);
      this.tail = [trimmed];
      this.tailLength = trimmed.length;
    }
  }
}
