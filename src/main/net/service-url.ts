/**
 * The base URLs of the providers' services (an API, a console), checked before anything is sent to
 * them: https, or plain http to a loopback address (the emulators); never with a query, a fragment
 * or a user name, which would end up in every request built on them. And the web pages a provider
 * names for the system browser (a login page, a callback), which must be web pages.
 */
import { AppError } from '../errors';
import { isLoopbackHost } from './loopback';

/** `what` names the URL in the messages, provider first: "SaaSus API base URL". */
export function checkedServiceUrl(raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('invalid_configuration', `The ${what} is not a valid URL.`, { key: 'net.badUrl' });
  }
  if (url.search || url.hash || url.username || url.password)
    throw new AppError('invalid_configuration', `The ${what} must not carry a query, fragment or user name.`, { key: 'net.badUrl' });
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return url;
  throw new AppError('invalid_configuration', `The ${what} must use https (plain http is only allowed for 127.0.0.1 or localhost).`, { key: 'net.badUrl' });
}

/**
 * A provider's web page for the system browser: http or https only, never file:, javascript: or a
 * custom scheme. `messages` say in the caller's words what is wrong (an `invalid_configuration`).
 */
export function webPageUrl(raw: string, messages: { readonly invalid: string; readonly notWeb: string }): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('invalid_configuration', messages.invalid, { key: 'net.badUrl' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('invalid_configuration', messages.notWeb, { key: 'net.badUrl' });
  return url;
}

/** `path` under the base URL's path, whether or not the base ends with a slash. */
export function serviceEndpoint(base: URL, path: string): URL {
  return new URL(base.pathname.replace(/\/$/, '') + path, base);
}
