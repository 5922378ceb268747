/**
 * The one clipboard indicator: "Clipboard: Access token · cleared in 27 s" while Tessera holds a
 * secret there (main reports each copy and clear, src/renderer/src/state/clipboard.ts). It steps
 * back while the credentials card shows the same copy on its button. The countdown is not in a live
 * region (it would be read every second): a hidden status region says the start and the end once.
 */
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { useI18n } from '../i18n';
import { hold, holdShownInCard, watchClipboard } from '../state/clipboard';
import { timeFor, useClock } from '../state/clock';
import { useTessera } from '../tessera';
import './ClipboardStatus.css';

export function ClipboardStatus() {
  const api = useTessera();
  const clock = useClock();
  const { t, fmt } = useI18n();
  onCleanup(watchClipboard(api));
  const left = (): number | null => {
    const until = hold()?.clearsAt;
    return until ? Math.max(0, until - timeFor(clock, until)) : null;
  };
  // Said once when a copy starts and once when the clipboard is cleared.
  const [announcement, setAnnouncement] = createSignal('');
  createEffect(
    on(
      hold,
      (h, previous) => {
        if (h) {
          const ms = h.clearsAt === null ? null : Math.max(0, h.clearsAt - Date.now());
          setAnnouncement(ms === null ? t('credentials.announceCopiedKept', { what: h.what }) : t('credentials.announceCopied', { what: h.what, left: fmt().duration(ms) }));
        } else if (previous) setAnnouncement(t('credentials.announceCleared'));
      },
      { defer: true },
    ),
  );
  return (
    <>
      <div class="visually-hidden" role="status" data-testid="clipboard-announcement">
        {announcement()}
      </div>
      <Show when={hold() && !holdShownInCard() ? hold() : null}>
        {(h) => (
          <div class="clipboard-status" data-testid="clipboard-countdown">
            {left() === null ? t('credentials.holdsKept', { what: h().what }) : t('credentials.holds', { what: h().what, left: fmt().duration(left()!) })}
          </div>
        )}
      </Show>
    </>
  );
}
