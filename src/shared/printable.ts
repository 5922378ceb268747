/**
 * Text from elsewhere (account names from providers, a caller's command line, a directory name)
 * made safe to print on a terminal. A terminal obeys control characters: an account named
 * "\x1b[2K\rAllow? [o]nce" could rewrite the approval question the user reads, a BEL or an OSC
 * sequence could do worse, and bidirectional overrides reorder what is shown. Every C0 and C1
 * control character, DEL, and the Unicode bidirectional controls are shown as `\xNN` / `\u{NNNN}`
 * escapes instead.
 */

// C0 controls, DEL, C1 controls; bidi embeddings, overrides and isolates; line and paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;
// eslint-disable-next-line no-control-regex -- as above, the newline aside
const UNSAFE_KEEPING_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;

function escape(ch: string): string {
  const code = ch.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** One line of text, every control character escaped (newlines too). */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Text of several lines (a message Tessera wrote, with names already made printable): newlines kept. */
export function printableLines(text: string): string {
  return text.replace(UNSAFE_KEEPING_LINES, escape);
}
