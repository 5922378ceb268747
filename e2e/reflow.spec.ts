/**
 * Reflow (WCAG 2.2, 1.4.10) at 640×400 CSS px: the panes stack, nothing needs a horizontal scroll,
 * and every control of every screen can be scrolled into view whole and is not covered by anything
 * (a sticky footer, a clipped pane). The screens: the list with an account open (each provider),
 * "Add account" (the providers, each Clever Cloud tab, SaaSus's form), and Settings.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../emulators/clever-cloud/server';
import { startSaasusEmulator, type SaasusEmulator } from '../emulators/saasus/server';
import { freePort } from './harness/free-port';
import { ARTIFACTS_DIR, launchHarness, type Harness } from './harness/harness';
import { addCleverCloudAccount, addSaasusAccount } from './harness/seed';

const SIZE = { width: 640, height: 400 };

let saasus: SaasusEmulator;
let cleverCloud: CleverCloudEmulator;
let harness: Harness | undefined;

test.beforeEach(async () => {
  saasus = await startSaasusEmulator();
  cleverCloud = await startCleverCloudEmulator();
});
test.afterEach(async () => {
  if (harness) expect(await harness.closeAudited([...saasus.issuedSecrets(), ...cleverCloud.issuedSecrets()])).toEqual([]);
  harness = undefined;
  await saasus.close();
  await cleverCloud.close();
});

/**
 * What is cut off on the screen as it is: a horizontal scroll of the page or of a dialog, and each
 * control (of the open dialog when there is one) that, scrolled into view, is not wholly inside
 * the viewport or is covered where it would be clicked.
 */
async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} px wide in ${window.innerWidth})`);
    const dialog = Array.from(document.querySelectorAll('dialog')).filter((d) => d.open).at(-1);
    const scope: ParentNode = dialog ?? document;
    for (const body of Array.from(scope.querySelectorAll<HTMLElement>('.dialog-body')))
      if (body.scrollWidth > body.clientWidth + 1) problems.push(`a dialog scrolls sideways (${body.scrollWidth} px in ${body.clientWidth})`);
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    for (const el of Array.from(scope.querySelectorAll<HTMLElement>(selector))) {
      const first = el.getBoundingClientRect();
      if (first.width <= 1 || first.height <= 1 || el.closest('[hidden], [inert]')) continue; // not shown (a closed tab, visually hidden)
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('name') ?? '').trim().slice(0, 40)}"`;
      if (r.left < -1 || r.right > window.innerWidth + 1) problems.push(`${name} sticks out sideways (${Math.round(r.left)}–${Math.round(r.right)})`);
      if (r.height <= window.innerHeight && (r.top < -1 || r.bottom > window.innerHeight + 1)) problems.push(`${name} cannot be scrolled wholly into view`);
      const hit = document.elementFromPoint(Math.min(window.innerWidth - 1, Math.max(0, r.left + r.width / 2)), Math.min(window.innerHeight - 1, Math.max(0, r.top + r.height / 2)));
      if (!hit || !(el === hit || el.contains(hit) || hit.contains(el) || (el instanceof HTMLInputElement && el.labels && Array.from(el.labels).some((l) => l.contains(hit)))))
        problems.push(`${name} is covered by ${hit ? `${hit.tagName.toLowerCase()}.${Array.from(hit.classList).join('.')}` : 'nothing on screen'}`);
    }
    return problems;
  });
}

test('at 640×400 the panes stack and no screen is cut off', async ({ browser }) => {
  harness = await launchHarness(browser, { cleverCloud: { baseUrl: cleverCloud.config.baseUrl, consoleUrl: cleverCloud.config.consoleUrl } });
  const { page } = harness;
  await page.setViewportSize(SIZE);
  const port = await freePort();
  saasus.setCallbackUrl(`http://127.0.0.1:${port}/callback`);
  const saasusId = await addSaasusAccount(harness, saasus, port);
  const cleverId = await addCleverCloudAccount(harness, cleverCloud, await freePort());
  mkdirSync(path.join(ARTIFACTS_DIR, 'screens'), { recursive: true });
  const check = async (screen: string): Promise<void> => {
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'screens', `reflow-${SIZE.width}x${SIZE.height}-${screen}.png`) });
    expect(await cutOff(page), screen).toEqual([]);
  };

  for (const id of [cleverId, saasusId]) {
    await page.locator(`[data-testid="account-row"][data-account-id="${id}"]`).click();
    await expect(page.getByTestId('detail-pane')).toHaveAttribute('data-account-id', id);
    // Stacked: the detail is below the list, not beside it.
    const list = await page.locator('.sidebar').boundingBox();
    const detail = await page.getByTestId('detail-pane').boundingBox();
    expect(detail!.y).toBeGreaterThanOrEqual(list!.y + list!.height - 1);
    await check(`account-${id === cleverId ? 'clever-cloud' : 'saasus'}`);
  }

  await page.getByTestId('add-account').click();
  await check('add-providers');
  await page.getByTestId('add-clever-cloud').click();
  for (const tab of ['browser', 'consumer', 'import']) {
    await page.getByTestId(`tab-${tab}`).click();
    await check(`add-clever-cloud-${tab}`);
  }
  await page.getByTestId('tab-consumer').click();
  await page.getByTestId('cc-edit-consumer').click();
  await check('add-clever-cloud-consumer-form');
  await page.getByTestId('add-back').click();
  await page.getByTestId('add-saasus').click();
  await check('add-saasus-flow');
  await page.getByRole('button', { name: 'New connection…' }).click();
  await check('add-saasus-connection-form');
  await page.keyboard.press('Escape');

  await page.getByTestId('open-settings').click();
  await check('settings');
});
