/**
 * The saved connections of one kind an add flow chooses from (SaaSus connections, Clever Cloud
 * OAuth consumers): the list from main, the one chosen (the first until the user picks), and the
 * form, open for a new one, for one being edited (its secret entered again, say), or once the
 * list has loaded and there is none (not while it loads: the form would flash, and take focus away
 * when the choices replace it).
 */
import { createResource, createSignal, type Accessor } from 'solid-js';
import type { Result } from '../../../shared/errors';
import type { BindingStatus, StatusReason } from '../../../shared/types';

export interface SavedConnection {
  readonly id: string;
  readonly name: string;
  readonly status: BindingStatus;
  /** English; the window words `statusReason` instead (useErrorText). */
  readonly statusMessage: string | null;
  readonly statusReason?: StatusReason | null;
}

export interface ConnectionChoice<T extends SavedConnection> {
  readonly list: Accessor<readonly T[]>;
  /** False until main first answered (or failed to): nothing to choose from or fill in yet. */
  readonly loaded: Accessor<boolean>;
  readonly chosen: Accessor<T | null>;
  choose(id: string): void;
  /** What the form edits: a saved one, null for a new one; undefined while the form is closed. */
  readonly editing: Accessor<T | null | undefined>;
  /** Opens the form (for `connection`, or a new one with null); `undefined` closes it. */
  edit(connection: T | null | undefined): void;
  readonly formOpen: Accessor<boolean>;
  /** The form saved `connection`: closes the form, chooses it and reloads the list. */
  saved(connection: T): void;
}

export function createConnectionChoice<T extends SavedConnection>(load: () => Promise<Result<readonly T[]>>): ConnectionChoice<T> {
  const [loaded, { refetch }] = createResource(async () => {
    const result = await load();
    return result.ok ? result.value : [];
  });
  const [chosenId, setChosenId] = createSignal<string | null>(null);
  const [editing, setEditing] = createSignal<T | null | undefined>(undefined);
  const list = (): readonly T[] => loaded() ?? [];
  return {
    list,
    loaded: () => loaded.state === 'ready' || loaded.state === 'refreshing' || loaded.state === 'errored',
    chosen: () => list().find((c) => c.id === (chosenId() ?? list()[0]?.id)) ?? null,
    choose: setChosenId,
    editing,
    edit: (connection) => setEditing(() => connection),
    formOpen: () => editing() !== undefined || (loaded.state === 'ready' && list().length === 0),
    saved(connection) {
      setEditing(undefined);
      setChosenId(connection.id);
      void refetch();
    },
  };
}
