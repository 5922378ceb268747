/**
 * Which git URLs are Clever Cloud deployment remotes, for `tessera git-credential`: git describes
 * the URL it wants credentials for as `protocol`, `host` (with its port, if any) and, with
 * `credential.useHttpPath`, `path` (`app_<id>.git`: clever-tools' `deploy_url` is
 * `deployment.httpUrl`, e.g. `https://push-n3-par-clevercloud-customers.services.clever-cloud.com/app_….git`,
 * node_modules/clever-tools-4 src/models/application.js).
 *
 * A service token is handed only to a host that is Clever Cloud's for that account:
 * - an account on Clever Cloud's API (`https://…clever-cloud.com`): any HTTPS host under
 *   `clever-cloud.com`, on the default port;
 * - an account on another API (the emulator on loopback, a test): that API's own origin, same
 *   scheme, host and port.
 * Anything else (another host, plain HTTP to the real service, no path) gets nothing.
 */
export interface GitTarget {
  readonly protocol: string;
  readonly host: string;
  readonly path: string | null;
}

const APP_PATH = /^\/?(app_[A-Za-z0-9-]{1,64})\.git\/?$/;
const CLEVER_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+clever-cloud\.com$/;

/** The application a deployment remote names, when `target` is one for an account on `apiBaseUrl`; else null. */
export function deploymentApp(apiBaseUrl: string, target: GitTarget): string | null {
  const app = target.path === null ? null : APP_PATH.exec(target.path)?.[1];
  if (!app) return null;
  let api: URL;
  try {
    api = new URL(apiBaseUrl);
  } catch {
    return null;
  }
  const host = target.host.toLowerCase();
  if (api.protocol === 'https:' && (api.hostname === 'clever-cloud.com' || api.hostname.endsWith('.clever-cloud.com')))
    return target.protocol === 'https' && CLEVER_HOST.test(host.replace(/:443$/, '')) ? app : null;
  return `${target.protocol}:` === api.protocol && host === api.host.toLowerCase() ? app : null;
}
