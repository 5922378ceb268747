/** The metadata file through `conf` where Electron is absent (the headless agent): the same file electron-store writes (src/main/electron/store.ts). */
import Conf from 'conf';
import type { JsonFileStoreFactory } from '../vault/metadata-store';

export const confStoreFactory: JsonFileStoreFactory = ({ cwd, name }) =>
  new Conf<Record<string, unknown>>({ cwd, configName: name, clearInvalidConfig: false, serialize: (v) => JSON.stringify(v) });
