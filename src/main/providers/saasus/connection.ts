/**
 * "Test connection" for a SaaSus connection: one signed call (`GET /auth-info`) proves the SaaS ID,
 * API key, secret key and base URL, and its answer tells whether the SaaS's registered callback URL
 * is the loopback address Tessera listens on. When it is not, logins still work through "paste a
 * code", and the UI says so instead of failing later in the browser.
 */
import type { SaasusConnectionTest } from '../../../shared/types';
import { isLoopbackHost } from '../../net/loopback';
import { getAuthInfo, type CallOptions, type SaasusApiConfig } from './api';

/** What the answer says of the registered callback (the caller knows which address it expected). */
export type ConnectionCheck = Omit<SaasusConnectionTest, 'expectedCallbackUrl'>;

export async function testConnection(
  api: SaasusApiConfig,
  expectedCallbackUrl: string,
  opts: CallOptions = {},
): Promise<ConnectionCheck> {
  const { callbackUrl } = await getAuthInfo(api, opts);
  return checkCallbackUrl(callbackUrl, expectedCallbackUrl);
}

export function checkCallbackUrl(callbackUrl: string, expectedCallbackUrl: string): ConnectionCheck {
  const registered = parse(callbackUrl);
  const expected = parse(expectedCallbackUrl);
  const callbackIsLoopback = registered?.protocol === 'http:' && isLoopbackHost(registered.hostname);
  // `localhost` is not accepted as a match for 127.0.0.1: browsers may resolve it to ::1, where
  // the listener (bound to 127.0.0.1 only) is not.
  const matchesTessera =
    registered !== undefined &&
    expected !== undefined &&
    registered.origin === expected.origin &&
    registered.pathname === expected.pathname;
  return { callbackUrl, callbackIsLoopback, matchesTessera };
}

function parse(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}
