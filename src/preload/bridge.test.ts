import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/channels';
import { makeTesseraApi, type BridgeTransport } from './bridge';

function recordingTransport() {
  const calls: [string, unknown][] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const transport: BridgeTransport = {
    invoke: async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: channel };
    },
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => void set.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown): void => listeners.get(channel)?.forEach((l) => l(payload));
  return { transport, calls, emit };
}

describe('makeTesseraApi', () => {
  it('has exactly one method per contract channel, plus on(), and is frozen', () => {
    const api = makeTesseraApi(recordingTransport().transport);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(INVOKE_CHANNELS), 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each method to its channel', async () => {
    const { transport, calls } = recordingTransport();
    const api = makeTesseraApi(transport);
    await api.renameAccount({ id: 'a', name: 'b' });
    await api.listAccounts();
    expect(calls).toEqual([
      [INVOKE_CHANNELS.renameAccount, { id: 'a', name: 'b' }],
      [INVOKE_CHANNELS.listAccounts, undefined],
    ]);
  });

  it('turns a broken transport into a Result, never a rejection', async () => {
    const api = makeTesseraApi({ invoke: () => Promise.reject(new Error('gone')), subscribe: () => () => undefined });
    expect(await api.listAccounts()).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
  });

  it('subscribes to known events only, and unsubscribes', () => {
    const { transport, emit } = recordingTransport();
    const api = makeTesseraApi(transport);
    const got: unknown[] = [];
    const off = api.on('accountsChanged', (p) => got.push(p));
    emit(EVENT_CHANNELS.accountsChanged, [1]);
    off();
    emit(EVENT_CHANNELS.accountsChanged, [2]);
    expect(got).toEqual([[1]]);
    expect(() => api.on('nope' as 'accountsChanged', () => undefined)).toThrow(TypeError);
  });
});
