/**
 * A live relative time ("expires in 3 days", "expired 2 h ago") with the exact date in its title.
 * Reads the shared clock; the text node changes only when the words do. Use it for every expiry
 * or countdown on screen (token lifetimes, hand-off codes, clipboard clearing).
 */
import { createMemo } from 'solid-js';
import { expiryText, formatDate } from '../format';
import { useI18n } from '../i18n';
import { timeFor, useClock } from '../state/clock';

export function Expiry(props: { at: number | null; class?: string; format?: (at: number | null, now: number) => string; noTitle?: boolean }) {
  const clock = useClock();
  const { locale, fmt } = useI18n();
  const text = createMemo(() => (props.format ?? ((at: number | null, now: number) => expiryText(at, now, locale())))(props.at, timeFor(clock, props.at)));
  // Formatting a date costs more than the whole rest of a row: lists skip the title.
  return (
    <span class={props.class ?? 'expiry'} title={props.noTitle || props.at === null ? undefined : formatDate(props.at, fmt())}>
      {text()}
    </span>
  );
}
