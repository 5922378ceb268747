/**
 * The steps of a login, as codes: main reports them (src/main/logins/login-registry.ts), the window
 * words them in its language (catalogue namespace `add`, `add.step.<step>`), and the command line
 * in English from the same catalogue. Each step belongs to one of the shared phases.
 */
export const LOGIN_STEPS = {
  /** Clever Cloud console login (src/main/providers/clever-cloud/cli-token-login.ts). */
  'opening-console': 'opening-browser',
  'waiting-console': 'waiting',
  'waiting-console-retrying': 'waiting',
  /** The user's own OAuth consumer (src/main/providers/clever-cloud/consumer-login.ts). */
  'requesting-token': 'opening-browser',
  'opening-authorisation': 'opening-browser',
  'waiting-authorisation': 'waiting',
  'exchanging-authorisation': 'exchanging',
  'reading-clever-account': 'saving',
  /** SaaSus (src/main/providers/saasus/login.ts). */
  'opening-login-page': 'opening-browser',
  'waiting-login': 'waiting',
  'exchanging-code': 'exchanging',
  'reading-tenants': 'saving',
  /** Every login's end. */
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;

export type LoginStep = keyof typeof LOGIN_STEPS;
export type LoginPhase = (typeof LOGIN_STEPS)[LoginStep];
