/**
 * Runs after the whole end-to-end suite (a project that depends on it: playwright.config.ts) and
 * asserts that no secret any test saw issued or stored is anywhere in what the run left behind.
 * See e2e/harness/secrets-audit.ts for what is scanned and how.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS_DIR, AUDIT_CAPTURES_DIR, AUDIT_LEDGER_DIR } from './harness/harness';
import { audit, encodings, readLedgers } from './harness/secrets-audit';

const PLAYWRIGHT_OUTPUT = path.resolve(import.meta.dirname, '../test-results/e2e');

test('no secret issued during the end-to-end suite is in its bridge values, logs, metadata or artifacts', () => {
  const { secrets, ledgers } = readLedgers(AUDIT_LEDGER_DIR);
  // An audit of nothing proves nothing: the provider tests issue dozens of secrets.
  expect(ledgers, 'no harness left a ledger: did the end-to-end tests run?').toBeGreaterThan(5);
  expect(secrets.size).toBeGreaterThan(20);
  const report = audit(secrets, [AUDIT_CAPTURES_DIR, ARTIFACTS_DIR, PLAYWRIGHT_OUTPUT], ledgers);
  process.stdout.write(
    `secrets audit: ${report.secrets} secrets from ${report.ledgers} test harnesses, looked for in ${report.files} files ` +
      `(${(report.bytes / 1e6).toFixed(1)} MB): ${report.hits.length} hit(s)\n`,
  );
  expect(report.files).toBeGreaterThan(ledgers * 3);
  expect(report.hits).toEqual([]);
});

test('the audit finds a secret in each form a file could hold it', () => {
  // The check above is only worth something if the scanner sees what it looks for.
  const secret = 'Zm9vYmFy/c2VjcmV0+dG9rZW4=value';
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-audit-selftest-'));
  try {
    const forms = encodings(secret);
    expect(forms.map((f) => f.encoding)).toEqual(['plain', 'percent-encoded', 'base64 (alignment 0)', 'base64 (alignment 1)', 'base64 (alignment 2)']);
    forms.forEach((form, i) => {
      mkdirSync(path.join(dir, String(i)));
      const shift = Number(/alignment (\d)/.exec(form.encoding)?.[1] ?? -1);
      // Base64 forms: the secret inside a longer value, starting at that alignment.
      const content = shift >= 0 ? Buffer.from(`abc${'x'.repeat(shift)}${secret}tail`).toString('base64') : `{"value":"${form.needle}"}`;
      writeFileSync(path.join(dir, String(i), 'file.txt'), content);
    });
    const report = audit(new Set([secret]), [dir]);
    expect(new Set(report.hits.map((h) => h.file)).size).toBe(forms.length);
    expect(report.hits.every((h) => h.secret === 'Zm9vYm…')).toBe(true);
    expect(audit(new Set(['not-in-any-of-these-files']), [dir]).hits).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
