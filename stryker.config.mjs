// @ts-check
/**
 * Mutation testing of the security-critical modules (`npm run mutation`, see scripts/mutation.mjs).
 *
 * Each module is mutated against ITS OWN unit test file(s) only: a mutant that only an end-to-end
 * or another module's test would notice counts as surviving, because the point is that the
 * module's own tests pin its behaviour down. One Stryker run per module; this file describes every
 * module (MUTATION_MODULES) and, as Stryker's config, the run named by TESSERA_MUTATION_MODULE.
 *
 * Keychain tests: keytar must be loaded once per process. Stryker's vitest runner forces vitest's
 * `threads` pool, and a second worker thread loading keytar hangs or crashes in GLib, so the
 * mutation run's vitest config (vitest.mutation.config.ts) puts the tests back on the `forks` pool
 * `npm test` uses. scripts/mutation.mjs runs everything inside scripts/with-keyring.sh.
 */
import { readFileSync } from 'node:fs';

/** What a module's score must reach; scripts/mutation.mjs prints it next to each score. */
export const MUTATION_GOAL = 90;

/**
 * The line range of each named function, method or top-level constant of `file`, as Stryker
 * `mutate` ranges (`file:start-end`), so that a module of which only part is security-critical is
 * mutated there only, and the ranges follow the code when lines move. A name that is not found is
 * an error.
 */
function functionRanges(file, names) {
  const lines = readFileSync(new URL(file, import.meta.url), 'utf8').split('\n');
  return names.map((name) => {
    // A top-level `function name(` or a class method `  [private] [async] name(`: not a call.
    const head = new RegExp(`^(?:()(?:export\\s+)?(?:async\\s+)?function\\s+|(  )(?:private\\s+)?(?:async\\s+)?)${name}\\s*[(<]`);
    // A top-level `[export] const name =`: it ends at the first line that ends with `;` and is
    // followed by a line that is not indented (the next statement, or a blank line).
    const constant = new RegExp(`^(?:export\\s+)?const\\s+${name}\\b`);
    const start = lines.findIndex((line) => head.test(line) || constant.test(line));
    if (start < 0) throw new Error(`stryker.config.mjs: ${name} not found in ${file}`);
    const match = head.exec(lines[start]);
    const end = match
      ? lines.findIndex((line, i) => i > start && line === `${match[1] ?? match[2] ?? ''}}`)
      : lines.findIndex((line, i) => i >= start && line.endsWith(';') && !/^\s/.test(lines[i + 1] ?? ''));
    if (end < 0) throw new Error(`stryker.config.mjs: the end of ${name} not found in ${file}`);
    return `${file}:${start + 1}-${end + 1}`;
  });
}

const ACCOUNTS_SERVICE = 'src/main/accounts/accounts-service.ts';
const SECRET_WRITES = 'src/main/accounts/secret-writes.ts';
const JOURNAL = 'src/main/accounts/journal.ts';
const CLEVER_TOOLS_CONFIG = 'src/main/providers/clever-cloud/clever-tools-config.ts';

/** name → the code mutated and the test files that must notice. */
export const MUTATION_MODULES = {
  oauth1: {
    mutate: ['src/main/providers/clever-cloud/oauth1.ts'],
    testFiles: ['src/main/providers/clever-cloud/oauth1.test.ts'],
  },
  'saasus-signature': {
    mutate: ['src/main/providers/saasus/signature.ts'],
    testFiles: ['src/main/providers/saasus/signature.test.ts'],
  },
  'single-flight': {
    mutate: ['src/main/util/single-flight.ts'],
    testFiles: ['src/main/util/single-flight.test.ts'],
  },
  router: {
    mutate: ['src/main/ipc/router.ts'],
    testFiles: ['src/main/ipc/router.test.ts', 'src/main/ipc/router-hostile.test.ts'],
  },
  // The keychain write journal: the save / remove ordering of accounts-service.ts and of its
  // keychain writes (secret-writes.ts), and the startup half (finishing interrupted work, the pure
  // journal edits) in journal.ts.
  'accounts-journal': {
    mutate: [
      ...functionRanges(ACCOUNTS_SERVICE, ['recoverIfNeeded', 'remove', 'save', 'saveRefreshed']),
      ...functionRanges(SECRET_WRITES, ['deleteKeys', 'deleteDropped', 'writeSecrets', 'abandon']),
      ...functionRanges(JOURNAL, ['finishInterrupted', 'entryKeys', 'withoutJournal', 'droppedSet', 'withRemoval']),
    ],
    testFiles: ['src/main/accounts/accounts-service.test.ts'],
  },
  'window-policy': {
    mutate: ['src/main/security/window-policy.ts'],
    testFiles: ['src/main/security/window-policy.test.ts'],
  },
  'loopback-callback': {
    mutate: ['src/main/net/loopback-callback.ts'],
    testFiles: ['src/main/net/loopback-callback.test.ts'],
  },
  'clipboard-guard': {
    mutate: ['src/main/clipboard/clipboard-guard.ts'],
    testFiles: ['src/main/clipboard/clipboard-guard.test.ts'],
  },
  // The keychain-bound MACs that say where a secret may go, and the upgrade step that first seals them.
  bindings: {
    mutate: ['src/main/vault/bindings.ts'],
    testFiles: ['src/main/vault/bindings.test.ts'],
  },
  // What a packaged Tessera ignores of the environment.
  'launch-options': {
    mutate: ['src/main/launch-options.ts'],
    testFiles: ['src/main/launch-options.test.ts'],
  },
  // Only the guard that opens, inspects and reads the path the window names; the parsing of the
  // file's text is not mutated here.
  'clever-tools-file': {
    mutate: functionRanges(CLEVER_TOOLS_CONFIG, ['MAX_CONFIG_BYTES', 'readCleverToolsConfig', 'readConfigText', 'checkFile', 'notAFile', 'tooLarge']),
    testFiles: ['src/main/providers/clever-cloud/clever-tools-config.test.ts'],
  },
  // The one list of host names that mean "this computer".
  loopback: {
    mutate: ['src/main/net/loopback.ts'],
    testFiles: ['src/main/net/loopback.test.ts'],
  },
  // The check of every provider base URL before anything is sent to it.
  'service-url': {
    mutate: ['src/main/net/service-url.ts'],
    testFiles: ['src/main/net/service-url.test.ts'],
  },
  // What each error code calls for: retried, waits for the user, or a bug.
  'error-policy': {
    mutate: ['src/shared/error-policy.ts'],
    testFiles: ['src/shared/error-policy.test.ts'],
  },
};

export const REPORT_DIR = 'reports/mutation';

const name = process.env.TESSERA_MUTATION_MODULE ?? '';
const selected = MUTATION_MODULES[/** @type {keyof typeof MUTATION_MODULES} */ (name)];
if (process.env.TESSERA_MUTATION_MODULE !== undefined && !selected) throw new Error(`stryker.config.mjs: unknown module "${name}"`);
// Read by vitest.mutation.config.ts in Stryker's test-runner processes, which inherit it.
if (selected) process.env.TESSERA_MUTATION_TESTS = JSON.stringify(selected.testFiles);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  allowConsoleColors: Boolean(process.stdout.isTTY),
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // Without a module named, Stryker alone would mutate nothing: run it through scripts/mutation.mjs.
  mutate: selected?.mutate ?? [],
  // The module's own tests are chosen by vitest.mutation.config.ts (its `include`), not by Stryker's
  // `testFiles`: with `testFiles`, Stryker 9.6 activates static mutants (module-level constants such
  // as a regular expression or a set of forbidden keys) only after the module has loaded, so they
  // would all survive unseen.
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.TESSERA_MUTATION_CONCURRENCY ?? 2),
  // The machine is shared: a slow run is not a timeout. A mutant that loops forever still is.
  timeoutMS: 10_000,
  // Opt-in (`npm run mutation -- --incremental`): Stryker 9.6 reuses a static mutant's old result
  // even when the tests changed (it has no per-test coverage to see that), so a full run is the
  // default and the figures in README.md come from full runs.
  incremental: process.env.TESSERA_MUTATION_INCREMENTAL === '1',
  incrementalFile: `${REPORT_DIR}/${name || 'none'}.incremental.json`,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: `${REPORT_DIR}/${name || 'none'}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  thresholds: { high: MUTATION_GOAL, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  // Only what a test run needs is copied into Stryker's sandbox.
  ignorePatterns: ['out', 'dist', 'bench', 'docs', 'resources', 'e2e/artifacts', 'test-results', 'playwright-report', 'reports', '*.log'],
};
