import { describe, expect, it } from 'vitest';
import type { ClipboardPort } from '../desktop/ports';
import { FakeClock } from '../../../test/support/fake-clock';
import type { ClipboardHold } from '../../shared/types';
import { ClipboardGuard } from './clipboard-guard';

/** The system clipboard is Electron's; this is the smallest stand-in that behaves like one. */
class MemoryClipboard implements ClipboardPort {
  text = '';
  concealed = false;
  writeText = async (text: string, opts: { concealed: boolean }) => {
    this.text = text;
    this.concealed = opts.concealed;
  };
  readText = async () => this.text;
  clear = async () => void (this.text = '');
}

function setup(seconds = 30) {
  const clock = new FakeClock();
  const clipboard = new MemoryClipboard();
  const holds: (ClipboardHold | null)[] = [];
  const guard = new ClipboardGuard({ clipboard, clearAfterSeconds: () => seconds, clock, onChange: (h) => holds.push(h) });
  return { clock, clipboard, guard, holds };
}

describe('ClipboardGuard', () => {
  it('writes concealed and clears after the delay', async () => {
    const { clock, clipboard, guard, holds } = setup(30);
    const hold = await guard.write('secret-1', 'Access token');
    expect(clipboard).toMatchObject({ text: 'secret-1', concealed: true });
    expect(hold).toEqual({ what: 'Access token', clearsAt: clock.now() + 30_000 });
    await clock.advance(29_000);
    expect(clipboard.text).toBe('secret-1');
    await clock.advance(1_000);
    expect(clipboard.text).toBe('');
    expect(holds.at(-1)).toBeNull();
  });

  it('leaves alone what the user copied afterwards', async () => {
    const { clock, clipboard, guard } = setup(30);
    await guard.write('secret-1', 'Access token');
    clipboard.text = 'the user’s own text';
    await clock.advance(60_000);
    expect(clipboard.text).toBe('the user’s own text');
  });

  it('keeps one pending clear: a new copy replaces the old one', async () => {
    const { clock, clipboard, guard } = setup(30);
    await guard.write('secret-1', 'A');
    await clock.advance(20_000);
    await guard.write('secret-2', 'B');
    expect(clock.pending).toBe(1);
    await clock.advance(20_000);
    expect(clipboard.text).toBe('secret-2');
    await clock.advance(10_000);
    expect(clipboard.text).toBe('');
  });

  it('never clears with a delay of 0, and clears on quit if still ours', async () => {
    const { clock, clipboard, guard } = setup(0);
    const hold = await guard.write('secret-1', 'A');
    expect(hold.clearsAt).toBeNull();
    expect(clock.pending).toBe(0);
    await clock.advance(3_600_000);
    expect(clipboard.text).toBe('secret-1');
    await guard.clearNow();
    expect(clipboard.text).toBe('');
  });

  it('holds a short-lived value until its own clear time, even when the setting says later or never, and clears it on quit', async () => {
    for (const seconds of [30, 0]) {
      const { clock, clipboard, guard, holds } = setup(seconds);
      const hold = await guard.write('hand-off-code', 'Hand-off code', { clearAfterMs: 10_000 });
      // The status shows it like any other copy, with its own time.
      expect(hold).toEqual({ what: 'Hand-off code', clearsAt: clock.now() + 10_000 });
      expect(holds).toEqual([hold]);
      await clock.advance(9_999);
      expect(clipboard.text).toBe('hand-off-code');
      await clock.advance(1);
      expect(clipboard.text).toBe('');
      expect(holds.at(-1)).toBeNull();
    }
    const { clipboard, guard } = setup(30);
    await guard.write('hand-off-code', 'Hand-off code', { clearAfterMs: 10_000 });
    await guard.clearNow();
    expect(clipboard.text).toBe('');
  });

  it('lets the setting shorten a hold with its own clear time', async () => {
    const { clock, clipboard, guard } = setup(5);
    const hold = await guard.write('hand-off-code', 'Hand-off code', { clearAfterMs: 10_000 });
    expect(hold.clearsAt).toBe(clock.now() + 5_000);
    await clock.advance(5_000);
    expect(clipboard.text).toBe('');
  });
});

describe('ClipboardGuard without a listener, and with nothing held', () => {
  it('clears after the delay even when nobody listens for the countdown', async () => {
    const clock = new FakeClock();
    const clipboard = new MemoryClipboard();
    const guard = new ClipboardGuard({ clipboard, clearAfterSeconds: () => 10, clock });
    expect(await guard.write('secret-1', 'Access token')).toEqual({ what: 'Access token', clearsAt: clock.now() + 10_000 });
    await clock.advance(10_000);
    expect(clipboard.text).toBe('');
  });

  it('on quit, leaves the clipboard alone when Tessera holds nothing (never copied, or already cleared)', async () => {
    const { clock, clipboard, guard, holds } = setup(30);
    clipboard.text = 'the user’s own text';
    await guard.clearNow();
    expect(clipboard.text).toBe('the user’s own text');
    expect(holds).toEqual([]);
    await guard.write('secret-1', 'A');
    await clock.advance(30_000);
    clipboard.text = 'copied after the clear';
    await guard.clearNow();
    expect(clipboard.text).toBe('copied after the clear');
    expect(holds).toEqual([{ what: 'A', clearsAt: expect.any(Number) }, null]);
  });
});

describe('ClipboardGuard without a listener, on quit', () => {
  it('clears what it holds on quit even when nobody listens for the countdown', async () => {
    const clipboard = new MemoryClipboard();
    const guard = new ClipboardGuard({ clipboard, clearAfterSeconds: () => 30, clock: new FakeClock() });
    await guard.write('secret-1', 'Access token');
    await guard.clearNow();
    expect(clipboard.text).toBe('');
  });
});
