/**
 * Keyed single flight: while a call for a key is in flight, every other caller with the same key
 * joins it and gets the same result or the same error; once it settles the key is free again.
 *
 * Why: a refresh can be asked for by the UI, the tray and the scheduler at the same moment. With
 * rotating refresh tokens, two concurrent refreshes would spend the same refresh token twice and the
 * loser would log the user out; with non-rotating ones they only waste requests. Either way, one
 * request per account is the right number.
 */
export interface SingleFlight<K, T> {
  /** Runs `fn` unless a call for `key` is already in flight, in which case it joins that call. */
  run(key: K, fn: () => Promise<T>): Promise<T>;
  /** True while a call for `key` is in flight. */
  inFlight(key: K): boolean;
}

export function makeSingleFlight<K, T>(): SingleFlight<K, T> {
  const flights = new Map<K, Promise<T>>();
  return {
    run(key, fn) {
      const current = flights.get(key);
      if (current) return current;
      // `fn` runs inside an async function so that a synchronous throw becomes a rejection that
      // every joined caller sees, instead of escaping to the first caller only.
      const flight = (async () => fn())();
      flights.set(key, flight);
      const free = (): void => {
        if (flights.get(key) === flight) flights.delete(key);
      };
      // Free the key on either outcome without creating a second, unhandled rejection.
      flight.then(free, free);
      return flight;
    },
    inFlight: (key) => flights.has(key),
  };
}
