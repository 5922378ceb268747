import { describe, expect, it } from 'vitest';
import { interpretAnswer, promptLine } from './tty-prompt';

describe('interpretAnswer', () => {
  it('reads once and session only when offered; anything else denies', () => {
    const all = ['once', 'session', 'deny'] as const;
    expect(interpretAnswer('o', all)).toBe('once');
    expect(interpretAnswer(' Once \r', all)).toBe('once');
    expect(interpretAnswer('y', all)).toBe('once');
    expect(interpretAnswer('s', all)).toBe('session');
    expect(interpretAnswer('s', ['once', 'deny'])).toBe('deny');
    for (const typed of ['', 'd', 'no', 'sure', 'oo', 'always']) expect(interpretAnswer(typed, all)).toBe('deny');
  });

  it('creates a grant only when yes is typed in full', () => {
    expect(interpretAnswer('yes', ['confirm', 'deny'])).toBe('confirm');
    for (const typed of ['y', 'o', 's', 'YES please', '']) expect(interpretAnswer(typed, ['confirm', 'deny'])).toBe('deny');
  });
});

describe('promptLine', () => {
  it('offers the session only when the agent does', () => {
    expect(promptLine(['once', 'session', 'deny'])).toContain('[s]ession');
    expect(promptLine(['once', 'deny'])).not.toContain('session');
    expect(promptLine(['confirm', 'deny'])).toContain('yes');
  });
});
