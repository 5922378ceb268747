/**
 * Hand-off: give the account's session to a browser ("Open in browser as this user").
 *
 * `POST /credentials` stores the tokens on SaaSus and returns a temp code (10 s, single use); the
 * SaaS's own callback page redeems it exactly as after a normal login. The callback URL comes from
 * `GET /auth-info`, which is asked first so that a failure there does not waste a code, and so that
 * the 10 seconds start as late as possible.
 */
import { webPageUrl } from '../../net/service-url';
import { createCredentials, getAuthInfo, type CallOptions, type Credentials, type SaasusApiConfig } from './api';
import { TEMP_CODE_LIFETIME_MS } from './constants';

export interface HandOff {
  readonly code: string;
  /** `<callback_url>?code=<code>`, to open in the system browser. */
  readonly url: string;
  /** When the code stops working (epoch ms, by our clock; SaaSus counts from its own receipt). */
  readonly expiresAt: number;
}

export async function handOff(api: SaasusApiConfig, tokens: Credentials, opts: CallOptions = {}): Promise<HandOff> {
  const { callbackUrl } = await getAuthInfo(api, opts);
  // It is opened in the system browser, so only a web page will do.
  const target = webPageUrl(callbackUrl, {
    invalid: 'The callback URL registered in SaaSus is not a valid URL.',
    notWeb: 'The callback URL registered in SaaSus is not a web address.',
  });
  const { code } = await createCredentials(api, tokens, opts);
  target.searchParams.set('code', code);
  return { code, url: target.href, expiresAt: (api.clock ?? Date.now)() + TEMP_CODE_LIFETIME_MS };
}
