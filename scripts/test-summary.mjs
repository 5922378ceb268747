// Sums the vitest and Playwright JSON reports into one closing line: "tests: N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const [unitPath, e2ePath] = process.argv.slice(2);

if (unitPath && existsSync(unitPath)) {
  const unit = JSON.parse(readFileSync(unitPath, 'utf8'));
  passed += unit.numPassedTests ?? 0;
  failed += (unit.numFailedTests ?? 0) + (unit.numFailedTestSuites ?? 0);
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  console.log(`unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed, ${unit.numPendingTests} skipped`);
} else {
  failed += 1;
  console.log('unit: no report (vitest did not run)');
}

/** Every skipped test with the reason it gave (test.skip(condition, reason)). */
function skippedWithReasons(suites, out = []) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const reason = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
        out.push(`${spec.file}: ${spec.title} — skipped: ${reason}`);
      }
    }
    skippedWithReasons(suite.suites, out);
  }
  return out;
}

if (e2ePath && existsSync(e2ePath)) {
  const report = JSON.parse(readFileSync(e2ePath, 'utf8'));
  for (const line of skippedWithReasons(report.suites)) console.log(line);
  const stats = report.stats ?? {};
  passed += stats.expected ?? 0;
  failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0);
  skipped += stats.skipped ?? 0;
  console.log(`e2e: ${stats.expected ?? 0} passed, ${stats.unexpected ?? 0} failed, ${stats.skipped ?? 0} skipped`);
} else {
  failed += 1;
  console.log('e2e: no report (playwright did not run)');
}

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
