/**
 * The packaging configuration (electron-builder.yml) as `npm run dist` reads it: loaded and
 * validated by electron-builder's own code (app-builder-lib, which electron-builder is built on),
 * so that a misspelt option fails here instead of being ignored when installers are made, which
 * the project's CI machines cannot do (they have no Electron binary).
 *
 * What it holds: the Electron fuses that stop a packaged Tessera from running arbitrary code under
 * its signature (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) or loading code from anywhere but
 * its integrity-checked app.asar, the asar layout those fuses depend on, and keytar rebuilt from
 * source (as .prebuild-installrc has `npm install` do) rather than from a downloaded binary.
 */
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);

describe('electron-builder.yml', () => {
  it('is a configuration electron-builder accepts (no unknown or misspelt option)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it.each([
    // ELECTRON_RUN_AS_NODE=1 would turn the signed binary into a plain Node.js that runs any script.
    ['runAsNode', false],
    // NODE_OPTIONS=--require=evil.js (and NODE_EXTRA_CA_CERTS) would inject code or a CA.
    ['enableNodeOptionsEnvironmentVariable', false],
    // --inspect / SIGUSR1 would open a debugger on the main process, which holds the secrets.
    ['enableNodeCliInspectArguments', false],
    // app.asar is checked against the hash embedded in the signed binary (macOS, Windows)…
    ['enableEmbeddedAsarIntegrityValidation', true],
    // …and is the only place the app is loaded from (no `app/` folder dropped next to it).
    ['onlyLoadAppFromAsar', true],
    ['enableCookieEncryption', true],
    // Pages are served from app://tessera, never file://.
    ['grantFileProtocolExtraPrivileges', false],
  ] as const)('sets the fuse %s to %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value);
  });

  it('packs the app into an asar archive with its integrity hash, keytar unpacked', () => {
    // onlyLoadAppFromAsar with no app.asar would start nothing; without the hash there is nothing to validate.
    expect(config.asar).not.toBe(false);
    expect(config.asar).not.toBeNull();
    expect(config.disableAsarIntegrity).not.toBe(true);
    // keytar's .node file cannot be loaded from inside an archive; Electron reads it from app.asar.unpacked.
    expect(config.asarUnpack).toContain('node_modules/keytar/**');
    expect(config.asarUnpack).toContain('resources/**');
  });

  it('rebuilds keytar for Electron from source, never from a downloaded prebuilt binary', () => {
    expect(config.npmRebuild).not.toBe(false);
    expect(config.buildDependenciesFromSource).toBe(true);
  });
});
