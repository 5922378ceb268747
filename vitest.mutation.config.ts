/**
 * vitest for the mutation run only (stryker.config.mjs, scripts/mutation.mjs).
 *
 * - Tests: only the test files of the module being mutated (TESSERA_MUTATION_TESTS, set by
 *   stryker.config.mjs), so that each module is judged by its own tests.
 * - Pool: Stryker's vitest runner forces vitest's `threads` pool; keytar loaded by a second worker
 *   thread of one process registers its GLib types twice, which hangs or crashes the run
 *   (SIGSEGV). The plugin below puts every project back on the `forks` pool, as `npm test` runs
 *   it: one child process per test file, keytar loaded once in each, fresh modules for every run
 *   (Stryker's static mutants need that). Stryker's setup file reports coverage and hit counts
 *   through the tasks' metadata, which crosses processes as well.
 */
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

const tests: unknown = JSON.parse(process.env.TESSERA_MUTATION_TESTS ?? 'null');
if (!Array.isArray(tests) || tests.length === 0) throw new Error('vitest.mutation.config.ts runs under `npm run mutation` only (TESSERA_MUTATION_TESTS is not set).');

const forksPool: Plugin = {
  name: 'tessera:mutation-forks-pool',
  configureVitest({ project }) {
    project.config.pool = 'forks';
  },
};

export default defineConfig({ ...base, plugins: [forksPool], test: { ...base.test, include: tests as string[] } });
