/** createConnectionChoice (connections.ts): which saved connection an add flow uses, and when its form shows. */
import { createRoot } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import { createConnectionChoice, type ConnectionChoice, type SavedConnection } from './connections';

const connection = (id: string, status: SavedConnection['status'] = 'ok'): SavedConnection => ({ id, name: `SaaS ${id}`, status, statusMessage: null });

const roots: (() => void)[] = [];
afterEach(() => roots.splice(0).forEach((dispose) => dispose()));

/** The choice over a list main answers (and answers again, changed, after a save). */
async function choiceOver(lists: Result<readonly SavedConnection[]>[]): Promise<{ choice: ConnectionChoice<SavedConnection>; loads: () => number }> {
  let loads = 0;
  const choice = createRoot((dispose) => {
    roots.push(dispose);
    return createConnectionChoice(() => Promise.resolve(lists[Math.min(loads++, lists.length - 1)]!));
  });
  await settled();
  return { choice, loads: () => loads };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createConnectionChoice', () => {
  it('uses the first connection until the user picks another', async () => {
    const { choice } = await choiceOver([{ ok: true, value: [connection('a'), connection('b')] }]);
    expect(choice.formOpen()).toBe(false);
    expect(choice.chosen()?.id).toBe('a');
    choice.choose('b');
    expect(choice.chosen()?.id).toBe('b');
  });

  it('opens the form while there is no connection, and when the list cannot be loaded', async () => {
    expect((await choiceOver([{ ok: true, value: [] }])).choice.formOpen()).toBe(true);
    const failed = await choiceOver([{ ok: false, error: { code: 'metadata_error', message: 'unreadable' } }]);
    expect(failed.choice.formOpen()).toBe(true);
    expect(failed.choice.chosen()).toBeNull();
  });

  it('keeps the form closed while the list loads, so that it does not flash before the choices replace it', async () => {
    let answer!: (r: Result<readonly SavedConnection[]>) => void;
    const choice = createRoot((dispose) => {
      roots.push(dispose);
      return createConnectionChoice(() => new Promise<Result<readonly SavedConnection[]>>((resolve) => (answer = resolve)));
    });
    await settled();
    expect(choice.loaded()).toBe(false);
    expect(choice.formOpen()).toBe(false);
    answer({ ok: true, value: [] });
    await settled();
    expect(choice.loaded()).toBe(true);
    expect(choice.formOpen()).toBe(true);
  });

  it('opens the form for a new connection or for the chosen one, and closes it', async () => {
    const { choice } = await choiceOver([{ ok: true, value: [connection('a', 'changed-outside')] }]);
    choice.edit(choice.chosen());
    expect(choice.formOpen()).toBe(true);
    expect(choice.editing()?.id).toBe('a');
    choice.edit(undefined);
    expect(choice.formOpen()).toBe(false);
    choice.edit(null);
    expect(choice.formOpen()).toBe(true);
    expect(choice.editing()).toBeNull();
  });

  it('after a save: closes the form, chooses the saved connection and loads the list again', async () => {
    const { choice, loads } = await choiceOver([
      { ok: true, value: [connection('a')] },
      { ok: true, value: [connection('a'), connection('b')] },
    ]);
    choice.edit(null);
    choice.saved(connection('b'));
    await settled();
    expect(loads()).toBe(2);
    expect(choice.formOpen()).toBe(false);
    expect(choice.list().map((c) => c.id)).toEqual(['a', 'b']);
    expect(choice.chosen()?.id).toBe('b');
  });
});
