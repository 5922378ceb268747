/**
 * One Tessera start-up, as main does it, in a fresh process: build the services over a data folder
 * and the keychain, answer the first account list, then report and exit. Bundled by
 * bench/startup.ts and run with plain node, so that what is measured is the app's own start-up
 * (module loading, reading and checking the metadata file, the list), not a TypeScript loader.
 */
import keytar from 'keytar';
import { createAppServices } from '../src/main/app-services';
import { confFactory } from '../test/support/real-stores';
import { testDesktop } from '../test/support/test-app';
import { INVOKE_CHANNELS } from '../src/shared/channels';

const [dataDir, keychainService] = process.argv.slice(2) as [string, string];
const t0 = performance.now();
const app = createAppServices({
  dataDir,
  keytar,
  keychainService,
  storeFactory: confFactory,
  trustedOrigins: ['app://tessera'],
  info: { version: 'bench', platform: process.platform, demo: false },
  desktop: testDesktop(),
});
const result = await app.router.dispatch(INVOKE_CHANNELS.listAccounts, undefined, { isMainFrame: true, url: 'app://tessera/index.html' });
const inProcessMs = performance.now() - t0;
if (!result.ok) throw new Error(`list failed: ${result.error.message}`);
process.stdout.write(
  `${JSON.stringify({ listed: (result.value as unknown[]).length, inProcessMs, sinceProcessStartMs: performance.now(), keychainReads: app.secrets.stats.reads })}\n`,
);
process.exit(0);
