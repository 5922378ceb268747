/**
 * Scenario: the cost of turning a hostile error answer into a message, on the main process's thread.
 *
 * Clever Cloud's error bodies become messages in `failureFor` (src/main/providers/clever-cloud/errors.ts),
 * which quotes the provider's text with secrets and addresses cut out. A body can be as large as
 * http.ts lets an answer be (1 MB), and whoever answers chooses its shape. Each shape below is one
 * a text pattern handles badly: runs of `a.a.a…` (every `.` a word boundary for an address pattern to
 * retry from), the same inside a JSON `Message`, a run that nearly matches a secret at every position,
 * deep JSON nesting (slow for JSON.parse), and blank space before a tag (for a sniffing pattern). Goal: the worst single call ≤ 50 ms (a frame or two of a frozen window).
 */
import { failureFor } from '../src/main/providers/clever-cloud/errors';
import { DEFAULT_MAX_BYTES } from '../src/main/net/http';
import { median, round, type Scenario } from './report';

const GOAL_MS = 50;

/** Secrets `failureFor` is told to cut out, as a call passes them (consumer secret, token, token secret). */
const SECRETS = ['a'.repeat(63) + 'b', 'consumer-secret-0123456789', 'token-secret-0123456789abcdef'];

function shapes(bytes: number): Record<string, { text: string; type: string }> {
  const fill = (unit: string, room: number) => unit.repeat(Math.floor(room / unit.length));
  return {
    'a.a.a… as text': { text: fill('a.', bytes), type: 'text/plain' },
    'a.a.a… in a JSON message': { text: `{"message":"${fill('a.', bytes - 16)}"}`, type: 'application/json' },
    'a near-secret run': { text: fill('a', bytes), type: 'text/plain' },
    'JSON nested 1 MB deep': { text: fill('[', bytes), type: 'application/json' },
    'whitespace, then a tag': { text: `${fill(' ', bytes - 3)}<p>`, type: 'text/plain' },
  };
}

export const errorText: Scenario = async ({ quick }) => {
  const runs = quick ? 2 : 15;
  const all = shapes(DEFAULT_MAX_BYTES);
  let worst = { name: '', p50: 0, max: 0 };
  for (const [name, { text, type }] of Object.entries(all)) {
    const res = { status: 400, text, headers: new Headers({ 'content-type': type }) };
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const t0 = performance.now();
      failureFor('self', res, SECRETS);
      times.push(performance.now() - t0);
      // Far past the goal already (a pattern gone quadratic takes minutes): no need to repeat it.
      if (times.at(-1)! > 20 * GOAL_MS) break;
    }
    const max = Math.max(...times);
    if (max >= worst.max) worst = { name, p50: median(times), max };
  }
  return [
    {
      scenario: 'error text of a 1 MB hostile body',
      size: `${Object.keys(all).length} shapes × ${runs} calls; worst: ${worst.name}`,
      figures: { p50Ms: round(worst.p50, 2), maxMs: round(worst.max, 2) },
      limit: `${GOAL_MS} ms budget`,
      ratio: round(worst.max / GOAL_MS),
      goal: 'max ≤ 50 ms',
      met: worst.max <= GOAL_MS,
    },
  ];
};
