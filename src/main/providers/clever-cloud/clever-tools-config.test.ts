import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, readdirSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import {
  cleverToolsConfigPaths,
  defaultCleverToolsConfigPath,
  MAX_CONFIG_BYTES,
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
      { alias: 'profile-3', token: 't3', secret: 's3', expiresAt: null, userId: null, email: null, overrides: { API_HOST: 'https://x' } },
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

/** The promise's outcome, or a failure naming `what` when it is still pending after `ms`: a hang is the bug. */
async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** An import's outcome as a value: the error it ends with, or an Error saying it read the path. */
const importing = (path: string): Promise<unknown> => readCleverToolsConfig(path).then(() => new Error('it was read'), (x: unknown) => x);

function mkfifo(name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

/**
 * Test cleanup for when the protection is broken: a reader blocked opening a FIFO holds a pool
 * thread until a writer comes. Opening and closing each write end (non-blocking: ENXIO when nobody
 * reads) wakes such readers, until every import has ended, so the test process never hangs.
 */
async function releaseReaders(fifos: readonly string[], imports: readonly Promise<unknown>[]): Promise<void> {
  let ended = false;
  void Promise.allSettled(imports).then(() => (ended = true));
  while (!ended) {
    for (const fifo of fifos) {
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // Nobody is reading it.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('reading a path the window names', () => {
  const sockets: Server[] = [];
  afterAll(() => sockets.forEach((s) => s.close()));

  /** Each case makes its path and says what the error must say. */
  const refused: Record<string, { make: () => Promise<string>; says: string }> = {
    'a FIFO with no writer': { make: async () => mkfifo('fifo-alone'), says: 'not a regular file' },
    '/dev/zero': { make: async () => '/dev/zero', says: 'not a regular file' },
    'a Unix socket': {
      make: async () => {
        const path = join(dir, 'a.sock');
        const server = createServer();
        await new Promise<void>((resolve) => server.listen(path, resolve));
        sockets.push(server);
        return path;
      },
      says: 'not a regular file',
    },
    'a folder': {
      make: async () => {
        await mkdir(join(dir, 'a-folder'));
        return join(dir, 'a-folder');
      },
      says: 'it is a folder',
    },
    'a symbolic link to a 2 MB file': {
      make: async () => {
        await writeFile(join(dir, 'big.json'), `{"token":"t","secret":"s","pad":"${'x'.repeat(2 * MAX_CONFIG_BYTES)}"}`);
        await symlink(join(dir, 'big.json'), join(dir, 'link-to-big.json'));
        return join(dir, 'link-to-big.json');
      },
      says: 'larger than 1 MB',
    },
    'a file of 1 MB + 1 byte': {
      make: async () => {
        const shape = '{"token":"t","secret":"s","pad":""}';
        await writeFile(join(dir, 'just-over.json'), shape.replace('""', `"${'x'.repeat(MAX_CONFIG_BYTES + 1 - shape.length)}"`));
        return join(dir, 'just-over.json');
      },
      says: 'larger than 1 MB',
    },
  };
  for (const [what, { make, says }] of Object.entries(refused)) {
    it(`refuses ${what} at once, with a typed error`, async () => {
      const path = await make();
      const pending = importing(path);
      try {
        const e = await within(2_000, `importing ${what}`, pending);
        expect(e).toBeInstanceOf(AppError);
        expect(e).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(says) });
      } finally {
        if (path.includes('fifo')) await releaseReaders([path], [pending]);
      }
    });
  }

  it('reads a file of exactly 1 MB, and a file through a symbolic link', async () => {
    const exact = join(dir, 'exact.json');
    const shape = '{"token":"t","secret":"s","pad":""}';
    await writeFile(exact, shape.replace('""', `"${'x'.repeat(MAX_CONFIG_BYTES - shape.length)}"`));
    expect(await readCleverToolsConfig(exact)).toMatchObject([{ alias: 'default', token: 't', secret: 's' }]);
    const real = join(dir, 'real-clever-tools.json');
    await writeFile(real, '{"token":"linked","secret":"s"}');
    const link = join(dir, 'dotfiles-link.json');
    await symlink(real, link);
    expect(await readCleverToolsConfig(link)).toMatchObject([{ token: 'linked' }]);
  });

  it('8 FIFO imports at once leave the thread pool free: the keychain and other files still answer', async () => {
    const small = join(dir, 'small.json');
    await writeFile(small, '{"token":"t","secret":"s"}');
    const fifos = Array.from({ length: 8 }, (_, i) => mkfifo(`fifo-${i}`));
    // Twice libuv's four pool threads: blocking opens would hold every thread and queue the rest.
    const imports = fifos.map(importing);
    try {
      const [secret, text] = await within(
        3_000,
        'a keychain read and a file read while 8 FIFO imports are outstanding',
        Promise.all([keytar.getPassword(`Tessera-test-pool-${process.pid}`, 'nothing'), readFile(small, 'utf8')]),
      );
      expect(secret).toBeNull();
      expect(text).toBe('{"token":"t","secret":"s"}');
      for (const e of await within(2_000, 'the 8 FIFO imports', Promise.all(imports)))
        expect(e).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('not a regular file') });
    } finally {
      await releaseReaders(fifos, imports);
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
    // Old CLIs wrote ~/.config/clever-cloud as a file: the current path then runs through a file.
    await expect(readCleverToolsConfig(join(file, 'clever-tools.json'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('takes CLEVER_TOKEN and CLEVER_SECRET only together', () => {
    expect(profileFromEnv({ CLEVER_TOKEN: 't', CLEVER_SECRET: 's' })).toEqual({
      alias: 'environment',
      token: 't',
      secret: 's',
      expiresAt: null,
      userId: null,
      email: null,
      overrides: {},
    });
    expect(profileFromEnv({ CLEVER_TOKEN: 't' })).toBeNull();
    expect(profileFromEnv({ CLEVER_TOKEN: ' ', CLEVER_SECRET: 's' })).toBeNull();
  });

  it('takes the other variables clever-tools reads as the profile’s overrides, unchecked here; empty ones and others are left out', () => {
    const env = { CLEVER_TOKEN: 't', CLEVER_SECRET: 's', API_HOST: 'https://api.example.org', OAUTH_CONSUMER_KEY: 'k', SSH_GATEWAY: ' ', HOME: '/home/ada' };
    expect(profileFromEnv(env)?.overrides).toEqual({ API_HOST: 'https://api.example.org', OAUTH_CONSUMER_KEY: 'k' });
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

describe('what the import cannot open or read, and what it leaves open', () => {
  /** The error an import ends with; a failure when it reads the path or is still pending after 2 s. */
  const failure = async (path: string): Promise<AppError> => {
    const e = await within(2_000, `importing ${path}`, importing(path));
    expect(e, path).toBeInstanceOf(AppError);
    return e as AppError;
  };

  it('a missing file is not_found, saying so, with the system’s reason kept as the cause', async () => {
    const e = await failure(join(dir, 'nowhere.json'));
    expect(e).toMatchObject({ code: 'not_found', message: 'No clever-tools configuration file was found there.' });
    expect(e.cause).toMatchObject({ code: 'ENOENT' });
  });

  it('a path that cannot be opened for another reason (a loop of symbolic links) is an internal error, not a missing file or a wrong kind of file', async () => {
    await symlink(join(dir, 'loop-b'), join(dir, 'loop-a'));
    await symlink(join(dir, 'loop-a'), join(dir, 'loop-b'));
    const e = await failure(join(dir, 'loop-a'));
    expect(e).toMatchObject({ code: 'internal', message: 'The clever-tools configuration file could not be read.' });
    expect(e.cause).toMatchObject({ code: 'ELOOP' });
  });

  it('a regular file whose read fails (/proc/self/mem at offset 0) is an internal error with the system’s reason as the cause', async () => {
    const e = await failure('/proc/self/mem');
    expect(e).toMatchObject({ code: 'internal', message: 'The clever-tools configuration file could not be read.' });
    expect(e.cause).toMatchObject({ code: 'EIO' });
  });

  it('a regular file whose size the system does not report (/proc/kallsyms says 0 and holds megabytes) stops at 1 MB + 1 byte', async () => {
    const e = await failure('/proc/kallsyms');
    expect(e).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('larger than 1 MB') });
  });

  it('closes every file it opens, whether it reads it or refuses it', async () => {
    const good = join(dir, 'closed-good.json');
    await writeFile(good, '{"token":"t","secret":"s"}');
    const big = join(dir, 'closed-big.json');
    await writeFile(big, `{"token":"t","secret":"s","pad":"${'x'.repeat(MAX_CONFIG_BYTES)}"}`);
    const fifo = mkfifo('closed-fifo');
    await mkdir(join(dir, 'closed-folder'));
    const paths = [good, big, fifo, join(dir, 'closed-folder'), '/dev/zero'];
    const outcomes = await within(2_000, 'the imports', Promise.all(paths.map(importing)));
    expect(outcomes[0]).toEqual(new Error('it was read'));
    const open: string[] = [];
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        open.push(readlinkSync(`/proc/self/fd/${fd}`));
      } catch {
        // Closed while the folder was listed (the listing's own descriptor).
      }
    }
    for (const path of paths) expect(open, path).not.toContain(path);
  });
});
