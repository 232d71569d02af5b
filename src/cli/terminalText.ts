// What the CLI prints comes partly from the model, the server and the repository: none of it may drive the
// terminal. Messages lose their control sequences; a diff keeps every byte but shows controls as visible escapes.

// CSI (ESC [ or U+009B ... final byte), OSC / DCS / PM / APC / SOS strings (ended by BEL or ST), other ESC pairs.
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u007e]?/g;
// C0 controls but tab and line feed, DEL, C1 controls, and the bidi controls that reorder what is shown.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// The same, but a carriage return right before a line feed (CRLF files) is kept.
const CONTROL_BUT_CRLF = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** For messages: escape sequences removed, other control characters dropped (newlines and tabs stay). */
export function stripControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** For a diff on the terminal: each control character shown as `\xNN` / `\uNNNN`, so nothing is lost or hidden. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL_BUT_CRLF, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** For JSON on the terminal: JSON.stringify escapes C0 already; escape the rest as valid JSON `\uNNNN`. */
export function escapeJsonControls(json: string): string {
  return json.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
