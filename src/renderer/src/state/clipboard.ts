/**
 * What Tessera holds on the clipboard, as main reports it (`clipboardChanged`: a copy, a clear, a
 * newer copy from the tray or the shortcut), and which credential of which account put it there
 * when the copy came from the window. One store for the window, so the credentials card's
 * "Copied · clears in 30 s" and the clipboard indicator read the same hold, and only one of them
 * shows it at a time (the indicator steps back while the card shows the copy).
 */
import { createSignal } from 'solid-js';
import type { TesseraApi } from '../../../shared/contract';
import type { ClipboardHold, CopyResult } from '../../../shared/types';

export interface CopySource {
  readonly accountId: string;
  readonly kind: string;
}

const [hold, setHold] = createSignal<ClipboardHold | null>(null);
const [source, setSource] = createSignal<{ readonly from: CopySource; readonly copy: CopyResult } | null>(null);
const [shownInCard, setShownInCard] = createSignal(0);

export { hold };

/** Follows main's clipboard events; returns the unsubscribe (ClipboardStatus, mounted once, calls it). */
export function watchClipboard(api: Pick<TesseraApi, 'on'>): () => void {
  return api.on('clipboardChanged', (next) => {
    setHold(next);
    if (next === null) setSource(null);
  });
}

/** A copy from the window's card: remembers which credential it was. */
export function noteCopy(from: CopySource, copy: CopyResult): void {
  setSource({ from, copy });
  // The answer and the event may come in either order: the answer says what main holds now.
  setHold({ what: copy.what, clearsAt: copy.clearsAt });
}

/** The hold, when the clipboard still holds what this credential's copy put there. */
export function holdOf(from: CopySource): ClipboardHold | null {
  const h = hold();
  const s = source();
  if (!h || !s || s.from.accountId !== from.accountId || s.from.kind !== from.kind) return null;
  return h.what === s.copy.what && h.clearsAt === s.copy.clearsAt ? h : null;
}

/** The copy the hold came from, when it came from the window. */
export const copySource = (): CopySource | null => source()?.from ?? null;

/** Counts the card rows showing the hold now (the indicator hides while one does). */
export function showInCard(): () => void {
  setShownInCard((n) => n + 1);
  return () => setShownInCard((n) => n - 1);
}

export const holdShownInCard = (): boolean => shownInCard() > 0;
