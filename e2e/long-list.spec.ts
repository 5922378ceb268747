/**
 * A thousand accounts in the windowed list (components/AccountList.tsx): only the rows in view
 * are drawn, yet the list still says how long it is, the keys reach every account and scroll it
 * into view, the focused row survives being scrolled away and the list being worked out again,
 * and the filter searches all accounts.
 */
import { expect, test } from '@playwright/test';
import { launchHarness, type Harness } from './harness/harness';
import { manyAccountName, seedManyAccounts } from './harness/many-accounts';

const COUNT = 1000;
let harness: Harness | undefined;
test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

test('a thousand accounts: drawn in view only, every one reachable by keyboard', async ({ browser }) => {
  harness = await launchHarness(browser, { before: ({ dataDir }) => seedManyAccounts(dataDir, COUNT) });
  const { page } = harness;
  // The page's timers under the test's control from a reload on, so that a minute can pass at once.
  await page.clock.install();
  await page.reload();
  const list = page.getByTestId('account-list');
  const rows = page.getByTestId('account-row');
  // Accounts that need attention come first, so the list's places are not the names' order.
  const at = (position: number) => list.locator(`[role="option"][aria-posinset="${position}"]`);

  await expect(rows.first()).toHaveAttribute('aria-setsize', String(COUNT));
  await expect(rows.first()).toHaveAttribute('aria-posinset', '1');
  expect(await rows.count()).toBeLessThan(60);

  await at(1).focus();
  await page.keyboard.press('End');
  await expect(at(COUNT)).toBeFocused();
  await expect(at(COUNT)).toBeInViewport();
  await expect(at(COUNT)).toHaveAttribute('aria-selected', 'true');
  await harness.screenshot('long-list-end');

  await page.keyboard.press('Home');
  await expect(at(1)).toBeFocused();
  await expect(at(1)).toBeInViewport();
  // The first group's heading comes into view with its first row.
  await expect(page.getByTestId('attention-heading')).toBeInViewport();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowDown');
  const focused = page.locator('[role="option"]:focus');
  const afterPage = Number(await focused.getAttribute('aria-posinset'));
  expect(afterPage).toBeGreaterThan(5);
  await expect(focused).toBeInViewport();

  // Scrolled far away with the wheel, the focused row stays in the document: the keys go on from it.
  await list.hover();
  await page.mouse.wheel(0, 60_000);
  await expect(at(COUNT)).toBeInViewport();
  await expect(focused).toHaveAttribute('aria-posinset', String(afterPage));
  // A minute passes: the list works out every account's state again, and accounts that expired
  // meanwhile move. The focused account keeps the focus, wherever it went, and the keys go on from it.
  const focusedId = await focused.getAttribute('data-account-id');
  await page.clock.runFor(60_000);
  await expect(focused).toHaveAttribute('data-account-id', focusedId!);
  const afterMinute = Number(await focused.getAttribute('aria-posinset'));
  await page.keyboard.press('ArrowDown');
  await expect(focused).toHaveAttribute('aria-posinset', String(afterMinute + 1));
  await expect(focused).toBeInViewport();
  const name = (await focused.locator('.row-name').textContent())!;
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-pane')).toContainText(name);

  // The filter searches every account, not only the drawn ones.
  await page.getByTestId('account-filter').fill(manyAccountName(777));
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('aria-setsize', '1');
});
