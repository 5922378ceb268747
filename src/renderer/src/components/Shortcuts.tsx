/** The window's keyboard shortcuts, listed once: in the "?" help and in Settings. */
import { For } from 'solid-js';
import { useI18n } from '../i18n';
import './Shortcuts.css';

const isMac = navigator.platform.toLowerCase().includes('mac');
/** The modifier's own symbol on macOS; elsewhere the key cap "Ctrl" (settings.keys.ctrl). */
export const MOD = isMac ? '⌘' : 'Ctrl';

/** A key: a symbol printed the same everywhere, or a key cap named in the catalogue (settings.keys). */
type Key = { readonly symbol: string } | { readonly cap: 'ctrl' | 'shift' | 'enter' | 'delete' | 'escape' | 'home' | 'end' | 'pageUp' | 'pageDown' };
type What = 'add' | 'settings' | 'filter' | 'move' | 'open' | 'copy' | 'rename' | 'remove' | 'close' | 'help';

const mod: Key = isMac ? { symbol: '⌘' } : { cap: 'ctrl' };
const sym = (symbol: string): Key => ({ symbol });

export const SHORTCUTS: readonly { keys: readonly Key[]; what: What }[] = [
  { keys: [mod, sym('N')], what: 'add' },
  { keys: [mod, sym(',')], what: 'settings' },
  { keys: [mod, sym('F')], what: 'filter' },
  { keys: [sym('↑'), sym('↓'), { cap: 'home' }, { cap: 'end' }, { cap: 'pageUp' }, { cap: 'pageDown' }], what: 'move' },
  { keys: [{ cap: 'enter' }], what: 'open' },
  { keys: [mod, { cap: 'shift' }, sym('C')], what: 'copy' },
  { keys: [sym('F2')], what: 'rename' },
  { keys: [{ cap: 'delete' }], what: 'remove' },
  { keys: [{ cap: 'escape' }], what: 'close' },
  { keys: [sym('?')], what: 'help' },
];

export function ShortcutList() {
  const { t } = useI18n();
  return (
    <dl class="shortcuts" data-testid="shortcut-list">
      <For each={SHORTCUTS}>
        {(s) => (
          <>
            <dt>
              <For each={s.keys}>{(k) => <kbd>{'symbol' in k ? k.symbol : t(`settings.keys.${k.cap}`)}</kbd>}</For>
            </dt>
            <dd>{t(`settings.shortcuts.${s.what}`)}</dd>
          </>
        )}
      </For>
    </dl>
  );
}
