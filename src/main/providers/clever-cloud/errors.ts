/**
 * What a Clever Cloud answer that is not a success means, as a typed `AppError` carrying the status
 * and the endpoint as data (src/main/errors.ts). Messages never quote a token, a secret, a
 * verifier or a URL with its query (docs/PROVIDERS.md lists the mapping):
 * - 401 on the request-token step → `invalid_configuration` (the consumer was refused); on the
 *   access-token step → `code_expired` (request token expired, used, or the verifier is wrong);
 *   anywhere else → `unauthorized` ("log in again": bad signature, expired or revoked token).
 * - 5xx and any other unexpected status → `http_error`, with the provider's `message` when it is
 *   printable text (secrets we know of and URLs are cut out first); a redirect → `bad_response`.
 */
import * as v from 'valibot';
import { AppError } from '../../errors';
import type { HttpResponse } from '../../net/http';
import { SERVICE } from './constants';

export const UNAUTHORIZED_MESSAGE = 'This Clever Cloud token is invalid, expired or revoked: log in again.';

/** The calls of api.ts, as they name themselves in errors. */
export type Endpoint =
  | 'requestToken'
  | 'accessToken'
  | 'availableRights'
  | 'loginData'
  | 'checkAuthorization'
  | 'self'
  | 'currentToken'
  | 'revokeToken'
  | 'cliToken'
  // Organisations and their service tokens (service-tokens/client.ts).
  | 'organisations'
  | 'members'
  | 'applications'
  | 'serviceTokens'
  | 'createServiceToken'
  | 'revokeServiceToken'
  // The API bridge (api-tokens/api.ts).
  | 'createApiToken'
  | 'listApiTokens'
  | 'updateApiToken'
  | 'revokeApiToken'
  | 'bridgeSelf';

/** Clever Cloud's `Message`, the body of its errors (and of some acknowledgements). */
export const MessageSchema = v.object({
  id: v.optional(v.nullable(v.union([v.number(), v.string()]))),
  message: v.string(),
  type: v.optional(v.nullable(v.string())),
});

/** The typed error for a non-2xx answer. `redact` lists values that must never be repeated. */
export function failureFor(endpoint: Endpoint, res: HttpResponse, redact: readonly string[] = []): AppError {
  const detail = { cause: new Error(`${SERVICE} ${endpoint} answered HTTP ${res.status}`), status: res.status, endpoint };
  if (res.status === 401) {
    if (endpoint === 'requestToken')
      return new AppError('invalid_configuration', 'Clever Cloud refused the OAuth consumer: check its key and secret (and this computer’s clock).', {
        ...detail,
        key: 'cleverCloud.consumerRefused',
      });
    if (endpoint === 'accessToken')
      return new AppError(
        'code_expired',
        'Clever Cloud refused to finish the login: the authorisation expired or was already used. Please log in again.',
        { ...detail, key: 'cleverCloud.loginExpired' },
      );
    return new AppError('unauthorized', UNAUTHORIZED_MESSAGE, { ...detail, key: 'cleverCloud.unauthorized' });
  }
  if (res.status >= 500) return new AppError('http_error', `${SERVICE} had a problem (HTTP ${res.status}). Try again in a moment.`, {
      ...detail,
      key: 'net.serverProblem',
      params: { service: SERVICE, status: res.status },
    });
  if (res.status === 403)
    return new AppError('http_error', `${SERVICE} refused this request: the token does not have the right to do it (HTTP 403).`, { ...detail, key: 'cleverCloud.forbidden' });
  if (res.status >= 300 && res.status < 400)
    return new AppError('bad_response', `${SERVICE} answered with an unexpected redirect (HTTP ${res.status}).`, {
      ...detail,
      key: 'net.redirect',
      params: { service: SERVICE, status: res.status },
    });
  const said = providerMessage(res, redact);
  return new AppError('http_error', `${SERVICE} refused the request (HTTP ${res.status})${said ? `: ${said}` : '.'}`, {
    ...detail,
    // Clever Cloud's own words (printable, redacted) go in as a parameter.
    key: 'net.refused',
    params: { service: SERVICE, status: res.status, said: said ?? '' },
  });
}

/** The longest provider text a message quotes. */
const MESSAGE_CHARS = 200;
/**
 * How much of the provider's text is looked at. Bodies reach 1 MB (http.ts's cap); a message needs
 * a few hundred characters, and every pattern then runs over those only. It is more than
 * MESSAGE_CHARS because cut-out addresses and secrets shorten the text.
 */
const MESSAGE_SOURCE_CHARS = 400;
/** The largest JSON body read for a `Message`; a real one is a few hundred bytes. */
const MESSAGE_JSON_CHARS = 16 * 1024;

/**
 * The provider's own words, when they are safe to show: the `message` of a JSON `Message`, or a
 * short plain-text body. HTML pages are never quoted; known secrets (`redact`), the values of
 * `oauth_token`, `oauth_token_secret` and `oauth_verifier` parameters, and URLs are cut out.
 *
 * Cost: bounded whatever the body (up to 1 MB, and whoever answers chooses it): JSON is parsed only
 * up to MESSAGE_JSON_CHARS, the text is cut to MESSAGE_SOURCE_CHARS before any pattern runs over it,
 * and the patterns are linear anyway (see stripAddresses). Before, an address pattern ran over the
 * whole body and took seconds on 128 KB of `a.a.a…`. bench/error-text.ts measures it.
 */
export function providerMessage(res: HttpResponse, redact: readonly string[] = []): string | null {
  let text = quotableText(res);
  if (text === null) return null;
  text = redactSecrets(text.slice(0, MESSAGE_SOURCE_CHARS), redact, text.length > MESSAGE_SOURCE_CHARS);
  // Credentials Tessera cannot know in advance: a token endpoint's error answer may still hold the
  // pair it issued (form-encoded, or quoted in a message).
  text = text.replace(CREDENTIAL_PARAMETER, '$1=…');
  // eslint-disable-next-line no-control-regex
  text = stripAddresses(text).replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (text === '') return null;
  return text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)}…` : text;
}

/**
 * The `message` of a JSON `Message`, or a plain-text body; null for HTML, other JSON, and JSON too
 * large to be a `Message` (a few hundred bytes): JSON.parse of 1 MB of `[` takes about 90 ms.
 */
function quotableText(res: HttpResponse): string | null {
  const body = res.text;
  const type = res.headers.get('content-type') ?? '';
  if (body.length <= MESSAGE_JSON_CHARS) {
    try {
      const parsed = v.safeParse(MessageSchema, JSON.parse(body));
      return parsed.success ? parsed.output.message : null;
    } catch {
      // Not JSON: perhaps plain text.
    }
  } else if (/json/i.test(type) || /^\s*[[{]/.test(body)) return null;
  return !/html|json/i.test(type) && !/^\s*</.test(body) ? body : null;
}

/**
 * Cuts every known secret out of `text`. When `text` was cut short, a secret the cut went through
 * is no longer whole: a tail that begins a secret (its first characters) is dropped too.
 */
function redactSecrets(text: string, redact: readonly string[], wasCut: boolean): string {
  const secrets = redact.filter((secret) => secret.length >= 4);
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('…');
  if (wasCut)
    for (const secret of secrets)
      for (let n = Math.min(secret.length - 1, out.length); n > 0; n -= 1)
        if (out.endsWith(secret.slice(0, n))) {
          out = out.slice(0, out.length - n);
          break;
        }
  return out;
}

/** An OAuth parameter that carries a credential, with its value (up to the next `&` or space). */
const CREDENTIAL_PARAMETER = /(oauth_token(?:_secret)?|oauth_verifier)=[^&\s]*/g;

const SCHEME_CHAR = /[a-z0-9+.-]/i;

/**
 * Replaces each address (`scheme://…` up to the next space) with `[address]`. Done word by word:
 * a single pattern with the scheme before `://` retries from every word boundary of a long
 * `a.a.a…` run and is quadratic; here each word costs one `indexOf` and a walk back over its scheme.
 */
function stripAddresses(text: string): string {
  return text.replace(/\S+/g, (word) => {
    const at = word.indexOf('://');
    if (at < 0) return word;
    let start = at;
    while (start > 0 && SCHEME_CHAR.test(word[start - 1]!)) start -= 1;
    return `${word.slice(0, start)}[address]`;
  });
}
