import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_VARIABLES, launchOptions } from './launch-options';

const demoConfig = { cleverCloud: { baseUrl: 'http://127.0.0.1:47801', consoleUrl: 'http://127.0.0.1:47801/console' } };

/** Every development variable set to something an attacker who controls the environment would choose. */
const hostile = {
  ELECTRON_RENDERER_URL: 'https://attacker.example/',
  TESSERA_DEMO: '1',
  TESSERA_DEMO_CONFIG: JSON.stringify({ cleverCloud: { baseUrl: 'https://attacker.example', consoleUrl: 'https://attacker.example/login' } }),
  TESSERA_DATA_DIR: '/tmp/attacker',
  TESSERA_KEYCHAIN_SERVICE: 'Attacker',
};

describe('launchOptions, not packaged (development, demo, tests)', () => {
  it('uses nothing from an empty environment: the built files, the real services, the user data folder and keychain', () => {
    expect(launchOptions({}, false)).toEqual({
      devServerUrl: undefined,
      demo: false,
      demoConfig: undefined,
      dataDir: undefined,
      keychainService: undefined,
      ignored: [],
    });
  });

  it('ELECTRON_RENDERER_URL: loads the window from the dev server (an http(s) URL only)', () => {
    expect(launchOptions({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false).devServerUrl).toBe('http://localhost:5173');
    expect(launchOptions({ ELECTRON_RENDERER_URL: 'file:///etc/passwd' }, false).devServerUrl).toBeUndefined();
    expect(launchOptions({ ELECTRON_RENDERER_URL: 'not a url' }, false).devServerUrl).toBeUndefined();
    expect(launchOptions({ ELECTRON_RENDERER_URL: '' }, false).devServerUrl).toBeUndefined();
  });

  it('TESSERA_DEMO=1: the demo, with its own keychain service', () => {
    expect(launchOptions({ TESSERA_DEMO: '1' }, false)).toMatchObject({ demo: true, keychainService: 'Tessera-demo' });
    expect(launchOptions({ TESSERA_DEMO: 'yes' }, false)).toMatchObject({ demo: false, keychainService: undefined });
  });

  it('TESSERA_DEMO_CONFIG: the emulators’ URLs, in the demo only', () => {
    const config = JSON.stringify(demoConfig);
    expect(launchOptions({ TESSERA_DEMO: '1', TESSERA_DEMO_CONFIG: config }, false).demoConfig).toEqual(demoConfig);
    expect(launchOptions({ TESSERA_DEMO_CONFIG: config }, false).demoConfig).toBeUndefined();
  });

  it('TESSERA_DATA_DIR: a test’s data folder', () => {
    expect(launchOptions({ TESSERA_DATA_DIR: '/tmp/tessera-electron-x' }, false).dataDir).toBe('/tmp/tessera-electron-x');
    expect(launchOptions({ TESSERA_DATA_DIR: '' }, false).dataDir).toBeUndefined();
  });

  it('TESSERA_KEYCHAIN_SERVICE: a test’s keychain service, also over the demo’s', () => {
    expect(launchOptions({ TESSERA_KEYCHAIN_SERVICE: 'Tessera-test-electron-1' }, false).keychainService).toBe('Tessera-test-electron-1');
    expect(launchOptions({ TESSERA_KEYCHAIN_SERVICE: 'Tessera-test-2', TESSERA_DEMO: '1' }, false).keychainService).toBe('Tessera-test-2');
  });
});

describe('launchOptions, packaged (an installed Tessera)', () => {
  it('ignores every development variable, and says which were set', () => {
    expect(launchOptions(hostile, true)).toEqual({
      devServerUrl: undefined,
      demo: false,
      demoConfig: undefined,
      dataDir: undefined,
      keychainService: undefined,
      ignored: [...DEVELOPMENT_VARIABLES],
    });
  });

  it.each(DEVELOPMENT_VARIABLES)('ignores %s on its own', (name) => {
    const env = name === 'TESSERA_DEMO_CONFIG' ? { TESSERA_DEMO: '1', [name]: hostile[name] } : { [name]: hostile[name] };
    const options = launchOptions(env, true);
    expect(options).toMatchObject({ devServerUrl: undefined, demo: false, demoConfig: undefined, dataDir: undefined, keychainService: undefined });
    expect(options.ignored).toContain(name);
  });

  it('reads no other variable', () => {
    expect(launchOptions({ HOME: '/home/u', CLEVER_TOKEN: 'x' }, true).ignored).toEqual([]);
  });
});

describe('launchOptions, the dev server address', () => {
  it('takes an https dev server as well as an http one, and nothing that is not a web address', () => {
    expect(launchOptions({ ELECTRON_RENDERER_URL: 'https://localhost:5173/' }, false).devServerUrl).toBe('https://localhost:5173/');
    for (const value of ['ws://localhost:5173/', 'javascript:alert(1)', 'localhost:5173', '//localhost:5173'])
      expect(launchOptions({ ELECTRON_RENDERER_URL: value }, false).devServerUrl, value).toBeUndefined();
  });
});
