import { describe, expect, it } from 'vitest';
import { printable, printableLines } from './printable';

describe('printable', () => {
  it('shows every control character as an escape: a name cannot move the cursor or rewrite a question', () => {
    expect(printable('Work\x1b[2K\rAllow? [o]nce')).toBe('Work\\x1b[2K\\x0dAllow? [o]nce');
    expect(printable('a\x07b\x00c\x7fd\x9be')).toBe('a\\x07b\\x00c\\x7fd\\x9be');
    expect(printable('line\nbreak\ttab')).toBe('line\\x0abreak\\x09tab');
  });

  it('escapes bidirectional controls, which reorder what the terminal shows', () => {
    expect(printable('evil\u202Etxt.exe')).toBe('evil\\u{202e}txt.exe');
    expect(printable('a\u2066b\u2069c\u200fd\u2028e')).toBe('a\\u{2066}b\\u{2069}c\\u{200f}d\\u{2028}e');
  });

  it('leaves ordinary text alone, accents and emoji included', () => {
    expect(printable('Zoë’s prod 🚀 <b>&amp;</b> $(x) `y`')).toBe('Zoë’s prod 🚀 <b>&amp;</b> $(x) `y`');
  });

  it('printableLines keeps newlines and nothing else', () => {
    expect(printableLines('one\ntwo\x1b]0;title\x07')).toBe('one\ntwo\\x1b]0;title\\x07');
  });
});
