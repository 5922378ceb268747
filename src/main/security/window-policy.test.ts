import path from 'node:path';
import { APP_ENTRY_URL } from './window-policy';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  contentTypeFor,
  externalLinkDecision,
  GRANTED_PERMISSIONS,
  isAllowedNavigation,
  isPermissionGranted,
  resolveAppFile,
  windowOptions,
} from './window-policy';

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

/** A CSP as directive → sources, checking that each directive is there once. */
function directives(csp: string): Record<string, string> {
  const list = csp.split('; ').map((d) => {
    const [name = '', ...sources] = d.split(' ');
    return [name, sources.join(' ')] as const;
  });
  expect(new Set(list.map(([name]) => name)).size, 'a directive appears twice').toBe(list.length);
  return Object.fromEntries(list);
}

describe('contentSecurityPolicy: every directive, with its exact sources', () => {
  // Each of these closes a door the renderer never needs: plugins (object-src), <base> hijacking
  // (base-uri), form posts (form-action), frames inside the window (frame-src) and the window
  // framed by anything (frame-ancestors). Dropping any one must fail here.
  const production = {
    'default-src': "'none'",
    'script-src': "'self'",
    'style-src': "'self'",
    'font-src': "'self'",
    'connect-src': "'none'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-src': "'none'",
    'frame-ancestors': "'none'",
  };

  it('production: only our own files, no network, nothing framed, no plugins, no forms', () => {
    const csp = directives(contentSecurityPolicy({ dev: false }));
    expect(csp).toMatchObject(production);
    expect(csp['img-src']).toMatch(/^'self'/);
    for (const [name, sources] of Object.entries(csp)) expect(sources, name).not.toMatch(/unsafe|\*|(^| )http:/);
    // A dev server origin given outside development changes nothing.
    expect(contentSecurityPolicy({ dev: false, devServerOrigin: 'http://localhost:5173' })).toBe(contentSecurityPolicy({ dev: false }));
    expect(contentSecurityPolicy({ dev: true })).toBe(contentSecurityPolicy({ dev: false }));
  });

  it('development adds the dev server for scripts, styles and fonts, and its websocket for hot reload, nothing else', () => {
    const csp = directives(contentSecurityPolicy({ dev: true, devServerOrigin: 'http://localhost:5173' }));
    expect(csp).toMatchObject({
      ...production,
      'script-src': "'self' http://localhost:5173",
      'style-src': "'self' http://localhost:5173",
      'font-src': "'self' http://localhost:5173",
      'connect-src': 'http://localhost:5173 ws://localhost:5173',
    });
    expect(directives(contentSecurityPolicy({ dev: true, devServerOrigin: 'https://localhost:5173' }))['connect-src']).toBe('https://localhost:5173 wss://localhost:5173');
  });
});

describe('externalLinkDecision: schemes, hosts, credentials and length', () => {
  const refusal = (url: string) => {
    const decision = externalLinkDecision(url);
    return decision.open ? `opened ${decision.url}` : decision.reason;
  };

  it('opens no other scheme than https, and http only on loopback: not even on a loopback host', () => {
    for (const url of ['file://localhost/etc/passwd', 'file://127.0.0.1/etc/passwd', 'ftp://127.0.0.1/x', 'ws://localhost:8080/', 'smb://[::1]/share', 'ssh://localhost']) {
      expect(refusal(url), url).toBe('Only https links (and http links on this computer) are opened.');
    }
    for (const url of ['http://127.0.0.2/', 'http://localhost.example.com/', 'http://127.0.0.1.nip.io/', 'http://0.0.0.0:8080/']) {
      expect(refusal(url), url).toBe('Only https links (and http links on this computer) are opened.');
    }
  });

  it('refuses any user information, with or without a password', () => {
    for (const url of ['https://user@example.com/', 'https://:secret@example.com/', 'https://user:secret@example.com/', 'http://admin@127.0.0.1:8080/']) {
      expect(refusal(url), url).toBe('Links with credentials are not opened.');
    }
  });

  it('opens links up to 2,048 characters, as the normalised URL', () => {
    const at = (length: number) => `https://example.com/${'a'.repeat(length - 'https://example.com/'.length)}`;
    expect(externalLinkDecision(at(2048))).toEqual({ open: true, url: at(2048) });
    expect(refusal(at(2049))).toBe('The link is too long.');
    expect(refusal('not a url')).toBe('The link is not a valid URL.');
    expect(externalLinkDecision('HTTPS://Example.COM/a b')).toEqual({ open: true, url: 'https://example.com/a%20b' });
    expect(externalLinkDecision('http://LOCALHOST:3000')).toEqual({ open: true, url: 'http://localhost:3000/' });
  });
});

describe('isAllowedNavigation: scheme and host', () => {
  it('allows the dev server’s own pages, never a blob: or filesystem: URL made by them', () => {
    const origins = ['http://127.0.0.1:5173'];
    expect(isAllowedNavigation('http://127.0.0.1:5173/settings', origins)).toBe(true);
    expect(isAllowedNavigation('blob:http://127.0.0.1:5173/0f3c', origins)).toBe(false);
    expect(isAllowedNavigation('filesystem:http://127.0.0.1:5173/temporary/x', origins)).toBe(false);
    expect(isAllowedNavigation('blob:app://tessera/0f3c', ['app://tessera'])).toBe(false);
  });
});

describe('resolveAppFile and contentTypeFor: the rest of the app:// scheme', () => {
  const dir = path.resolve('/srv/renderer');

  it('serves the entry URL, doubled slashes inside the folder, and refuses a malformed escape', () => {
    expect(APP_ENTRY_URL).toBe('app://tessera/index.html');
    expect(resolveAppFile(dir, APP_ENTRY_URL)).toBe(path.join(dir, 'index.html'));
    expect(resolveAppFile(dir, 'app://tessera//assets/index-abc.js')).toBe(path.join(dir, 'assets/index-abc.js'));
    expect(resolveAppFile(dir, 'app://tessera/%E0%A4%A.js')).toBeNull();
  });

  it('gives every file type of the build its own Content-Type', () => {
    expect(contentTypeFor('/r/assets/index-x.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/r/icon.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/r/icon.png')).toBe('image/png');
    expect(contentTypeFor('/r/assets/inter.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/r/manifest.json')).toBe('application/json');
  });
});

describe('isPermissionGranted: the list it decides by', () => {
  it('is empty: no permission, known today or not, is granted (granting one is a change of docs/SECURITY.md, section 8)', () => {
    expect(GRANTED_PERMISSIONS).toEqual([]);
  });
});
