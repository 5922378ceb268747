/**
 * Tabs as the WAI-ARIA Authoring Practices describe them (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/):
 * a tablist of buttons with role="tab", one tab stop (the selected tab; the others have
 * tabindex=-1), Left/Right (wrapping), Home and End move and select (automatic activation), and
 * each panel is a role="tabpanel" labelled by its tab; its own controls follow the tab in Tab order.
 */
import { createSignal, For, type JSX } from 'solid-js';

export interface TabSpec<K extends string> {
  readonly key: K;
  readonly label: JSX.Element;
  readonly panel: () => JSX.Element;
}

export function Tabs<K extends string>(props: { id: string; label: string; tabs: readonly TabSpec<K>[]; testId?: string }) {
  const [selected, setSelected] = createSignal<K>(props.tabs[0]!.key);
  const buttons = new Map<K, HTMLButtonElement>();
  const tabId = (key: K): string => `${props.id}-tab-${key}`;
  const panelId = (key: K): string => `${props.id}-panel-${key}`;
  function select(key: K, focus: boolean): void {
    setSelected(() => key);
    if (focus) buttons.get(key)?.focus();
  }
  function onKeyDown(e: KeyboardEvent, index: number): void {
    const keys = props.tabs.map((tab) => tab.key);
    const to = (i: number): void => {
      e.preventDefault();
      select(keys[(i + keys.length) % keys.length]!, true);
    };
    if (e.key === 'ArrowRight') to(index + 1);
    else if (e.key === 'ArrowLeft') to(index - 1);
    else if (e.key === 'Home') to(0);
    else if (e.key === 'End') to(keys.length - 1);
  }
  return (
    <div class="tabs" data-testid={props.testId}>
      <div role="tablist" aria-label={props.label} class="tablist">
        <For each={props.tabs}>
          {(tab, index) => (
            <button
              ref={(el) => buttons.set(tab.key, el)}
              type="button"
              role="tab"
              id={tabId(tab.key)}
              class="tab"
              aria-selected={selected() === tab.key ? 'true' : 'false'}
              aria-controls={panelId(tab.key)}
              tabindex={selected() === tab.key ? 0 : -1}
              onClick={() => select(tab.key, false)}
              onKeyDown={(e) => onKeyDown(e, index())}
              data-testid={`tab-${tab.key}`}
            >
              {tab.label}
            </button>
          )}
        </For>
      </div>
      <For each={props.tabs}>
        {(tab) => (
          <div role="tabpanel" id={panelId(tab.key)} aria-labelledby={tabId(tab.key)} class="tabpanel" hidden={selected() !== tab.key}>
            {tab.panel()}
          </div>
        )}
      </For>
    </div>
  );
}
