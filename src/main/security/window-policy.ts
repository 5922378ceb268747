/**
 * The window's security rules as pure functions, so unit tests check them without Electron and
 * the Electron adapter (src/main/electron/window.ts) only applies them.
 */
import path from 'node:path';
import { isLoopbackHost } from '../net/loopback';

/** Production content is served from this custom, privileged scheme (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tessera';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The webPreferences and window options; the adapter type-checks them against Electron's. */
export function windowOptions(opts: { preloadPath: string; dev: boolean }) {
  return {
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Tessera',
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click must not open links in new windows behind our back.
      disableBlinkFeatures: 'Auxclick',
      // `document.execCommand('paste')` stays off: the page never reads the clipboard main writes.
      enableDeprecatedPaste: false,
      devTools: opts.dev,
    },
  } as const;
}

/**
 * The Content-Security-Policy of the renderer. Production: only our own scripts and styles, no
 * eval, no inline script, no network (everything goes through IPC), images only from the app and
 * data: URLs. Development adds the Vite
 * dev server for hot reload.
 */
export function contentSecurityPolicy(opts: { dev: boolean; devServerOrigin?: string }): string {
  const self = opts.dev && opts.devServerOrigin ? `'self' ${opts.devServerOrigin}` : "'self'";
  const connect = opts.dev && opts.devServerOrigin ? `${opts.devServerOrigin} ${opts.devServerOrigin.replace(/^http/, 'ws')}` : "'none'";
  return [
    "default-src 'none'",
    `script-src ${self}`,
    // Only our stylesheet: Solid sets element styles through the CSSOM, which CSP allows.
    `style-src ${self}`,
    // No remote image: a remote avatar would be a beacon; main fetches avatars and sends data: URLs
    // (src/main/avatars/avatars.ts).
    `img-src ${self} data:`,
    `font-src ${self}`,
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The web permissions the window is granted: none. Tessera's page needs no camera, notification,
 * device or clipboard API (main writes the clipboard and shows notifications itself); above all it
 * must not read the clipboard (`clipboard-read`, and `deprecated-sync-clipboard-read` for
 * `document.execCommand('paste')`), where main has just put a token. One decision for Electron's
 * permission requests, permission checks and device permissions (src/main/electron/window.ts).
 */
export const GRANTED_PERMISSIONS: readonly string[] = [];

export function isPermissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.includes(permission);
}

/**
 * In-window navigation: only to our own app entry (a reload). Everything else is blocked. Scheme
 * and host are compared, not `URL.origin`: app://tessera's origin is opaque ("null"), and a
 * `blob:` or `filesystem:` URL carries the origin of the page that made it but is not our page.
 */
export function isAllowedNavigation(url: string, appOrigins: readonly string[]): boolean {
  const parsed = safeUrl(url);
  if (!parsed) return false;
  return appOrigins.includes(`${parsed.protocol}//${parsed.host}`);
}

export type ExternalLinkDecision = { readonly open: true; readonly url: string } | { readonly open: false; readonly reason: string };

/**
 * Which links may leave the app for the system browser: `https:` anywhere, `http:` only on the
 * loopback interface (the bundled emulators and login callbacks). Never `file:`, `javascript:`,
 * custom schemes (they launch other programs), or URLs carrying credentials.
 */
export function externalLinkDecision(url: string): ExternalLinkDecision {
  if (url.length > 2048) return { open: false, reason: 'The link is too long.' };
  const parsed = safeUrl(url);
  if (!parsed) return { open: false, reason: 'The link is not a valid URL.' };
  if (parsed.username || parsed.password) return { open: false, reason: 'Links with credentials are not opened.' };
  if (parsed.protocol === 'https:') return { open: true, url: parsed.href };
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return { open: true, url: parsed.href };
  return { open: false, reason: 'Only https links (and http links on this computer) are opened.' };
}

/**
 * Maps an `app://tessera/<path>` request to a file of the built renderer, refusing anything that
 * would leave that folder. `/` and unknown routes without an extension serve index.html.
 */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  const parsed = safeUrl(requestUrl);
  if (!parsed || `${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = path.posix.extname(pathname) ? pathname.replace(/^\/+/, '') : 'index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

function safeUrl(url: string): URL | null {
  return URL.canParse(url) ? new URL(url) : null;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The Content-Type a renderer file is served with (app:// in Electron, the harness's server in tests). */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
}
