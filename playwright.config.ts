import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where it is installed (CI, these machines); Playwright's own browser elsewhere.
const debianChromium = '/usr/bin/chromium';

// Dates are written in the machine's time zone, in the page and in the services the harness runs
// beside it: one zone for both (the runner's workers inherit it), wherever the suite runs.
process.env.TZ = 'UTC';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/harness/global-setup.ts',
  globalTeardown: './e2e/harness/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e',
  projects: [
    { name: 'e2e', testIgnore: '**/secrets-audit.spec.ts' },
    // After the whole suite: nothing any test saw issued is in what the run left behind.
    { name: 'secrets-audit', testMatch: '**/secrets-audit.spec.ts', dependencies: ['e2e'] },
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: existsSync(debianChromium) ? debianChromium : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    },
  },
});
