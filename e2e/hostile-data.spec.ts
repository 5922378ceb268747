/**
 * Hostile data from servers: names, e-mails, tenant and role names, consumer names carrying HTML
 * and script payloads are shown as text, and nothing executes. Seeded in the emulators, checked in
 * the real renderer (production bundle, production CSP).
 */
import { expect, test } from '@playwright/test';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../emulators/clever-cloud/server';
import { demoUsers } from '../emulators/saasus/demo-data';
import { startSaasusEmulator, type SaasusEmulator } from '../emulators/saasus/server';
import { launchHarness, type Harness } from './harness/harness';

const PAYLOAD = `<img src=x onerror="window.__pwned=(window.__pwned||0)+1"><script>window.__pwned=1</script>`;

let saasus: SaasusEmulator;
let clever: CleverCloudEmulator;
let harness: Harness | undefined;

test.beforeEach(async () => {
  saasus = await startSaasusEmulator();
  clever = await startCleverCloudEmulator();
});
test.afterEach(async () => {
  if (harness) expect(await harness.closeAudited([...saasus.issuedSecrets(), ...clever.issuedSecrets()])).toEqual([]);
  harness = undefined;
  await saasus.close();
  await clever.close();
});

test('names from the providers are rendered as text, and nothing executes', async ({ browser }) => {
  const user = saasus.config.users[0]!;
  saasus.setUserName(user.email, `Eve ${PAYLOAD}`);
  saasus.setTenantName(demoUsers()[0]!.tenants[0]!.id, `Tenant ${PAYLOAD}`);
  clever.setUserName(clever.config.user.email, `Mallory ${PAYLOAD}`);
  harness = await launchHarness(browser, { cleverCloud: { baseUrl: clever.config.baseUrl, consoleUrl: clever.config.consoleUrl } });
  const { page } = harness;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });

  const connection = await page.evaluate(
    (c) => window.tessera.saveSaasusConnection({ name: 'S', saasId: c.saasId, apiKey: c.apiKey, secretKey: c.secretKey, apiBaseUrl: c.baseUrl, loginUrl: c.loginUrl, callbackPort: 28996 }),
    saasus.config,
  );
  const code = saasus.issueTempCode(user.email);
  expect((await page.evaluate(([id, c]) => window.tessera.exchangeSaasusCode({ connectionId: id, code: c }), [connection.ok ? connection.value.id : '', code] as const)).ok).toBe(true);
  const consumer = await page.evaluate((c) => window.tessera.saveCleverCloudConsumer({ name: 'Demo', key: c.key, secret: c.secret, callbackPort: 28995 }), clever.config.consumer);
  const pasted = await page.evaluate(
    ([t, s, id]) => window.tessera.importCleverCloudToken({ token: t, secret: s, consumerId: id }),
    [clever.config.token.token, clever.config.token.secret, consumer.ok ? consumer.value.id : ''] as const,
  );
  expect(pasted.ok).toBe(true);

  const rows = page.getByTestId('account-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'SaaSus' })).toContainText('Eve <img src=x');
  await expect(rows.filter({ hasText: 'Clever Cloud' })).toContainText('Mallory <img src=x');
  await rows.filter({ hasText: 'SaaSus' }).click();
  await expect(page.getByTestId('saasus-tenants')).toContainText('Tenant <img src=x');
  await harness.screenshot('hostile-names');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});
