/**
 * Real stores for tests: the OS keychain through keytar under a service name of the test's own
 * (so a test never sees the user's `Tessera` entries, nor another test's), and conf metadata files
 * in a temp folder. `npm test` runs all of this inside a private, throw-away keyring
 * (scripts/with-keyring.sh).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Conf from 'conf';
import keytar from 'keytar';
import type { JsonFileStoreFactory } from '../../src/main/vault/metadata-store';

export const confFactory: JsonFileStoreFactory = ({ cwd, name }) =>
  new Conf<Record<string, unknown>>({ cwd, configName: name, clearInvalidConfig: false, serialize: (v) => JSON.stringify(v) });

export interface TestWorld {
  readonly dir: string;
  readonly service: string;
  /** Every entry of this test's keychain service, straight from keytar. */
  keychain(): Promise<Map<string, string>>;
  cleanup(): Promise<void>;
}

export function makeTestWorld(): TestWorld {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-test-'));
  const service = `Tessera-test-${randomBytes(5).toString('hex')}`;
  return {
    dir,
    service,
    keychain: async () => new Map((await keytar.findCredentials(service)).map((c) => [c.account, c.password])),
    cleanup: async () => {
      for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
