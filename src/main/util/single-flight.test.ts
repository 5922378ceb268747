import { describe, expect, it } from 'vitest';
import { makeSingleFlight } from './single-flight';

/** A promise the test settles by hand, so that "in flight" lasts exactly as long as the test wants. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('makeSingleFlight', () => {
  it('runs fn once for 100 concurrent callers with the same key and gives them all the same result', async () => {
    const flight = makeSingleFlight<string, { n: number }>();
    const gate = deferred<{ n: number }>();
    let calls = 0;
    const callers = Array.from({ length: 100 }, () =>
      flight.run('account-1', () => {
        calls += 1;
        return gate.promise;
      }),
    );
    expect(flight.inFlight('account-1')).toBe(true);
    gate.resolve({ n: 42 });
    const results = await Promise.all(callers);
    expect(calls).toBe(1);
    // The very same object, not 100 equal copies.
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toEqual({ n: 42 });
  });

  it('gives every joined caller the same error, then frees the key', async () => {
    const flight = makeSingleFlight<string, number>();
    const gate = deferred<number>();
    const boom = new Error('refresh failed');
    const callers = Array.from({ length: 10 }, () => flight.run('k', () => gate.promise));
    gate.reject(boom);
    const outcomes = await Promise.allSettled(callers);
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason === boom)).toBe(true);
    expect(flight.inFlight('k')).toBe(false);
    await expect(flight.run('k', async () => 7)).resolves.toBe(7);
  });

  it('turns a synchronous throw into a shared rejection', async () => {
    const flight = makeSingleFlight<string, number>();
    const fails = (): Promise<number> => {
      throw new Error('sync');
    };
    await expect(flight.run('k', fails)).rejects.toThrow('sync');
    expect(flight.inFlight('k')).toBe(false);
  });

  it('keeps different keys independent', async () => {
    const flight = makeSingleFlight<string, string>();
    const a = deferred<string>();
    let calls = 0;
    const pa = flight.run('a', () => (calls++, a.promise));
    const pb = flight.run('b', async () => (calls++, 'b'));
    await expect(pb).resolves.toBe('b');
    expect(flight.inFlight('a')).toBe(true);
    a.resolve('a');
    await expect(pa).resolves.toBe('a');
    expect(calls).toBe(2);
  });

  it('starts a new call once the previous one has settled', async () => {
    const flight = makeSingleFlight<string, number>();
    let calls = 0;
    await flight.run('k', async () => ++calls);
    await flight.run('k', async () => ++calls);
    expect(calls).toBe(2);
  });

  it('never lets a settled flight free the key of another flight that is still running', async () => {
    // Two flights hold one key only when `fn` re-enters its own key while it starts (before its own
    // flight is registered): the inner call runs alone and settles first. Freeing the key then
    // would let the next caller start a second refresh beside the outer one still running.
    const flight = makeSingleFlight<string, string>();
    const outer = deferred<string>();
    let inner: Promise<string> | undefined;
    let calls = 0;
    const first = flight.run('k', () => {
      calls += 1;
      inner = flight.run('k', async () => (calls++, 'inner'));
      return outer.promise;
    });
    await expect(inner).resolves.toBe('inner');
    await new Promise((resolve) => setImmediate(resolve));
    expect(flight.inFlight('k')).toBe(true);
    const joined = flight.run('k', async () => (calls++, 'third'));
    outer.resolve('outer');
    await expect(joined).resolves.toBe('outer');
    await expect(first).resolves.toBe('outer');
    expect(calls).toBe(2);
    expect(flight.inFlight('k')).toBe(false);
  });
});
