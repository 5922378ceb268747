/**
 * `npm run mutation [-- <module>...] [--incremental] [--concurrency N]`: mutation testing of the
 * security-critical modules, each against its own unit tests (the modules and their tests are in
 * stryker.config.mjs). One Stryker run per module, one after the other; each prints Stryker's own
 * clear-text report (every surviving mutant, then the score), and at the end a table gives every
 * module's figures against the goal. The JSON reports (and Stryker's incremental files, with
 * `--incremental`: a re-run then tests only the mutants whose code or tests changed, see
 * stryker.config.mjs for its limit) go to reports/mutation/, which git ignores. Exits 1 when a
 * module misses the goal or a run fails.
 *
 * `npm run mutation` runs this inside scripts/with-keyring.sh: the journal's and the router's
 * tests use the real keychain. Not part of `npm test` (it takes minutes per module).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTATION_GOAL, MUTATION_MODULES, REPORT_DIR } from '../stryker.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--concurrency'));

const all = Object.keys(MUTATION_MODULES);
if (flag('--help') || flag('--list')) {
  console.log(`npm run mutation [-- <module>...] [--incremental] [--concurrency N]\nmodules: ${all.join(', ')}`);
  process.exit(0);
}
const unknown = positional.filter((m) => !all.includes(m));
if (unknown.length > 0) {
  console.error(`Unknown module(s): ${unknown.join(', ')}. Known: ${all.join(', ')}.`);
  process.exit(2);
}
const chosen = positional.length > 0 ? positional : all;

mkdirSync(path.join(root, REPORT_DIR), { recursive: true });
const rows = [];
for (const name of chosen) {
  console.log(`\n==> mutation: ${name} (${MUTATION_MODULES[name].testFiles.join(', ')})`);
  const reportFile = path.join(root, REPORT_DIR, `${name}.json`);
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'stryker.config.mjs'],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        TESSERA_MUTATION_MODULE: name,
        TESSERA_MUTATION_INCREMENTAL: flag('--incremental') ? '1' : '0',
        ...(option('--concurrency') ? { TESSERA_MUTATION_CONCURRENCY: option('--concurrency') } : {}),
      },
    },
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  if (run.status !== 0 || !existsSync(reportFile)) {
    rows.push({ name, failed: true, seconds });
    continue;
  }
  rows.push({ name, seconds, ...figures(JSON.parse(readFileSync(reportFile, 'utf8'))) });
}

/**
 * Stryker's own definition: detected (killed or timed out) over valid mutants (detected, survived,
 * not covered); mutants that do not compile or crash the runner are not counted.
 */
function figures(report) {
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  let ranNoTest = 0;
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      count[m.status] = (count[m.status] ?? 0) + 1;
      if (m.status === 'Survived' && m.testsCompleted === 0) ranNoTest += 1;
    }
  }
  const killed = count.Killed + count.Timeout;
  const survived = count.Survived + count.NoCoverage;
  const mutants = killed + survived;
  return { mutants, killed, survived, ranNoTest, invalid: count.CompileError + count.RuntimeError, score: mutants === 0 ? 100 : (100 * killed) / mutants };
}

const table = [
  ['module', 'mutants', 'killed', 'survived', 'score', `goal ≥ ${MUTATION_GOAL} %`, 'time'],
  ...rows.map((r) =>
    r.failed
      ? [r.name, '—', '—', '—', 'run failed', 'no', `${r.seconds} s`]
      : [r.name, String(r.mutants), String(r.killed), String(r.survived), `${r.score.toFixed(2)} %`, r.score >= MUTATION_GOAL ? 'met' : 'NOT MET', `${r.seconds} s`],
  ),
];
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
console.log('\n==> mutation summary (each module against its own tests; killed includes timeouts)');
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
for (const r of rows.filter((row) => row.ranNoTest > 0)) {
  // Stryker's vitest runner counts a test file that throws while it is collected as "no tests, no
  // failure": the mutant survives unseen. Module code called at the top of a describe does that.
  console.log(`warning: ${r.ranNoTest} survivor(s) of ${r.name} ran no test (a test file failed to load under the mutant: call the module in hooks or tests, not while collecting)`);
}
writeFileSync(path.join(root, REPORT_DIR, 'summary.json'), `${JSON.stringify({ goal: MUTATION_GOAL, modules: rows }, null, 2)}\n`);
process.exit(rows.every((r) => !r.failed && r.score >= MUTATION_GOAL) ? 0 : 1);
