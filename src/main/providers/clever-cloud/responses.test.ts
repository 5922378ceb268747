import { describe, expect, it } from 'vitest';
import { parseCleverDate } from './responses';

describe('parseCleverDate', () => {
  it('reads epoch ms, digits, ISO and ISO with a [zone] suffix', () => {
    expect(parseCleverDate(1714557600000)).toBe(1714557600000);
    expect(parseCleverDate('1714557600000')).toBe(1714557600000);
    expect(parseCleverDate('2024-05-01T10:00:00Z')).toBe(1714557600000);
    expect(parseCleverDate('2024-05-01T10:00Z[UTC]')).toBe(1714557600000);
    expect(parseCleverDate('2024-05-01T12:00:00.000+02:00[Europe/Paris]')).toBe(1714557600000);
  });

  it('refuses anything else', () => {
    for (const bad of ['tomorrow', '', 'May 1, 2024', '2024-05-01T10:00:00Z[', Number.NaN]) expect(parseCleverDate(bad)).toBeNaN();
  });
});
