/**
 * The window's clipboard store (clipboard.ts) over a small bridge that plays main's
 * `clipboardChanged` events: a credential shows "Copied" only while the clipboard still holds its
 * copy, whatever the order of the copy's answer and the event, and not once another copy (the tray,
 * the shortcut) or a clear replaced it.
 */
import { createRoot } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClipboardHold } from '../../../shared/types';
import { hold, holdOf, holdShownInCard, noteCopy, showInCard, watchClipboard } from './clipboard';

function fakeMain() {
  let listener: ((hold: ClipboardHold | null) => void) | null = null;
  return {
    api: {
      on: ((event: string, l: (hold: ClipboardHold | null) => void) => {
        if (event === 'clipboardChanged') listener = l;
        return () => (listener = null);
      }) as never,
    },
    send: (h: ClipboardHold | null) => listener?.(h),
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const access = { accountId: 'a1', kind: 'access-token' };
const idToken = { accountId: 'a1', kind: 'id-token' };

describe('which copy the clipboard holds', () => {
  it('shows the copy on its own credential only, until the clipboard is cleared', () => {
    const main = fakeMain();
    createRoot((dispose) => {
      cleanups.push(watchClipboard(main.api), dispose);
      main.send({ what: 'Access token', clearsAt: 1_000 });
      noteCopy(access, { what: 'Access token', validUntil: null, clearsAt: 1_000 });
      expect(holdOf(access)).toEqual({ what: 'Access token', clearsAt: 1_000 });
      expect(holdOf(idToken)).toBeNull();
      expect(holdOf({ accountId: 'a2', kind: 'access-token' })).toBeNull();
      main.send(null);
      expect(holdOf(access)).toBeNull();
      expect(hold()).toBeNull();
    });
  });

  it('lets a later copy from elsewhere (tray, shortcut) take over: the card no longer claims it', () => {
    const main = fakeMain();
    createRoot((dispose) => {
      cleanups.push(watchClipboard(main.api), dispose);
      noteCopy(access, { what: 'Access token', validUntil: null, clearsAt: 1_000 });
      // The answer came before the event: the event for the same copy changes nothing.
      main.send({ what: 'Access token', clearsAt: 1_000 });
      expect(holdOf(access)).not.toBeNull();
      main.send({ what: 'Access token', clearsAt: 5_000 });
      expect(holdOf(access)).toBeNull();
      expect(hold()).toEqual({ what: 'Access token', clearsAt: 5_000 });
    });
  });

  it('counts the rows that show the hold, so the indicator steps back only while one does', () => {
    expect(holdShownInCard()).toBe(false);
    const stop = showInCard();
    expect(holdShownInCard()).toBe(true);
    stop();
    expect(holdShownInCard()).toBe(false);
  });
});
