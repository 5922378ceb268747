import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback';

describe('isLoopbackHost', () => {
  it('is this computer only as URL spells it: 127.0.0.1, localhost and [::1]', () => {
    for (const url of ['http://127.0.0.1:47801/v2', 'http://localhost/', 'http://[::1]:9/cb', 'http://LOCALHOST/']) expect(isLoopbackHost(new URL(url).hostname), url).toBe(true);
  });

  it('refuses look-alikes: other hosts that start or end like a loopback name, and other loopback spellings it does not vouch for', () => {
    for (const url of ['http://localhost.example.com/', 'http://127.0.0.1.example.com/', 'http://evil-localhost/', 'http://example.com/?h=127.0.0.1', 'http://10.0.0.1/'])
      expect(isLoopbackHost(new URL(url).hostname), url).toBe(false);
    expect(isLoopbackHost('::1')).toBe(false);
    expect(isLoopbackHost('')).toBe(false);
  });
});
