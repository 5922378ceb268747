/**
 * The app serves the `tessera` command (src/main/agent/app-agent.ts): the harness's main host runs
 * the agent as the app does, and the BUILT command (out/cli/tessera.cjs, as `npm run build` makes
 * it) runs as a child process without a terminal against the harness's data folder. The question
 * appears in the window; "Allow once" hands the token out, "Deny" exits 4. A headless agent that
 * runs when the app starts is taken over. The secrets audit holds: the token reaches the command's
 * output only, never the page or what the bridge carried (only the question's text does).
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startSaasusEmulator, type SaasusEmulator } from '../emulators/saasus/server';
import { CLI, cliEnv as env, requireBuiltCli, tessera } from './harness/cli';
import { launchHarness, type Harness } from './harness/harness';
import { addSaasusAccount } from './harness/seed';

const PTY_RUN = path.resolve(import.meta.dirname, '../test/cli/support/pty-run.py');

let emulator: SaasusEmulator;
let harness: Harness | undefined;

test.beforeAll(requireBuiltCli);
test.beforeEach(async () => {
  emulator = await startSaasusEmulator();
});
test.afterEach(async () => {
  if (harness) expect(await harness.closeAudited(emulator.issuedSecrets())).toEqual([]);
  harness = undefined;
  await emulator.close();
});

test('tessera token asks in the window: "Allow once" prints the token, "Deny" exits 4', async ({ browser }) => {
  harness = await launchHarness(browser);
  const { page } = harness;
  const id = await addSaasusAccount(harness, emulator, 28996, 'S');

  const allowed = tessera(harness, ['token', id]);
  const dialog = page.getByTestId('approval-dialog');
  await expect(dialog).toBeVisible();
  // The caller and the account, as text.
  await expect(page.getByTestId('approval-text')).toContainText(`pid ${process.pid}`);
  await expect(page.getByTestId('approval-text')).toContainText(emulator.config.users[0]!.email);
  await page.getByTestId('approval-once').click();
  const run = await allowed;
  expect(run.code).toBe(0);
  expect(emulator.issuedSecrets()).toContain(run.stdout.trim());
  await expect(dialog).toBeHidden();

  const denied = tessera(harness, ['token', id]);
  await expect(dialog).toBeVisible();
  await page.getByTestId('approval-deny').click();
  const refused = await denied;
  expect(refused.code).toBe(4);
  expect(refused.stdout).toBe('');
  await expect(dialog).toBeHidden();

  // The keyboard: Enter allows once; a question asked before the window reloaded is still shown.
  const byKey = tessera(harness, ['token', id]);
  await expect(dialog).toBeVisible();
  await page.reload();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  expect((await byKey).code).toBe(0);
});

test('the question speaks the window’s language: a Japanese system reads it in Japanese', async ({ browser }) => {
  harness = await launchHarness(browser, { systemLanguages: ['ja-JP'] });
  const { page } = harness;
  const id = await addSaasusAccount(harness, emulator, 28996, 'S');
  const asked = tessera(harness, ['token', id, '--kind', 'id-token']);
  const dialog = page.getByTestId('approval-dialog');
  await expect(dialog.getByRole('heading', { name: 'プログラムが認証情報を求めています' })).toBeVisible();
  const text = page.getByTestId('approval-text');
  await expect(text).toContainText('次のアカウントのID トークンを求めています：');
  await expect(text).toContainText(emulator.config.users[0]!.email);
  await expect(page.getByTestId('approval-deny')).toHaveText('拒否');
  await harness.screenshot('approval-ja');
  await page.getByTestId('approval-deny').click();
  expect((await asked).code).toBe(4);
});

test('a headless agent that runs when the app starts is taken over; tessera status says the app serves', async ({ browser }) => {
  let headlessPid = 0;
  harness = await launchHarness(browser, {
    before: async ({ dataDir, keychainService }) => {
      await new Promise<void>((resolve, reject) => execFile(process.execPath, [CLI, 'agent', 'start'], { env: env(dataDir, keychainService) }, (error) => (error ? reject(error) : resolve())));
      const status = await tessera({ dataDir, keychainService }, ['status', '--json']);
      const agent = (JSON.parse(status.stdout) as { agent: { kind: string; pid: number } }).agent;
      expect(agent.kind).toBe('headless');
      headlessPid = agent.pid;
    },
  });
  const status = await tessera(harness, ['status', '--json']);
  const agent = (JSON.parse(status.stdout) as { agent: { kind: string; pid: number } }).agent;
  expect(agent.kind).toBe('app');
  expect(agent.pid).not.toBe(headlessPid);
  await expect.poll(() => alive(headlessPid), { timeout: 10_000 }).toBe(false);
  expect((await tessera(harness, ['status'])).stdout).toMatch(/app/i);
});

test('a grant confirmed in the window is listed in Settings with its account and directory; "Revoke" ends it', async ({ browser }) => {
  harness = await launchHarness(browser);
  const { page } = harness;
  const id = await addSaasusAccount(harness, emulator, 28996, 'S');
  // `tessera grant` must come from a terminal (test/cli/support/pty-run.py gives it one); the window confirms it.
  const granted = inPty(harness, `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} grant ${id} --for 1h --cwd /tmp`);
  await expect(page.getByTestId('approval-dialog')).toBeVisible();
  await page.getByTestId('approval-confirm').click();
  expect((await granted).code).toBe(0);

  await page.getByTestId('open-settings').click();
  const grant = page.getByTestId('grant');
  await expect(grant).toHaveCount(1);
  await expect(grant).toContainText(emulator.config.users[0]!.email);
  await expect(grant).toContainText('in /tmp');
  await page.getByTestId('grant-revoke').click();
  await expect(grant).toHaveCount(0);
  await expect(page.getByTestId('grants-empty')).toBeVisible();
  const list = await page.evaluate(() => window.tessera.listGrants());
  expect(list).toEqual({ ok: true, value: [] });
});

/** A shell command line in a pseudo-terminal (the command asks nothing on it here: the window does). */
function inPty(h: { dataDir: string; keychainService: string }, commandLine: string): Promise<{ code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [PTY_RUN], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(out) as { code: number | null }));
    child.stdin.end(JSON.stringify({ argv: ['sh', '-c', commandLine], env: env(h.dataDir, h.keychainService), cwd: '/tmp', answers: [], timeoutMs: 30_000 }));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
