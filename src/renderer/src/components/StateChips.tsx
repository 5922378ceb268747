/**
 * State chips above the list: "All 12", "Needs attention 3", "Expired 1"…, each a toggle button
 * (aria-pressed) that shows only the accounts in that state. Chips with nothing to count are left
 * out, and the whole row is when nothing needs attention: a calm list stays calm.
 */
import { For, Show } from 'solid-js';
import { useI18n } from '../i18n';
import { chipLabel, CHIPS, type ChipId } from '../state/attention';

export function StateChips(props: { counts: Readonly<Record<ChipId, number>>; total: number; chip: ChipId | null; onChip: (chip: ChipId | null) => void }) {
  const { t, fmt } = useI18n();
  const shown = () => CHIPS.filter((c) => props.counts[c] > 0 || c === props.chip);
  return (
    <Show when={props.counts.attention > 0 || props.chip !== null}>
      <div class="state-chips" role="group" aria-label={t('list.chips')} data-testid="state-chips">
        <button type="button" class="chip" aria-pressed={props.chip === null} onClick={() => props.onChip(null)} data-testid="chip-all">
          {t('list.chipAll', { count: fmt().number(props.total) })}
        </button>
        <For each={shown()}>
          {(chip) => (
            <button
              type="button"
              class={`chip chip-${chip}`}
              aria-pressed={props.chip === chip}
              onClick={() => props.onChip(props.chip === chip ? null : chip)}
              data-testid={`chip-${chip}`}
            >
              {chipLabel(chip, t)} <span class="chip-count">{fmt().number(props.counts[chip])}</span>
            </button>
          )}
        </For>
      </div>
    </Show>
  );
}
