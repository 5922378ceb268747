/**
 * A clock tests move by hand, shared by an emulator and the client that talks to it, so that
 * signatures stay valid while codes and tokens age. Starts at the real time (tokens look plausible).
 */
export interface TestClock {
  readonly now: () => number;
  advance(ms: number): void;
}

export function makeTestClock(start = Date.now()): TestClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}
