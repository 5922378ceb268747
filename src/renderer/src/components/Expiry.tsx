/**
 * A live relative time ("expires in 3 days", "expired 2 hours ago"), in the window's language, on
 * the shared clock: the text node changes only when the words do. With `exact`, the exact date
 * follows as visible text (never only in a `title`, which a keyboard cannot reach).
 */
import { createMemo, Show } from 'solid-js';
import { useI18n } from '../i18n';
import { timeFor, useClock } from '../state/clock';

export function Expiry(props: { at: number | null; class?: string; format?: (relative: string) => string; exact?: boolean }) {
  const clock = useClock();
  const { t, fmt } = useI18n();
  const text = createMemo(() => {
    const at = props.at;
    if (at === null) return t('list.when.noExpiry');
    const left = at - timeFor(clock, at);
    const words = left > 0 ? t('list.when.expires', { when: fmt().relative(left) }) : t('list.when.expired', { when: fmt().relative(left) });
    return props.format ? props.format(words) : words;
  });
  return (
    <span class={props.class ?? 'expiry'}>
      {text()}
      <Show when={props.exact && props.at !== null}>
        <time class="exact-date muted" datetime={new Date(props.at!).toISOString()}>
          {fmt().date(props.at!)}
        </time>
      </Show>
    </span>
  );
}
