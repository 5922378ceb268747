/** The window's keyboard shortcuts, listed once: in the "?" help and in Settings. */
import { For } from 'solid-js';
import './Shortcuts.css';

const isMac = navigator.platform.toLowerCase().includes('mac');
export const MOD = isMac ? '⌘' : 'Ctrl';

export const SHORTCUTS: readonly { keys: readonly string[]; what: string }[] = [
  { keys: [MOD, 'N'], what: 'Add an account' },
  { keys: [MOD, ','], what: 'Settings' },
  { keys: [MOD, 'F'], what: 'Filter the account list' },
  { keys: ['↑', '↓', 'Home', 'End', 'PgUp', 'PgDn'], what: 'Move in the account list' },
  { keys: ['Enter'], what: 'Open the selected account' },
  { keys: [MOD, 'Shift', 'C'], what: 'Copy the selected account’s main credential' },
  { keys: ['F2'], what: 'Rename the selected account' },
  { keys: ['Delete'], what: 'Remove the selected account (asks first)' },
  { keys: ['Esc'], what: 'Close a dialog, cancel a rename, clear the filter' },
  { keys: ['?'], what: 'Show these shortcuts' },
];

export function ShortcutList() {
  return (
    <dl class="shortcuts" data-testid="shortcut-list">
      <For each={SHORTCUTS}>
        {(s) => (
          <>
            <dt>
              <For each={s.keys}>{(k) => <kbd>{k}</kbd>}</For>
            </dt>
            <dd>{s.what}</dd>
          </>
        )}
      </For>
    </dl>
  );
}
