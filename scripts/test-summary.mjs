// Sums the vitest and Playwright JSON reports into one closing line: "tests: N passed, N failed, N skipped".
// Each failed test is named above that line with the first lines of its error, so that the end of a
// CI log, often all that is kept of it, says what failed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
/** "file › title: first lines of the error", for each failed test. */
const failures = [];
const firstLines = (text) =>
  String(text ?? '')
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '') // terminal colours
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' | ')
    .slice(0, 400);
const [unitPath, e2ePath] = process.argv.slice(2);

/** A vitest failure's first lines; its JSON report writes a timeout as a bare "STACK_TRACE_ERROR". */
function unitError(t) {
  const message = String(t.failureMessages?.[0] ?? '');
  if (!message.startsWith('Error: STACK_TRACE_ERROR')) return firstLines(message);
  return `timed out after ${Math.round(t.duration ?? 0)} ms (its test timeout)`;
}

if (unitPath && existsSync(unitPath)) {
  const unit = JSON.parse(readFileSync(unitPath, 'utf8'));
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  for (const file of unit.testResults ?? []) {
    const name = path.relative(process.cwd(), String(file.name ?? ''));
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests) failures.push(`unit ${name} › ${t.fullName ?? t.title}: ${unitError(t)}`);
    // A file that failed before any test ran (an import error, a crash) has no failed test to name.
    // It counts as one failure (vitest's numFailedTestSuites also counts each describe block
    // around a failed test, so it is not added).
    if (file.status === 'failed' && failedTests.length === 0) {
      failures.push(`unit ${name}: ${firstLines(file.message)}`);
      failed += 1;
    }
  }
  // Tests that never ran because their worker died (a native crash) are neither passed nor failed:
  // named here, so that a run whose only error is outside any test says where it was.
  const accounted = (unit.numPassedTests ?? 0) + (unit.numFailedTests ?? 0) + (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  if ((unit.numTotalTests ?? 0) > accounted) {
    for (const file of unit.testResults ?? []) {
      const notRun = (file.assertionResults ?? []).filter((t) => t.status === 'pending' || t.status === 'todo').length;
      if (notRun > 0) {
        failures.push(`unit ${path.relative(process.cwd(), String(file.name ?? ''))}: ${notRun} tests did not run (vitest reported an error outside any test: a worker that exited, or an unhandled error; see above)`);
        failed += 1;
      }
    }
  }
  console.log(`unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed, ${unit.numPendingTests} skipped`);
} else {
  failed += 1;
  console.log('unit: no report (vitest did not run)');
}

/** Every skipped test with the reason it gave (test.skip(condition, reason)); every failed one into `failures`. */
function skippedWithReasons(suites, out = []) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'unexpected' || t.status === 'flaky') {
          const error = (t.results ?? []).map((r) => r.error?.message).find(Boolean);
          failures.push(`e2e ${spec.file} › ${spec.title} (${t.status}): ${firstLines(error)}`);
        }
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

if (failures.length > 0) {
  console.log(`failed (${failures.length}):`);
  for (const line of failures) console.log(`  ${line}`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
