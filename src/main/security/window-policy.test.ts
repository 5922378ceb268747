import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentTypeFor, externalLinkDecision, isAllowedNavigation, isPermissionGranted, resolveAppFile, windowOptions } from './window-policy';

describe('windowOptions', () => {
  it('isolates and sandboxes the renderer', () => {
    const { webPreferences } = windowOptions({ preloadPath: '/app/preload.cjs', dev: false });
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      devTools: false,
      enableDeprecatedPaste: false,
      preload: '/app/preload.cjs',
    });
    expect(windowOptions({ preloadPath: 'p', dev: true }).webPreferences.devTools).toBe(true);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only our own scripts in production: no eval, no inline script, no network', () => {
    const csp = contentSecurityPolicy({ dev: false });
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('loads no remote image (a remote avatar would tell its host when Tessera is used): the app and data: URLs only', () => {
    for (const dev of [false, true]) {
      const imgSrc = contentSecurityPolicy({ dev, devServerOrigin: 'http://localhost:5173' })
        .split('; ')
        .find((d) => d.startsWith('img-src '));
      const sources = imgSrc?.split(' ').slice(1);
      expect(sources).toEqual(dev ? ["'self'", 'http://localhost:5173', 'data:'] : ["'self'", 'data:']);
    }
  });
});

describe('isPermissionGranted', () => {
  it.each([
    // The page must not read back the token main just put on the clipboard.
    'clipboard-read',
    'deprecated-sync-clipboard-read',
    'clipboard-sanitized-write',
    'notifications',
    'media',
    'display-capture',
    'geolocation',
    'openExternal',
    'fileSystem',
    'hid',
    'usb',
    'serial',
    'local-fonts',
    'local-network-access',
    'unknown',
    'a-permission-chromium-adds-tomorrow',
  ])('denies %s', (permission) => {
    expect(isPermissionGranted(permission)).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('blocks every navigation away from the app', () => {
    const origins = ['app://tessera'];
    expect(isAllowedNavigation('app://tessera/index.html', origins)).toBe(true);
    expect(isAllowedNavigation('https://evil.example/', origins)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', origins)).toBe(false);
    expect(isAllowedNavigation('app://other/index.html', origins)).toBe(false);
    expect(isAllowedNavigation('garbage', origins)).toBe(false);
  });
});

describe('externalLinkDecision', () => {
  it.each([
    ['https://console.clever-cloud.com/cli-oauth?x=1', true],
    ['http://127.0.0.1:8080/login', true],
    ['http://localhost:3000/', true],
    ['http://[::1]:3000/', true],
    ['http://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['ms-settings:privacy', false],
    ['https://user:pass@example.com/', false],
    ['not a url', false],
  ])('%s → %s', (url, open) => {
    expect(externalLinkDecision(url).open).toBe(open);
  });
});

describe('resolveAppFile', () => {
  const dir = path.resolve('/srv/renderer');
  it('serves files inside the renderer folder and index.html for routes', () => {
    expect(resolveAppFile(dir, 'app://tessera/assets/index-abc.js')).toBe(path.join(dir, 'assets/index-abc.js'));
    expect(resolveAppFile(dir, 'app://tessera/')).toBe(path.join(dir, 'index.html'));
    expect(resolveAppFile(dir, 'app://tessera/settings')).toBe(path.join(dir, 'index.html'));
  });
  it('refuses anything that would leave it', () => {
    const inside = (file: string | null): boolean => file === null || file.startsWith(dir + path.sep);
    for (const url of [
      'app://tessera/../../etc/passwd.txt',
      'app://tessera/%2e%2e/%2e%2e/etc/passwd.txt',
      'app://tessera/..%2f..%2fetc%2fpasswd.txt',
      'app://tessera/..%5c..%5cetc%5cpasswd.txt',
      'app://tessera/%2F%2Fetc%2Fpasswd.txt',
    ]) {
      expect(inside(resolveAppFile(dir, url)), url).toBe(true);
    }
    expect(resolveAppFile(dir, 'app://tessera/..%2f..%2fetc%2fpasswd.txt')).toBeNull();
    expect(resolveAppFile(dir, 'app://tessera/a%00.js')).toBeNull();
    expect(resolveAppFile(dir, 'app://other/index.html')).toBeNull();
    expect(resolveAppFile(dir, 'https://tessera/index.html')).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('serves scripts as JavaScript and unknown files as opaque bytes (with nosniff, never run)', () => {
    expect(contentTypeFor('/r/assets/index-x.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/r/data.bin')).toBe('application/octet-stream');
  });
});
