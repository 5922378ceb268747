import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import {
  cleverToolsConfigPaths,
  defaultCleverToolsConfigPath,
  parseCleverToolsConfig,
  profileFromEnv,
  readCleverToolsConfig,
} from './clever-tools-config';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-clever-tools-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('parseCleverToolsConfig', () => {
  it('reads every profile of the current format', () => {
    const text = JSON.stringify({
      version: 1,
      profiles: [
        { alias: 'work', token: 't1', secret: 's1', expirationDate: '2026-01-02T03:04:05Z[UTC]', userId: 'user_1', email: 'a@example.com' },
        { alias: 'perso', token: 't2', secret: 's2', expirationDate: 1767225600000 },
        { token: 't3', secret: 's3', overrides: { API_HOST: 'https://x' } },
      ],
    });
    expect(parseCleverToolsConfig(text)).toEqual([
      { alias: 'work', token: 't1', secret: 's1', expiresAt: Date.parse('2026-01-02T03:04:05Z'), userId: 'user_1', email: 'a@example.com' },
      { alias: 'perso', token: 't2', secret: 's2', expiresAt: 1767225600000, userId: null, email: null },
      { alias: 'profile-3', token: 't3', secret: 's3', expiresAt: null, userId: null, email: null },
    ]);
  });

  it('reads the legacy {token, secret} format as one default profile', () => {
    expect(parseCleverToolsConfig('{"token":"t","secret":"s"}')).toEqual([
      { alias: 'default', token: 't', secret: 's', expiresAt: null, userId: null, email: null },
    ]);
  });

  it('refuses malformed files with a typed error that never quotes the content', () => {
    const cases = [
      'not json {',
      '[]',
      '{}',
      '{"token":"t"}',
      '{"token":"","secret":"s"}',
      '{"version":2,"profiles":[]}',
      '{"version":1,"profiles":[]}',
      '{"version":1,"profiles":[{"token":"SECRET-T","secret":"SECRET-S","expirationDate":"someday"}]}',
      '{"version":1,"profiles":[{"alias":"a","token":"SECRET-T","secret":"SECRET-S"},{"alias":"a","token":"x","secret":"y"}]}',
    ];
    for (const text of cases) {
      let caught: unknown;
      try {
        parseCleverToolsConfig(text);
      } catch (e) {
        caught = e;
      }
      expect(caught, text).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('invalid_input');
      expect((caught as AppError).message).not.toContain('SECRET');
    }
  });
});

describe('reading files and the environment', () => {
  it('reads a file; a missing file is not_found, a folder is invalid_input', async () => {
    const file = join(dir, 'clever-tools.json');
    await writeFile(file, '{"token":"t","secret":"s"}');
    expect(await readCleverToolsConfig(file)).toHaveLength(1);
    await expect(readCleverToolsConfig(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(readCleverToolsConfig(dir)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('takes CLEVER_TOKEN and CLEVER_SECRET only together', () => {
    expect(profileFromEnv({ CLEVER_TOKEN: 't', CLEVER_SECRET: 's' })).toEqual({
      alias: 'environment',
      token: 't',
      secret: 's',
      expiresAt: null,
      userId: null,
      email: null,
    });
    expect(profileFromEnv({ CLEVER_TOKEN: 't' })).toBeNull();
    expect(profileFromEnv({ CLEVER_TOKEN: ' ', CLEVER_SECRET: 's' })).toBeNull();
  });

  it('knows where the CLI keeps its file on each OS', () => {
    expect(defaultCleverToolsConfigPath({ platform: 'linux', env: {}, home: '/home/ada' })).toBe('/home/ada/.config/clever-cloud/clever-tools.json');
    expect(defaultCleverToolsConfigPath({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/ada' })).toBe(
      '/xdg/clever-cloud/clever-tools.json',
    );
    expect(defaultCleverToolsConfigPath({ platform: 'darwin', env: {}, home: '/Users/ada' })).toBe('/Users/ada/.config/clever-cloud/clever-tools.json');
    expect(defaultCleverToolsConfigPath({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, home: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\clever-cloud\\clever-tools.json',
    );
    expect(cleverToolsConfigPaths({ platform: 'linux', env: {}, home: '/h' })).toEqual(['/h/.config/clever-cloud/clever-tools.json', '/h/.config/clever-cloud']);
  });
});
