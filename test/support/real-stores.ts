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
import { KeytarSecretStore } from '../../src/main/vault/secret-store';

export const confFactory: JsonFileStoreFactory = ({ cwd, name }) =>
  new Conf<Record<string, unknown>>({ cwd, configName: name, clearInvalidConfig: false, serialize: (v) => JSON.stringify(v) });

export interface TestWorld {
  readonly dir: string;
  readonly service: string;
  /** Every entry of this test's keychain service, read from the keychain (nothing cached). */
  keychain(): Promise<Map<string, string>>;
  cleanup(): Promise<void>;
}

export function makeTestWorld(): TestWorld {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-test-'));
  const service = `Tessera-test-${randomBytes(5).toString('hex')}`;
  return {
    dir,
    service,
    // Listed through the store, which keeps a listing apart from the writes the services under
    // test may be making in the background (secret-store.ts says why: keytar would crash).
    keychain: async () => new Map((await new KeytarSecretStore({ keytar, service }).list()).map((e) => [e.key, e.value])),
    cleanup: async () => {
      const store = new KeytarSecretStore({ keytar, service });
      for (const { key } of await store.list()) await store.delete(key);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
