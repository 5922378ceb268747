/** The metadata file through electron-store in the app. */
import ElectronStore from 'electron-store';
import type { JsonFileStoreFactory } from '../vault/metadata-store';

export const electronStoreFactory: JsonFileStoreFactory = ({ cwd, name }) =>
  new ElectronStore<Record<string, unknown>>({ cwd, name, clearInvalidConfig: false, serialize: (v) => JSON.stringify(v) });
