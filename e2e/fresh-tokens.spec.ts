/**
 * Copying fresh tokens end to end: from the account view and by keyboard, main writes the
 * clipboard (the harness records it), the window shows what was copied and a countdown, and the
 * clipboard is cleared after the delay.
 */
import { expect, test } from '@playwright/test';
import { startSaasusEmulator, type SaasusEmulator } from '../emulators/saasus/server';
import { launchHarness, type Harness } from './harness/harness';
import { addSaasusAccount } from './harness/seed';

let emulator: SaasusEmulator;
let harness: Harness | undefined;

test.beforeEach(async () => {
  emulator = await startSaasusEmulator();
});
test.afterEach(async () => {
  // The secrets audit: nothing the emulator issued reached the window, the metadata or the log.
  if (harness) expect(await harness.closeAudited(emulator.issuedSecrets())).toEqual([]);
  harness = undefined;
  await emulator.close();
});

test('copy a fresh token from the account view: countdown, then the clipboard is cleared', async ({ browser }) => {
  harness = await launchHarness(browser);
  const { page } = harness;
  // A SaaSus account, set up through the bridge as the window would.
  await addSaasusAccount(harness, emulator, 28997, 'S');
  await page.evaluate(() => window.tessera.updateSettings({ clipboardClearSeconds: 3 }));

  await page.getByTestId('account-row').click();
  await page.getByTestId('copy-access-token').click();
  // The copy button itself says it, and the one indicator steps back: no toast repeats it.
  await expect(page.getByTestId('copy-access-token')).toContainText(/Copied · clears in [1-3] sec/);
  await expect(page.getByTestId('clipboard-countdown')).toBeHidden();
  await expect(page.getByTestId('toasts')).not.toContainText(/copied/i);
  await expect(page.getByTestId('clipboard-announcement')).toHaveText(/Access token copied\. The clipboard is cleared in [1-3] sec/);
  await harness.screenshot('copy-countdown');
  const copied = harness.clipboardWrites.at(-1)!;
  expect(copied.concealed).toBe(true);
  expect(copied.text.split('.')).toHaveLength(3); // a JWT
  expect(await page.content()).not.toContain(copied.text);
  // Cleared after the delay, and the countdown goes away.
  await expect.poll(() => harness!.clipboardWrites.at(-1)?.text, { timeout: 6000 }).toBe('');
  await expect(page.getByTestId('copy-access-token')).toHaveText('Copy');
  await expect(page.getByTestId('clipboard-announcement')).toHaveText('Clipboard cleared.');

  // By keyboard on the selected account.
  await page.getByTestId('account-row').focus();
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(() => harness!.clipboardWrites.at(-1)?.text.split('.').length).toBe(3);
  // The shortcut's copy is shown by the indicator, with no toast besides.
  await expect(page.getByTestId('clipboard-countdown')).toContainText(/Clipboard: Access token · cleared in/);
  expect(await page.getByTestId('clipboard-countdown').evaluate((el) => el.closest('[aria-live], [role="status"], [role="alert"], [role="log"]') === null)).toBe(true);
  await expect(page.getByTestId('toasts')).not.toContainText(/copied/i);
});
