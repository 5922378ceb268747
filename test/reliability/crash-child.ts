/**
 * The process crash-consistency.test.ts kills. It opens the app's real services (createAppServices
 * over keytar and a conf metadata file: the test's folder and keychain service, the emulators the
 * test runs), says "ready", runs the one operation the test asks for, says "done" with how long it
 * took, and waits to be killed. The test bundles this file once with esbuild and forks plain node on
 * the bundle for each trial: paying tsx's start-up 150+ times would dominate the test's run time.
 * The test forks the next child while it checks the last one's state; the files are opened only
 * when the test says "open" (after its own services let go of them).
 *
 * It does not call `start()`: it stands for an app whose start-up already ran over these files
 * (the test runs `start()` itself before each trial).
 */
import keytar from 'keytar';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { AppError } from '../../src/main/errors';
import { confFactory } from '../support/real-stores';
import { testDesktop } from '../support/test-app';

export interface ChildConfig {
  readonly dir: string;
  readonly service: string;
  readonly cleverCloudBaseUrl: string;
  readonly cleverCloudConsoleUrl: string;
}

export type ChildOperation =
  | { readonly op: 'open' }
  | { readonly op: 'refresh'; readonly accountId: string }
  | { readonly op: 'login'; readonly connectionId: string; readonly code: string }
  | { readonly op: 'remove'; readonly accountId: string };

export type ChildMessage = { readonly type: 'loaded' } | { readonly type: 'ready' } | { readonly type: 'done'; readonly ms: number } | { readonly type: 'failed'; readonly code: string };

function send(message: ChildMessage): void {
  process.send?.(message);
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
let services: AppServices | undefined;

function openServices(): AppServices {
  return createAppServices({
    dataDir: config.dir,
    keytar,
    keychainService: config.service,
    storeFactory: confFactory,
    trustedOrigins: ['app://tessera'],
    info: { version: 'crash-child', platform: process.platform, demo: false },
    desktop: testDesktop(),
    cleverCloud: { baseUrl: config.cleverCloudBaseUrl, consoleUrl: config.cleverCloudConsoleUrl },
  });
}

function run(app: AppServices, operation: Exclude<ChildOperation, { op: 'open' }>): Promise<unknown> {
  switch (operation.op) {
    case 'refresh':
      return app.saasus.refresh(operation.accountId);
    case 'login':
      return app.saasus.exchangePastedCode(operation.connectionId, operation.code);
    case 'remove':
      return app.accounts.remove(operation.accountId);
  }
}

process.on('message', (operation: ChildOperation) => {
  if (operation.op === 'open') {
    services = openServices();
    send({ type: 'ready' });
    return;
  }
  const app = services!;
  const started = performance.now();
  run(app, operation).then(
    async () => {
      // The deferred metadata write is part of the operation: "done" means everything is on disk,
      // written when the app would write it (not flushed early, which would hide that window).
      while (app.metadata.hasPendingChanges) await new Promise((resolve) => setTimeout(resolve, 2));
      send({ type: 'done', ms: performance.now() - started });
    },
    (error: unknown) => send({ type: 'failed', code: error instanceof AppError ? error.code : 'untyped' }),
  );
});
send({ type: 'loaded' });
